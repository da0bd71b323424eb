"""Pure rules of the public pages: the holder's key, name masking, rating scales. No ORM, no Django."""

from __future__ import annotations

import hmac
import re
import unicodedata

# Overall satisfaction (the five levels of provincial systems; Decision 766 metric 5.4 counts 1–2 as
# "not satisfied").
SCORES: dict[int, str] = {
    5: "Rất hài lòng",
    4: "Hài lòng",
    3: "Bình thường",
    2: "Không hài lòng",
    1: "Rất không hài lòng",
}
NOT_SATISFIED = frozenset({1, 2})

# Per-dossier criteria (spec §6.5, a subset of the 12 asked by a provincial portal), three levels each.
CRITERIA: dict[str, str] = {
    "thuan_tien": "Sự thuận tiện khi thực hiện thủ tục",
    "dung_hen": "Thời gian giải quyết, trả kết quả so với giấy hẹn",
    "thai_do": "Thái độ, tinh thần phục vụ của cán bộ, công chức",
    "cong_khai": "Công khai, minh bạch thông tin thủ tục",
}
LEVELS: dict[int, str] = {3: "Hài lòng", 2: "Bình thường", 1: "Không hài lòng"}

CHANNELS = ("web", "api", "kiosk", "portal", "sms")
MAX_COMMENT = 2000

_NOT_DIGIT = re.compile(r"[\s.\-()/]")
CODE_RE = re.compile(r"^[A-Za-z0-9._\-]{1,60}$")


def normalise_key(value: str) -> str:
    """A phone or identity number as compared: no spaces or separators, upper case, +84 read as 0."""
    text = _NOT_DIGIT.sub("", unicodedata.normalize("NFKC", value or "")).upper()
    if text.startswith("+84"):
        text = "0" + text[3:]
    elif text.startswith("84") and len(text) == 11 and text.isdigit():
        text = "0" + text[2:]
    return text


def key_matches(key: str, *stored: str) -> bool:
    """Whether ``key`` is one of the stored numbers; constant time, an empty value never matches."""
    given = normalise_key(key)
    ok = False
    for value in stored:
        want = normalise_key(value)
        # Always compare (also empty values), so the time does not tell which field was set.
        same = hmac.compare_digest(given.encode(), want.encode())
        ok = ok or (same and bool(want) and bool(given))
    return ok


def mask_name(name: str) -> str:
    """ "Nguyễn Văn An" → "N*** V*** A***": initials only, fixed length, so the length tells nothing."""
    words = [w for w in (name or "").split() if w]
    return " ".join(f"{w[0]}***" for w in words) or "***"


def clean_code(code: str) -> str:
    """The code as typed, trimmed; empty when it cannot be a dossier code (same answer as an unknown one)."""
    code = (code or "").strip()
    return code if CODE_RE.match(code) else ""
