"""A detail export (ChiTietTTHC_<mã>) read by its labels, in the order of spec §3.2a. Pure."""

from __future__ import annotations

import dataclasses
import re

from cchc.common.text import fold

from .blocks import Block, Para, Table
from .model import CaseDraft, ChannelDraft, ComponentDraft, DetailDraft, Issue
from .values import (
    comma_list,
    is_empty,
    is_optional,
    lines,
    parse_copies,
    parse_cutoff,
    parse_fees,
    parse_levels,
    parse_time_limit,
)

# Folded label → field. Several spellings of one field were seen between the export and the portals.
LABELS: dict[str, str] = {
    "ma thu tuc": "code", "so quyet dinh": "decision", "ten thu tuc": "name", "cap thuc hien": "levels",
    "loai thu tuc": "procedure_type", "linh vuc": "field", "trinh tu thuc hien": "steps",
    "cach thuc thuc hien": "channels", "thanh phan ho so": "components", "doi tuong thuc hien": "subjects",
    "co quan thuc hien": "implementing", "co quan co tham quyen": "competent",
    "dia chi tiep nhan hs": "intake_address", "dia chi tiep nhan ho so": "intake_address",
    "co quan duoc uy quyen": "authorised", "co quan phoi hop": "coordinating",
    "ket qua thuc hien": "results", "ket qua xu ly": "results", "can cu phap ly": "legal_basis",
    "yeu cau, dieu kien thuc hien": "requirements", "yeu cau dieu kien thuc hien": "requirements",
    "yeu cau, dieu kien": "requirements", "tu khoa": "keywords", "mo ta": "description",
    "thu tuc hanh chinh lien quan": "related",
}
LABEL_SET = set(LABELS)
EXTRA_LABELS = {"intake_address": "Địa chỉ tiếp nhận hồ sơ", "authorised": "Cơ quan được ủy quyền",
                "coordinating": "Cơ quan phối hợp"}
_RESULT_CODE = re.compile(r"\(?\s*Mã\s*:\s*([A-Z0-9.\-_]+)\s*\)?", re.IGNORECASE)


def _label_of(text: str) -> tuple[str, str] | None:
    """``"Mã thủ tục: 1.001612"`` → ``("code", "1.001612")``; ``"Lĩnh vực:"`` → ``("field", "")``."""
    first, _, rest = text.strip().partition("\n")
    folded = fold(first)
    key = folded.rstrip(" :")
    if key in LABELS:
        return LABELS[key], rest.strip()
    for label, name in LABELS.items():
        if folded.startswith(label) and folded[len(label):].lstrip().startswith(":"):
            value = first.split(":", 1)[1].strip()
            return name, "\n".join(p for p in (value, rest.strip()) if p)
    return None


def sections(blocks: list[Block]) -> dict[str, list[Block]]:
    """Blocks grouped under the label that precedes them (the first occurrence of a label wins)."""
    out: dict[str, list[Block]] = {}
    current: list[Block] | None = None
    for block in blocks:
        if isinstance(block, Para):
            hit = _label_of(block.text)
            if hit:
                name, value = hit
                current = [] if name in out else out.setdefault(name, [])
                if value:
                    current.append(Para(value))
                continue
        if current is not None:
            current.append(block)
    return out


def _text(blocks: list[Block]) -> str:
    parts = [b.text.strip() for b in blocks if isinstance(b, Para)]
    text = "\n".join(p for p in parts if p)
    return "" if is_empty(text) else text


def _tables(blocks: list[Block]) -> list[Table]:
    return [b for b in blocks if isinstance(b, Table) and b.rows]


def _header_index(rows: list[list[str]], word: str) -> int | None:
    """The row whose cells name the columns (its first cell starts with ``word`` once folded)."""
    for i, row in enumerate(rows[:3]):
        if row and fold(row[0]).startswith(word):
            return i
    return None


def _channels(blocks: list[Block]) -> list[ChannelDraft]:
    out = []
    for table in _tables(blocks):
        start = _header_index(table.rows, "hinh thuc nop")
        for row in table.rows[(start + 1 if start is not None else 0):]:
            cells = [*row, "", "", "", ""][:4]
            if not cells[0].strip() or fold(cells[0]).startswith("hinh thuc nop"):
                continue
            limit = parse_time_limit(cells[1])
            if limit is not None and limit.unit == "same_day" and limit.cutoff is None and parse_cutoff(cells[3]):
                # The cut-off is often written in the description column ("… nếu tiếp nhận sau 15 giờ").
                limit = dataclasses.replace(limit, cutoff=parse_cutoff(cells[3]))
            out.append(ChannelDraft(channel=" ".join(cells[0].split()), limit=limit,
                                    fees=tuple(parse_fees(cells[2])), description=cells[3].strip()))
    return out


def _case_name(text: str) -> str:
    name = " ".join(text.split()).strip(" :")
    return "" if fold(name) in {"bao gom", "ho so bao gom", "thanh phan ho so"} else name


def _cases(blocks: list[Block]) -> list[CaseDraft]:
    """Each component table is a case; the paragraph just before it (if any) names the case."""
    cases: list[CaseDraft] = []
    heading = ""
    for block in blocks:
        if isinstance(block, Para):
            heading = _case_name(block.text.splitlines()[-1])
            continue
        start = _header_index(block.rows, "ten giay to")
        components = []
        for row in block.rows[(start + 1 if start is not None else 0):]:
            cells = [*row, "", "", ""][:3]
            name = " ".join(cells[0].split())
            if not name or fold(name).startswith("ten giay to"):
                continue
            originals, copies = parse_copies(cells[2])
            components.append(ComponentDraft(name=name, form_name=" ".join(cells[1].split()), originals=originals,
                                             copies=copies, required=not is_optional(name)))
        if components:
            cases.append(CaseDraft(name=heading, components=components))
        heading = ""
    return cases


def _legal_basis(blocks: list[Block]) -> list[dict[str, str]]:
    out = []
    for table in _tables(blocks):
        start = _header_index(table.rows, "so ky hieu")
        for row in table.rows[(start + 1 if start is not None else 0):]:
            cells = [" ".join(c.split()) for c in [*row, "", "", "", ""][:4]]
            if cells[0] or cells[1]:
                out.append({"number": cells[0], "title": cells[1], "date": cells[2], "issuer": cells[3]})
    if not out:  # some pages list the documents as paragraphs
        out = [{"number": "", "title": line, "date": "", "issuer": ""} for line in lines(_text(blocks))]
    return out


def _results(text: str) -> list[dict[str, str]]:
    out = []
    for line in lines(text):
        match = _RESULT_CODE.search(line)
        code = match.group(1) if match else ""
        name = _RESULT_CODE.sub("", line).strip(" -:;,") if match else line
        out.append({"code": code, "name": name})
    return out


def parse_detail(file: str, blocks: list[Block], warnings: list[Issue]) -> DetailDraft:
    """Every labelled field of the export; what cannot be read is reported as a warning, never guessed."""
    sec = sections(blocks)
    d = DetailDraft(file=file)
    get = lambda key: _text(sec.get(key, []))  # noqa: E731 - a one-line reader reads best here
    d.code = get("code").split()[0] if get("code") else ""
    d.decision, d.name, d.procedure_type, d.field = get("decision"), " ".join(get("name").split()), \
        get("procedure_type"), get("field")
    d.levels, unknown = parse_levels(get("levels"))
    if unknown:
        warnings.append(Issue(file, None, f"Cấp thực hiện không nhận ra: {', '.join(unknown)} (bỏ qua)."))
    d.steps_text, d.requirements, d.keywords, d.description = get("steps"), get("requirements"), get("keywords"), \
        get("description")
    d.channels = _channels(sec.get("channels", []))
    d.cases = _cases(sec.get("components", []))
    d.subjects = comma_list(get("subjects"))
    d.implementing_agencies = lines(get("implementing"))
    d.competent_agencies = lines(get("competent"))
    d.results = _results(get("results"))
    d.legal_basis = _legal_basis(sec.get("legal_basis", []))
    d.extra = {key: get(key) for key in EXTRA_LABELS if get(key)}
    if not sec:
        warnings.append(Issue(file, None, "Không thấy mục nào của bản xuất chi tiết (Mã thủ tục, Tên thủ tục…)."))
    elif not d.channels:
        warnings.append(Issue(file, None, "Không thấy bảng “Cách thức thực hiện”: chưa có thời hạn, phí, lệ phí."))
    for ch in d.channels:
        if ch.limit is None:
            warnings.append(Issue(file, None, f"Không đọc được thời hạn của hình thức “{ch.channel}”."))
    return d
