"""Split an agency cell ("Cơ quan chủ trì/phối hợp") into agency names, as written.

Rules, in order:

* the cell's own lines (paragraphs, "- " bullets) are separate entries;
* a distributive prefix expands: "Các sở: Tài nguyên và Môi trường, Y tế" → "Sở Tài nguyên và
  Môi trường", "Sở Y tế"; members that already name an agency ("Văn phòng UBND tỉnh", "Bảo hiểm
  xã hội tỉnh", "UBND cấp huyện") are kept as they are;
* otherwise commas and semicolons split, except where the next piece cannot stand alone: a
  collective noun ("Sở, Ban, ngành", "cơ quan, đơn vị", "đơn vị, địa phương", "huyện, thành
  phố, thị xã") or the rest of a name that contains a comma ("Sở Văn hóa, Thể thao và Du lịch");
* " và " splits only when what follows is itself an agency ("Trung tâm Thông tin và các cơ quan
  báo chí"), never inside a name ("Sở Kế hoạch và Đầu tư");
* commas inside parentheses never split.
"""

from __future__ import annotations

import re
from functools import lru_cache

from cchc.common.text import clean

from .vn import key

# How an agency name starts (comparison keys: lower case, diacritics kept).
HEADS = (
    "sở", "ban", "bộ", "ủy ban", "ubnd", "hđnd", "hội đồng", "văn phòng", "vp", "vpubnd", "công an",
    "bộ chỉ huy", "cục", "chi cục", "tổng cục", "trung tâm", "thanh tra", "kho bạc", "kbnn",
    "ngân hàng", "bảo hiểm", "bhxh", "đài", "báo", "hội", "liên đoàn", "liên minh", "tỉnh đoàn",
    "huyện đoàn", "thành đoàn", "đoàn", "trường", "viện", "phòng", "mặt trận", "ubmttq", "mttq",
    "tỉnh ủy", "huyện ủy", "thành ủy", "thị ủy", "đảng ủy", "tòa án", "quỹ", "công ty", "tổng công ty",
    "chi nhánh", "điện lực", "bưu điện", "bưu chính", "viễn thông", "vnpt", "viettel", "cơ quan",
    "đơn vị", "bệnh viện", "ban quản lý", "tập đoàn", "hải quan", "kiểm toán", "bộ phận", "tổ",
    "thủ trưởng", "chủ tịch", "giám đốc", "chánh văn phòng", "trưởng ban", "trưởng phòng",
    "người đứng đầu", "lãnh đạo", "ủy ban mặt trận", "cổng", "hạt", "đội", "nhà văn hóa", "thư viện",
    "bảo tàng", "câu lạc bộ", "doanh nghiệp", "tổ chức", "địa phương", "cấp ủy", "các",
)
# Words after which a head is not an agency ("Báo cáo", "Hội nghị", "Phòng chống").
_FALSE_HEADS = (
    "báo cáo", "hội nghị", "hội thảo", "hội thi", "phòng chống", "phòng, chống", "phòng ngừa",
    "các năm", "các nội dung", "các nhiệm vụ", "các văn bản", "tổ chức thực hiện", "tổ chức triển khai",
    "tổ chức hội", "cổng dịch vụ", "cổng thông tin", "đơn vị tính", "ban hành",
)
_HEAD_RX = re.compile(r"^(?:[-+•*]\s*)?(?:" + "|".join(sorted((re.escape(h) for h in HEADS), key=len, reverse=True)) + r")(?![\wà-ỹđ])")
_COLLECTIVE = (
    r"(?:các\s+)?(?:sở|ban|ngành|ban\s+ngành|sở\s+ngành|đơn\s+vị|địa\s+phương|đoàn\s+thể|tổ\s+chức|cơ\s+quan|"
    r"thành\s+phố|thị\s+xã|thị\s+trấn|phường|xã|huyện|quận|hội|doanh\s+nghiệp|cá\s+nhân|trường|phòng|"
    r"tổ\s+chức\s+chính\s+trị\s*-\s*xã\s+hội)"
)
# A piece that cannot stand alone: a bare collective noun, possibly with "liên quan" etc.
_BARE = re.compile(
    rf"^{_COLLECTIVE}(?:\s*,\s*{_COLLECTIVE})*"
    r"(?:\s+(?:có\s+)?liên\s+quan|\s+trực\s+thuộc|\s+thuộc\s+(?:tỉnh|huyện|sở)|\s+của\s+tỉnh|"
    r"\s+cấp\s+(?:tỉnh|huyện|xã)|\s+trên\s+địa\s+bàn.*|\s+được\s+giao.*|\s+khác)?$"
)
_DISTRIBUTIVE = re.compile(
    r"^(?P<pre>(?:ubnd|ủy ban nhân dân)\s+)?các\s+(?P<noun>sở|bộ|ban|phòng|cục|chi cục|huyện|thành phố|"
    r"thị xã|xã|phường|trung tâm|trường|hội|đơn vị)\s*(?P<colon>:)?\s*(?P<rest>.+)$"
)
# Department fields, to tell "Kế hoạch và Đầu tư" (one department) from "Nội vụ và Tài chính" (two).
SO_FIELDS = {
    "nội vụ", "tư pháp", "kế hoạch và đầu tư", "tài chính", "công thương", "xây dựng", "y tế",
    "nông nghiệp và phát triển nông thôn", "giao thông vận tải", "tài nguyên và môi trường",
    "thông tin và truyền thông", "lao động - thương binh và xã hội", "lao động, thương binh và xã hội",
    "văn hóa, thể thao và du lịch", "văn hóa và thể thao", "du lịch", "khoa học và công nghệ",
    "giáo dục và đào tạo", "ngoại vụ", "dân tộc và tôn giáo", "nông nghiệp và môi trường",
    "quy hoạch - kiến trúc", "văn hóa - thể thao và du lịch",
}
_COMMA_FIELDS = re.compile(r"(văn hóa|lao động),(\s*thể thao|\s*thương binh)", re.IGNORECASE)
_AND_FIELDS = re.compile(r"(HĐND|Hội đồng nhân dân)\s+và\s+(UBND|Ủy ban nhân dân)", re.IGNORECASE)
_ROLE = re.compile(
    r"^(?:đề nghị\s+|giao\s+)?(?:thủ trưởng|người đứng đầu|chủ tịch|phó chủ tịch|giám đốc|chánh|"
    r"trưởng ban|trưởng|lãnh đạo)\s+(?=\S)"
)
_PLACEHOLDER = "\u0001"
_AND = "\u0002"


@lru_cache(maxsize=16384)
def is_agency_like(text: str) -> bool:
    """True when ``text`` starts the way an agency name (or a collective of agencies) starts."""
    k = key(text)
    if any(k.startswith(f) for f in _FALSE_HEADS):
        return False
    if k.startswith("các ") or k.startswith("các\u00a0"):
        return bool(_HEAD_RX.match(k[4:])) or bool(_BARE.match(k))
    return bool(_HEAD_RX.match(k))


def split_agencies(cell: str | list[str] | tuple[str, ...]) -> list[str]:
    """Split a cell (a string, or the lines of a cell) into agency names."""
    lines = [cell] if isinstance(cell, str) else list(cell)
    out: list[str] = []
    for line in lines:
        for name in _split_line(line):
            if name and name not in out:
                out.append(name)
    return out


def strip_role(name: str) -> str:
    """"Thủ trưởng các Sở, Ban, ngành" → "các Sở, Ban, ngành"; "Chánh Văn phòng UBND tỉnh" → "Văn phòng UBND tỉnh"."""
    k = key(name)
    m = _ROLE.match(k)
    if not m:
        return name
    rest = name[m.end():].strip()
    return rest if rest and is_agency_like(rest) else name


def _split_line(line: str) -> list[str]:
    text = clean(line)
    text = re.sub(r"^[-+•*–]\s*", "", text).strip(" .;,")
    if not text or key(text) in ("-", "không", "x"):
        return []
    text = _protect(text)
    dist = _DISTRIBUTIVE.match(key(text))
    if dist and (dist.group("colon") or _capitalised_member(text, dist)):
        return [_restore(n) for n in _expand(text, dist)]
    names: list[str] = []
    for piece in _pieces(text):
        if names and _continues(piece):
            names[-1] = f"{names[-1]}, {piece}"
        else:
            names.extend(_split_and(piece))
    return [_restore(n).strip(" .;,") for n in names if n.strip(" .;,")]


def _capitalised_member(text: str, m: re.Match[str]) -> bool:
    # "Các Sở Tài chính, Nội vụ" is distributive without a colon; "Các Sở, Ban, ngành" is not.
    rest = text[m.start("rest"):]
    return bool(rest) and rest[0].isupper() and not _BARE.match(key(rest.split(",")[0]))


def _expand(text: str, m: re.Match[str]) -> list[str]:
    noun_raw = text[m.start("noun"):m.end("noun")]
    noun = noun_raw[:1].upper() + noun_raw[1:] if noun_raw.lower() in ("sở", "bộ", "ban", "phòng", "cục") else noun_raw
    if m.group("pre"):
        noun = f"{text[m.start('pre'):m.end('pre')].strip()} {noun_raw}"
    out: list[str] = []
    for piece in _pieces(text[m.start("rest"):]):
        for member in _split_field_and(piece):
            member = member.strip(" .;,")
            if not member:
                continue
            out.append(member if is_agency_like(member) else f"{noun} {member}")
    return out


def _split_field_and(piece: str) -> list[str]:
    """Inside a distributive list, split "Nội vụ và Tài chính" but not "Kế hoạch và Đầu tư"."""
    k = key(_restore(piece))
    if k in SO_FIELDS or " và " not in k:
        return [piece]
    left, _, right = piece.rpartition(" và ")
    if key(_restore(right)) in SO_FIELDS and (key(_restore(left)) in SO_FIELDS or " và " in left):
        return [*_split_field_and(left), right]
    return [piece]


def _split_and(piece: str) -> list[str]:
    parts = re.split(r"\s+và\s+", piece)
    out = [parts[0]]
    for part in parts[1:]:
        if is_agency_like(part) and is_agency_like(out[-1]):
            out.append(part)
        else:
            out[-1] = f"{out[-1]} và {part}"
    return out


def _continues(piece: str) -> bool:
    """A piece that continues the previous name rather than starting a new one."""
    k = key(_restore(piece))
    if k.startswith("các "):
        return False  # "…, các Sở, Ban, ngành" starts a new (collective) entry
    if _BARE.match(k):
        return True
    # A lower-case piece continues a list of nouns ("phòng, ban chuyên môn", "…, thị xã").
    return piece[:1].isalpha() and piece[:1].islower()


def _pieces(text: str) -> list[str]:
    """Split at commas and semicolons outside parentheses."""
    out, buf, depth = [], [], 0
    for ch in text:
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        if ch in ",;" and depth == 0:
            out.append("".join(buf).strip())
            buf = []
        else:
            buf.append(ch)
    out.append("".join(buf).strip())
    return [p for p in out if p]


def _protect(text: str) -> str:
    # Department names that contain a comma must survive the comma split.
    text = _COMMA_FIELDS.sub(lambda m: f"{m.group(1)}{_PLACEHOLDER}{m.group(2)}", text)
    return _AND_FIELDS.sub(lambda m: f"{m.group(1)}{_AND}{m.group(2)}", text)


def _restore(text: str) -> str:
    return text.replace(_PLACEHOLDER, ",").replace(_AND, " và ")
