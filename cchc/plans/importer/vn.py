"""Vietnamese helpers specific to administrative documents.

Complements ``cchc.common.text`` (NFC, folding): a comparison key that keeps diacritics (so that
"Sở" is not "Số") but ignores case and old/new tone placement ("hoà" = "hòa", "uỷ" = "ủy"),
upper-case detection, Roman numerals, and the conventional casing of agency names and positions
("SỞ KẾ HOẠCH VÀ ĐẦU TƯ" → "Sở Kế hoạch và Đầu tư", "PHÓ CHỦ TỊCH" → "Phó Chủ tịch").
"""

from __future__ import annotations

import re
import unicodedata

from cchc.common.text import clean

_TONES = {"\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}
_LETTER = r"a-zA-Z\u00c0-\u024f\u1e00-\u1effđĐ"


def _retone(first: str, second: str) -> str:
    # Old style puts the tone on the second vowel of a final oa/oe/uy ("hoà", "thuỷ"); the
    # 1997 style (used by the registry) puts it on the first ("hòa", "thủy").
    parts = unicodedata.normalize("NFD", second)
    tone = "".join(ch for ch in parts if ch in _TONES)
    bare = "".join(ch for ch in parts if ch not in _TONES)
    return unicodedata.normalize("NFC", first + tone + bare)


_OLD_TONE = re.compile(
    rf"(?<![{_LETTER}])([a-zA-Z]*?[oO])([àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸ])(?![{_LETTER}])"
    rf"|(?<![{_LETTER}])([a-zA-Z]*?(?<![qQ])[uU])([ỳýỷỹỵỲÝỶỸỴ])(?![{_LETTER}])"
)


def _retone_any(m: re.Match[str]) -> str:
    if m.group(1) is not None:
        return _retone(m.group(1), m.group(2))
    return _retone(m.group(3), m.group(4))


def key(text: str) -> str:
    """Comparison key: cleaned, lower case, tone placement normalised, diacritics kept."""
    return _OLD_TONE.sub(_retone_any, clean(text)).lower()


def is_upper(text: str, *, ratio: float = 0.8) -> bool:
    """True when at least ``ratio`` of the letters are capitals (and there are at least two)."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 2:
        return False
    return sum(c.isupper() for c in letters) >= ratio * len(letters)


_ROMAN = re.compile(r"^(X{0,3})(IX|IV|V?I{0,3})$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}


def roman_to_int(text: str) -> int | None:
    """``"IV"`` → 4 (I to XXXIX); anything else → None."""
    s = text.strip().upper()
    if not s or not _ROMAN.match(s):
        return None
    total = 0
    for i, ch in enumerate(s):
        v = _ROMAN_VALUES[ch]
        nxt = _ROMAN_VALUES[s[i + 1]] if i + 1 < len(s) else 0
        total += -v if v < nxt else v
    return total


ABBREVIATIONS = {
    "ubnd", "hđnd", "ubmttq", "mttq", "bhxh", "kbnn", "vp", "vpubnd", "cchc", "tthc", "cntt", "qppl",
    "tn&mt", "kh&đt", "tt&tt", "kh&cn", "gd&đt", "lđ-tb&xh", "vh,tt&dl", "gtvt", "nn&ptnt", "ptnt",
    "tp", "tp.", "tx", "tx.", "tt", "tt.", "ct", "pct",
}
_LOCALITY = {"tỉnh", "huyện", "xã", "phường", "quận", "trấn", "phố"}
_HEADS_CAP_NEXT = {"sở", "bộ", "cục", "phòng", "đài", "báo", "viện", "trường", "ban", "hội"}
_HEADS2_CAP_NEXT = {"chi cục", "tổng cục", "trung tâm", "liên đoàn", "văn phòng", "bộ phận"}
_FIELD_JOINERS = {"và", ",", "-", "–"}
_SPECIAL = {"sở công thương": "Sở Công Thương", "bộ công thương": "Bộ Công Thương"}


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]


def agency_case(text: str) -> str:
    """Conventional casing of an agency name written in capitals.

    ``"ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN"`` → ``"Ủy ban nhân dân tỉnh Thái Nguyên"``; names that
    are not all capitals are returned cleaned but otherwise as written.
    """
    text = clean(text)
    if not is_upper(text):
        return text
    special = _SPECIAL.get(key(text))
    if special:
        return special
    raw = text.replace(",", " , ").split()
    out: list[str] = []
    locality = False
    field_mode = False
    for i, word in enumerate(raw):
        low = word.lower()
        if low in ABBREVIATIONS or "&" in low:
            out.append(word)
            continue
        prev = out[-1].lower() if out else ""
        nxt = raw[i + 1].lower() if i + 1 < len(raw) else ""
        if prev in _LOCALITY and not (prev == "phố" and len(out) < 2) and not field_mode:
            locality = True
        if locality or i == 0:
            out.append(_cap(low))
            continue
        head1 = out[0].lower() if out else ""
        head2 = " ".join(w.lower() for w in out[:2])
        at_head_end = (len(out) == 1 and head1 in _HEADS_CAP_NEXT and low != "đồng") or (
            len(out) == 2 and head2 in _HEADS2_CAP_NEXT
        )
        if head1 in ("sở", "bộ"):
            field_mode = True
        if field_mode and prev in _FIELD_JOINERS:
            out.append(_cap(low))
        elif (low in _LOCALITY and not (low == "xã" and nxt == "hội")) or low in ("thành", "thị", "cấp"):
            out.append(low)
            field_mode = False
        elif at_head_end or (field_mode and prev in _FIELD_JOINERS):
            out.append(_cap(low))
        else:
            out.append(low)
    return " ".join(out).replace(" , ", ", ")


_POSITIONS = {
    "chủ tịch": "Chủ tịch",
    "giám đốc": "Giám đốc",
    "tổng giám đốc": "Tổng Giám đốc",
    "chánh văn phòng": "Chánh Văn phòng",
    "chánh thanh tra": "Chánh Thanh tra",
    "trưởng ban": "Trưởng ban",
    "trưởng phòng": "Trưởng phòng",
    "bí thư": "Bí thư",
    "cục trưởng": "Cục trưởng",
    "chi cục trưởng": "Chi cục trưởng",
    "viện trưởng": "Viện trưởng",
    "hiệu trưởng": "Hiệu trưởng",
    "thủ trưởng": "Thủ trưởng",
    "bộ trưởng": "Bộ trưởng",
    "thứ trưởng": "Thứ trưởng",
    "trưởng đoàn": "Trưởng đoàn",
}


def position_case(text: str) -> str:
    """Conventional casing of a signer's position: ``"PHÓ CHỦ TỊCH"`` → ``"Phó Chủ tịch"``."""
    text = clean(text)
    low = key(text)
    prefix = ""
    for word, canon in (("phó ", "Phó "), ("quyền ", "Quyền "), ("q. ", "Quyền ")):
        if low.startswith(word):
            prefix, low, text = canon, low[len(word):], text[len(word):]
    for pos in sorted(_POSITIONS, key=len, reverse=True):
        if low == pos or low.startswith(pos + " "):
            rest = text[len(pos):].strip()
            tail = f" {agency_case(rest)}" if rest else ""
            return f"{prefix}{_POSITIONS[pos]}{tail}"
    if is_upper(text):
        return prefix + _cap(text.lower())
    return prefix + text
