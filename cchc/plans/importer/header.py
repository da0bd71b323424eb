"""The document's frame: issuer, number, place and date, type and title, legal bases, articles,
recipients and the signature block.

Works on the flattened lines of the document (paragraphs, and the cells of layout tables row by
row). Official documents put issuer and national motto side by side; copies from portals and
PDFs may interleave the two columns line by line or even on one line, so the motto is cut out of
every header line rather than expected on a line of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from cchc.common.text import clean

from .agencies import is_agency_like
from .model import Article
from .vn import agency_case, is_upper, key, position_case

DOC_TYPES = {
    "quyết định": "Quyết định", "kế hoạch": "Kế hoạch", "chương trình": "Chương trình",
    "chỉ thị": "Chỉ thị", "nghị quyết": "Nghị quyết", "hướng dẫn": "Hướng dẫn", "đề án": "Đề án",
    "thông báo": "Thông báo", "công văn": "Công văn", "báo cáo": "Báo cáo", "tờ trình": "Tờ trình",
}
SYMBOL_TYPES = {"QĐ": "Quyết định", "KH": "Kế hoạch", "CTr": "Chương trình", "CT": "Chỉ thị",
                "NQ": "Nghị quyết", "HD": "Hướng dẫn", "ĐA": "Đề án", "TB": "Thông báo", "BC": "Báo cáo"}
_MOTTO = re.compile(r"c[ộo]ng\s+h[òoà]a\s+x[ãa]\s+h[ộo]i\s+ch[ủu]\s+ngh[ĩi]a\s+vi[ệe]t\s+nam", re.I)
_MOTTO2 = re.compile(r"độc\s+lập\s*[-–—]\s*tự\s+do\s*[-–—]\s*hạnh\s+phúc", re.I)
_NUMBER = re.compile(r"\bSố\s*[:.]?\s*(\d+[A-Za-z]?)\s*/\s*((?:\d{4}\s*/\s*)?[A-ZĐa-zđ0-9][A-ZĐa-zđ0-9&.\-–]*(?:\s*/\s*[A-ZĐa-zđ0-9&.\-–]+)*)")
_NUMBER_BLANK = re.compile(r"\bSố\s*[:.]?\s*(?:\.{2,}|…|\s)*/")
_DATE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})|ngày\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})",
                   re.I)
_PLACE = re.compile(r"([^,;:]{2,60}?),\s*ngày\b", re.I)
_NOT_ISSUER = re.compile(r"^(?:dự thảo|khẩn|hỏa tốc|thượng khẩn|mật|tối mật|bản sao|sao y)$")
_AUTHORITY = re.compile(r"^(?:chủ tịch|ủy ban nhân dân|ubnd|giám đốc|hội đồng|bộ trưởng|thủ tướng|trưởng ban|"
                        r"ban chấp hành|ban thường vụ|trưởng phòng|chánh văn phòng)(?![\wà-ỹđ])")
_TITLE_STOP = re.compile(r"^(?:căn cứ|xét|điều\s+\d|\(ban hành kèm|\(kèm theo|ban hành kèm|kèm theo|[ivx]{1,5}\s*[.:/)\-–]\s)")
_REFERENCE = re.compile(r"\bsố\s+\d+\s*/")
_ARTICLE = re.compile(r"^Điều\s+(\d+)\s*[.:]?\s*(.*)$")
_POSITION = (r"(?:chủ tịch|giám đốc|chánh văn phòng|chánh thanh tra|trưởng ban|trưởng phòng|bí thư|cục trưởng|"
             r"chi cục trưởng|viện trưởng|hiệu trưởng|thủ trưởng|bộ trưởng|trưởng đoàn|tổng giám đốc)")
_SIGN_TITLE = re.compile(rf"^(?:(tm|kt|tl|tuq|q)\s*\.\s*)?((?:phó\s+|quyền\s+)?{_POSITION}(?:\s+.*)?|ủy ban nhân dân.*|ubnd.*|"
                         r"hội đồng nhân dân.*|ban chỉ đạo.*|ban thường vụ.*)$")
_SIGNED_MARK = re.compile(r"^[\[(]?\s*(?:đã\s+ký|ký|chữ\s+ký\s+số|ký,?\s+ghi\s+rõ.*|daky|signed)\s*[\])]?\.?$", re.I)
_NOT_NAME = {"Nơi", "Điều", "Sở", "Ban", "Văn", "Ủy", "Trung", "Đã", "Ký", "Kế", "Quyết", "Chủ", "Phó",
             "Giám", "Các", "Tỉnh", "Huyện", "Xã", "Phòng", "Cục", "Bộ", "Thủ", "Ngày", "Số"}


@dataclass
class Header:
    """What the frame of the document says; indexes point into the line list."""

    document_type: str | None = None
    type_index: int | None = None
    document_number: str | None = None
    issuer: str | None = None
    issuer_parent: str | None = None
    place: str | None = None
    signed_date: date | None = None
    title: str | None = None
    title_end: int = 0
    legal_bases: list[str] = field(default_factory=list)


def strip_motto(line: str) -> str:
    """The line without the national motto (which may share a line with the issuer)."""
    out = _MOTTO.sub(" ", line)
    out = _MOTTO2.sub(" ", out)
    return clean(re.sub(r"[-_=*]{3,}", " ", out))  # the rules drawn under issuer and motto


def is_type_heading(line: str) -> str | None:
    """"QUYẾT ĐỊNH" / "KẾ HOẠCH …" in capitals → the canonical type, else None."""
    if not is_upper(line):
        return None
    k = key(line).rstrip(":")
    for word, canon in DOC_TYPES.items():
        if k == word or k.startswith(word + " "):
            return canon
    return None


def parse_header(lines: list[str]) -> Header:
    """Read issuer, number, place/date, type and title from the top of the document."""
    h = Header()
    anchor = next((i for i, ln in enumerate(lines[:80]) if _MOTTO.search(key(ln))), None)
    if anchor is None:
        anchor = next((i for i, ln in enumerate(lines[:80]) if _NUMBER.search(ln)), 0)
    h.type_index = next((i for i in range(anchor, min(len(lines), anchor + 40)) if is_type_heading(lines[i])), None)
    end = h.type_index if h.type_index is not None else min(len(lines), anchor + 8)
    window = lines[max(0, anchor - 6):end]
    _number_place_date(h, window)
    h.issuer, h.issuer_parent = _issuer(lines, anchor, end)
    if h.type_index is not None:
        h.document_type = is_type_heading(lines[h.type_index])
        h.title, h.title_end = _title(lines, h.type_index)
    if h.document_type is None and h.document_number:
        symbol = h.document_number.split("/")[-1].split("-")[0]
        h.document_type = SYMBOL_TYPES.get(symbol)
    return h


def _number_place_date(h: Header, window: list[str]) -> None:
    for line in window:
        if h.document_number is None:
            m = _NUMBER.search(line)
            if m:
                h.document_number = re.sub(r"\s+", "", f"{m.group(1)}/{m.group(2)}").replace("–", "-").rstrip(".-")
        if h.place is None and re.search(r",\s*ngày\b", line, re.I):
            rest = _NUMBER.sub(" ", strip_motto(line))
            rest = _NUMBER_BLANK.sub(" ", rest)
            pm = _PLACE.search(rest)
            if pm:
                h.place = _place(pm.group(1))
            dm = _DATE.search(rest)
            if dm:
                d, m, y = dm.group(1, 2, 3) if dm.group(1) else dm.group(4, 5, 6)
                try:
                    h.signed_date = date(int(y), int(m), int(d))
                except ValueError:
                    h.signed_date = None


def _place(text: str) -> str | None:
    words = clean(text).split(" ")
    keep: list[str] = []
    for w in reversed(words):
        if w[:1].isupper() or w.lower() in ("tp.", "tx.") or (keep and w.lower() in ("thành", "phố", "thị", "xã")):
            keep.insert(0, w)
        else:
            break
    return " ".join(keep) or None


def _issuer(lines: list[str], anchor: int, end: int) -> tuple[str | None, str | None]:
    candidates: list[str] = []
    start = anchor
    while start > 0 and anchor - start < 4 and is_upper(strip_motto(lines[start - 1]) or "x"):
        start -= 1
    for i in range(start, end):
        text = strip_motto(lines[i])
        text = clean(_NUMBER.sub(" ", text))
        if not text or re.search(r",\s*ngày\b", text, re.I) or not is_upper(text) or _NOT_ISSUER.match(key(text)):
            continue
        if i > anchor and candidates and _NUMBER.search(lines[i - 1] or ""):
            break  # after "Số: …" comes the body, not the issuer
        candidates.append(text)
    entities: list[str] = []
    for text in candidates:
        if entities and not is_agency_like(text):
            entities[-1] = f"{entities[-1]} {text}"  # "ỦY BAN NHÂN DÂN" + "TỈNH THÁI NGUYÊN"
        else:
            entities.append(text)
    if not entities:
        return None, None
    issuer = agency_case(entities[-1])
    parent = agency_case(entities[0]) if len(entities) > 1 else None
    return issuer, parent


def _title(lines: list[str], type_index: int) -> tuple[str | None, int]:
    heading = lines[type_index]
    canon = is_type_heading(heading) or ""
    first = clean(heading[len(canon):]).strip(": ") if len(heading) > len(canon) else ""
    parts = [first] if first else []
    i = type_index + 1
    while i < len(lines) and len(parts) < 4:
        line = lines[i]
        k = key(line)
        if _TITLE_STOP.match(k) or (is_upper(line) and _AUTHORITY.match(k)) or is_type_heading(line):
            break
        if parts and not (is_upper(line) or line[:1].islower() or k.startswith(("về việc", "v/v"))):
            break
        if not parts and (_REFERENCE.search(k) or len(line) > 250):
            break
        parts.append(line)
        i += 1
    return (clean(" ".join(parts)) or None), i


def legal_bases(lines: list[str]) -> list[str]:
    """The "Căn cứ …" paragraphs of a preamble, without their final punctuation."""
    return [ln.rstrip(" ;,.") for ln in lines if key(ln).startswith("căn cứ")]


def articles(lines: list[str], start: int, stop: int) -> list[Article]:
    """"Điều N." paragraphs between ``start`` and ``stop`` with the lines that follow each."""
    out: list[Article] = []
    for line in lines[start:stop]:
        m = _ARTICLE.match(line)
        if m:
            out.append(Article(m.group(1), clean(m.group(2))))
        elif out:
            out[-1] = Article(out[-1].number, clean(f"{out[-1].text} {line}"))
    return out


def recipients(lines: list[str], start: int) -> tuple[list[str], int]:
    """The "Nơi nhận:" list starting at ``start``; returns it and the index after it."""
    out: list[str] = []
    first = re.sub(r"^nơi nhận\s*:?\s*", "", lines[start], flags=re.I)
    i = start + 1
    pending = [first] if first else []
    while True:
        for item in pending:
            item = clean(re.sub(r"^[-–+•]\s*", "", item)).rstrip(" ;,.")
            if _sign_line(item) is not None and is_upper(item):
                continue  # "Nơi nhận: KT. GIÁM ĐỐC" — the signature column, interleaved
            tail = _title_tail(item)
            if tail:
                item = item[: -len(tail)].rstrip(" ;,.")
            if item:
                out.append(item)
        if i >= len(lines):
            return out, i
        line = lines[i]
        if (is_upper(line) and _sign_line(line)) or _SIGNED_MARK.match(line) or _person_name(line):
            i += 1  # the signature column, interleaved with the list by a PDF or a text copy
            pending = []
            continue
        if not (line[:1] in "-–+•" or key(line).startswith(("lưu", "như"))):
            return out, i
        pending = [line]
        i += 1


def _title_tail(text: str) -> str | None:
    # PDF copies put the signer's title on the same line as the last recipient.
    m = re.search(r"((?:(?:TM|KT|TL|TUQ)\.\s*)?(?:PHÓ\s+)?(?:CHỦ TỊCH|GIÁM ĐỐC|ỦY BAN NHÂN DÂN)[A-ZÀ-ỸĐ\s]*)$", text)
    return m.group(1) if m and m.start() > 0 else None


def signature(lines: list[str], start: int, stop: int) -> tuple[str | None, str | None, int | None]:
    """Find the first signer block in ``lines[start:stop]``: (name, position, index of the name)."""
    i = start
    while i < stop:
        titles = []
        j = i
        while j < stop:
            t = _sign_line(lines[j])
            if t is None:
                break
            titles.append(t)
            j += 1
        if not titles:
            i += 1
            continue
        k = j
        # Between the title and the name: "(Đã ký)", or recipients interleaved from the left column.
        while k < stop and k < j + 8 and (_SIGNED_MARK.match(lines[k]) or lines[k][:1] in "-–+•"):
            k += 1
        if k < stop and _person_name(lines[k]):
            return clean(lines[k]), _position(titles), k
        i = j if j > i else i + 1
    return None, None, None


def _sign_line(line: str) -> tuple[str | None, str] | None:
    tail = _title_tail(line) if not is_upper(line) else None
    text = tail or line
    if not is_upper(text):
        return None
    m = _SIGN_TITLE.match(key(text))
    if not m:
        return None
    prefix = (m.group(1) or "").lower() or None
    raw = re.sub(r"^(?:TM|KT|TL|TUQ|Q)\s*\.\s*", "", clean(text), flags=re.I)
    return prefix, raw


def _position(titles: list[tuple[str | None, str]]) -> str:
    # "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH": the last line without a prefix is the
    # signer's own position; "Q. GIÁM ĐỐC" alone means an acting director.
    own = [raw for prefix, raw in titles if prefix not in ("tm", "kt", "tl", "tuq")]
    if own:
        prefix = next((p for p, r in titles if r == own[-1]), None)
        return position_case(("Q. " if prefix == "q" else "") + own[-1])
    return position_case(titles[-1][1])


def _person_name(line: str) -> bool:
    words = clean(line).split(" ")
    if not 2 <= len(words) <= 5 or not all(w.isalpha() for w in words):
        return False
    if all(w.isupper() for w in words):
        return not _SIGN_TITLE.match(key(line)) and not is_agency_like(line)
    return all(w[0].isupper() and (len(w) == 1 or w[1:].islower()) for w in words) and words[0] not in _NOT_NAME
