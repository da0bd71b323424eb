"""Blocks → ``PlanDraft``: where each piece of the document is, and what it says.

Order of work: key-task tables first (so that their cells are not read as prose), then the
document header, the preamble (legal bases) and the articles of a decision, the recipients and
signature, and finally the plan body (parts, content areas, solutions, duties per agency).
A decision ("Quyết định … ban hành Kế hoạch …") carries its plan after the signature, under a
second "KẾ HOẠCH" heading; a plan issued on its own starts right after its title.
"""

from __future__ import annotations

import re

from cchc.common.text import clean

from .agencies import is_agency_like, split_agencies, strip_role
from .blocks import Block, Paragraph, Table
from .errors import NotAPlan
from .header import (
    Header,
    articles,
    is_type_heading,
    legal_bases,
    parse_header,
    recipients,
    signature,
)
from .model import Duty, Item, Part, PlanDraft
from .outline import heading_of, item_label, parse_parts, part_heading
from .tables import find_key_tasks
from .text_tables import lift_text_tables
from .vn import is_upper, key

_TABLE = "\u0000table"
_SEPARATOR = re.compile(r"^[\s\-_=*.~·–—]{3,}$")
# Header lines (motto, number, place and date) are never the wrapped half of a paragraph.
_HEADERISH = re.compile(r"cộng hòa xã hội|độc lập\s*-\s*tự do|^số\s*:|,\s*ngày\s+\d|[-_]{3,}|^nơi nhận")
_NEW_PARAGRAPH = re.compile(r"^(?:căn cứ|xét|điều\s+\d|nơi nhận|trên đây|thực hiện|tm\.|kt\.|phụ lục|danh mục)")
_APPENDIX = re.compile(r"^(?:phụ lục|danh mục|biểu\s|bảng\s|phân công nhiệm vụ)")
_CLOSING = re.compile(r"^(?:trên đây là|nơi nhận)")
_YEAR = re.compile(r"\bnăm\s+((?:19|20)\d{2})\b", re.I)
_DISTRIBUTIVE_HEAD = re.compile(r"^(?:ubnd\s+|ủy ban nhân dân\s+)?các\s+(?:sở|bộ|ban|phòng|cơ quan|đơn vị|huyện|xã)$")
_DUTY_VERB = re.compile(
    r"\s(?:chủ trì|có trách nhiệm|chịu trách nhiệm|tham mưu|hướng dẫn|phối hợp|thực hiện|triển khai|tổ chức|"
    r"xây dựng|theo dõi|căn cứ|tăng cường|bố trí|kiểm tra|đôn đốc|chỉ đạo|rà soát|báo cáo|nghiên cứu|"
    r"tiếp tục|đẩy mạnh|quan tâm)\b"
)
_DUTY_PREFIX = re.compile(r"^(?:trách nhiệm của|nhiệm vụ của|đề nghị|giao)\s+", re.I)


def build_draft(blocks: list[Block], source_format: str) -> PlanDraft:
    """Extract everything from ``blocks``; raise ``NotAPlan`` when there is no plan in them."""
    blocks = lift_text_tables(blocks)
    lines, table_at = _flatten(blocks, hard_wrapped=source_format == "text")
    header = parse_header(lines)
    plan_year = _year_of(header.title or "")  # "… NĂM 2020"; else from the plan's own title below
    tasks, _ = find_key_tasks(blocks, default_year=plan_year)
    body_start, plan_title = _plan_start(lines, header)
    if plan_year is None and plan_title:
        plan_year = _year_of(plan_title)
    body_end = _body_end(lines, body_start, table_at)
    parts = parse_parts([ln for ln in lines[body_start:body_end] if ln != _TABLE])
    preamble_end = _preamble_end(lines, header.title_end, body_start)
    arts = articles(lines, preamble_end, _articles_end(lines, preamble_end, body_start))
    recips, signer, signer_title = _recipients_and_signer(lines, header, body_start, body_end, table_at)
    sections = _sections(parts) or tuple(dict.fromkeys(t.group for t in tasks if t.group))
    if not tasks and not (parts and _is_plan_title(header, plan_title)):
        raise NotAPlan()
    return PlanDraft(
        source_format=source_format,
        document_type=header.document_type,
        document_number=header.document_number,
        issuer=header.issuer,
        issuer_parent=header.issuer_parent,
        place=header.place,
        signed_date=header.signed_date,
        signer=signer,
        signer_title=signer_title,
        title=header.title,
        plan_title=plan_title,
        plan_year=plan_year,
        legal_bases=tuple(legal_bases(lines[header.title_end:preamble_end])),
        articles=tuple(arts),
        recipients=tuple(recips),
        parts=tuple(parts),
        sections=sections,
        solutions=_solutions(parts),
        duties=_duties(parts),
        key_tasks=tuple(tasks),
    )


def _flatten(blocks: list[Block], *, hard_wrapped: bool) -> tuple[list[str], set[int]]:
    """Lines of the document; key-task tables become one marker line each."""
    _, used = find_key_tasks(blocks)
    pieces: list[list[str]] = []  # each line as the pieces it was joined from (joined once, at the end)
    marks: set[int] = set()
    for idx, block in enumerate(blocks):
        if isinstance(block, Paragraph):
            _append(pieces, block.text, hard_wrapped=hard_wrapped)
        elif idx in used:
            marks.add(len(pieces))
            pieces.append([_TABLE])
        elif isinstance(block, Table):
            for row in block.rows:
                seen: list[str] = []
                for cell in row:
                    if cell.text and cell.text not in seen:
                        seen.append(cell.text)
                        for line in cell.lines:
                            _append(pieces, line, hard_wrapped=False)
    return [" ".join(p) for p in pieces], marks


def _append(pieces: list[list[str]], text: str, *, hard_wrapped: bool) -> None:
    if _SEPARATOR.match(text):
        return  # "-------" under the issuer and the motto
    if pieces and pieces[-1] != [_TABLE] and _continues(pieces[-1], text, hard_wrapped):
        pieces[-1].append(text)
    else:
        pieces.append([text])


def _continues(prev_pieces: list[str], text: str, hard_wrapped: bool) -> bool:
    """Whether ``text`` is the rest of the paragraph ``prev`` broken by a line wrap."""
    if re.match(r"^[a-zđ][)./]\s", text) or item_label(text) or part_heading(text, 1):
        return False
    if text[:1].islower():
        return True  # a sentence does not start in lower case
    # Plain text wrapped at a fixed width: a long line without final punctuation goes on below,
    # unless what follows is a heading, a label or the start of a known paragraph type.
    prev = prev_pieces[-1]
    return (hard_wrapped and sum(len(p) for p in prev_pieces) >= 60 and not re.search(r"[.;:!?…”\")]$", prev)
            and not is_upper(text) and not is_upper(prev) and not _NEW_PARAGRAPH.match(key(text))
            and not _HEADERISH.search(key(prev)) and not _HEADERISH.search(key(text)))


def _year_of(text: str) -> int | None:
    m = _YEAR.search(text)
    return int(m.group(1)) if m else None


def _plan_start(lines: list[str], header: Header) -> tuple[int, str | None]:
    """Where the plan body starts, and the plan's own title."""
    start = header.title_end
    if header.document_type in (None, "Kế hoạch", "Chương trình"):
        return start, header.title
    for i in range(start, len(lines)):
        kind = is_type_heading(lines[i])
        if kind in ("Kế hoạch", "Chương trình"):
            title_parts = [clean(lines[i][len(kind):])] if len(lines[i]) > len(kind) else []
            j = i + 1
            while j < len(lines) and len(title_parts) < 4:
                k = key(lines[j])
                if k.startswith(("(ban hành", "(kèm theo", "ban hành kèm", "kèm theo")) or part_heading(lines[j], 1):
                    break
                if title_parts and not is_upper(lines[j]):
                    break
                title_parts.append(lines[j])
                j += 1
            while j < len(lines) and key(lines[j]).startswith(("(ban hành", "(kèm theo", "ban hành kèm", "kèm theo")):
                j += 1
            return j, clean(" ".join(t for t in title_parts if t)) or None
    title = header.title or ""
    m = re.search(r"kế hoạch\s+(.*)$", title, re.I)
    return start, (clean(m.group(1)) if m else None)


def _body_end(lines: list[str], start: int, table_at: set[int]) -> int:
    for i in range(start, len(lines)):
        if i in table_at:
            continue  # a task table inside a part ("chi tiết tại bảng sau") does not end the body
        k = key(lines[i])
        if _CLOSING.match(k) or (_APPENDIX.match(k) and is_upper(lines[i])):
            return i
        if is_upper(lines[i]) and re.match(r"^(?:tm|kt|tl)\.", k):
            return i
    return len(lines)


def _preamble_end(lines: list[str], start: int, body_start: int) -> int:
    for i in range(start, len(lines)):
        if lines[i].startswith("Điều ") or part_heading(lines[i], 1) or i >= body_start > start:
            return i
    return len(lines)


def _articles_end(lines: list[str], start: int, body_start: int) -> int:
    for i in range(start, len(lines)):
        line = lines[i]
        if (i >= body_start > start) or line == _TABLE or key(line).startswith("nơi nhận") or is_type_heading(line):
            return i
        if is_upper(line) and not line.startswith("Điều"):
            return i  # the signature block ("CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN")
    return len(lines)


def _recipients_and_signer(
    lines: list[str], header: Header, body_start: int, body_end: int, table_at: set[int]
) -> tuple[list[str], str | None, str | None]:
    # A decision is signed before its attached plan; a plan on its own at the end of its body.
    search_from = header.title_end if header.document_type == "Quyết định" else body_end
    nn = next((i for i in range(search_from, len(lines)) if key(lines[i]).startswith("nơi nhận")), None)
    recips: list[str] = []
    if nn is not None:
        recips, _ = recipients(lines, nn)
        lo, hi = max(search_from, nn - 12), min(len(lines), nn + len(recips) + 14)
    else:
        lo, hi = search_from, len(lines)
    name, title, _ = signature(lines, lo, hi)
    if name is None and nn is not None:
        name, title, _ = signature(lines, search_from, len(lines))
    return recips, name, title


def _is_plan_title(header: Header, plan_title: str | None) -> bool:
    text = key(f"{header.document_type or ''} {header.title or ''} {plan_title or ''}")
    return "kế hoạch" in text or "chương trình" in text


def _sections(parts: list[Part]) -> tuple[str, ...]:
    contents = next((p for p in parts if p.kind == "contents"), None)
    if contents is None:
        return ()
    return tuple(heading_of(i) for i in contents.items if i.label and i.label not in ("-", "+", "•"))


def _solutions(parts: list[Part]) -> tuple[str, ...]:
    part = next((p for p in parts if p.kind == "solutions"), None)
    if part is None:
        return ()
    return tuple(_flat_text(i) for i in part.items if i.text)


def _flat_text(item: Item) -> str:
    return clean(" ".join([item.text, *(_flat_text(c) for c in item.children)]))


def _duties(parts: list[Part]) -> tuple[Duty, ...]:
    part = next((p for p in parts if p.kind == "implementation"), None)
    if part is None:
        return ()
    numbered = [i for i in part.items if i.label and i.label not in ("-", "+", "•")]
    out: list[Duty] = []
    for item in numbered or [i for i in part.items if i.label]:
        duty = _duty(item)
        if duty is not None:
            out.append(duty)
    return tuple(out)


def _duty(item: Item) -> Duty | None:
    heading, inline = _split_duty(item.text, has_children=bool(item.children))
    if heading is None:
        return None
    tasks = ([inline] if inline else []) + [_flat_text(c) for c in item.children]
    agencies = []
    for name in split_agencies(_DUTY_PREFIX.sub("", heading)):
        name = strip_role(name)
        if name not in agencies:
            agencies.append(name)
    return Duty(heading=heading, agencies=tuple(agencies), tasks=tuple(t for t in tasks if t))


def _split_duty(text: str, *, has_children: bool) -> tuple[str | None, str | None]:
    """"Sở Nội vụ" / "Các Sở: A, B, Ban X: Tham mưu …" / "Sở Tư pháp chủ trì …" → (agencies, duty)."""
    bare = _DUTY_PREFIX.sub("", text)
    depth = 0
    for pos, ch in enumerate(text):
        depth += ch == "("
        depth -= ch == ")"
        if ch != ":" or depth > 0:
            continue
        head = text[:pos].strip()
        if _DISTRIBUTIVE_HEAD.match(key(head)):
            continue  # "Các Sở: Kế hoạch và Đầu tư, …" — the list follows this colon
        if is_agency_like(_DUTY_PREFIX.sub("", head)) and len(head) <= 300:
            return head, clean(text[pos + 1:]) or None
        break
    if is_agency_like(bare) and (has_children or len(text) <= 120) and not _DUTY_VERB.search(text):
        return clean(text).rstrip(" .:;"), None
    m = _DUTY_VERB.search(text)
    if m and is_agency_like(bare) and m.start() <= 200:
        return clean(text[: m.start()]), clean(text[m.start():])
    return None, None
