"""Cell values of the national exports: time limits, fees, copies, levels, agency lists. Pure.

Written the way the exports write them: "15 Ngày làm việc", "10 Ngày", "Trong ngày",
"Phí : 0 Đồng", "Lệ phí : 160,000 Việt Nam Đồng", "Bản chính: 1 Bản sao: 0", "Cấp Tỉnh, Cấp Xã".
"""

from __future__ import annotations

import re
from decimal import Decimal

from cchc.common.text import fold

from .model import FeeDraft, TimeLimit

_LINE_BREAK = re.compile(r"\r\n|\r|\n|_x000D_|\u2028")
# "15 ngay lam viec", "0,5 ngay lam viec", "08 gio", "10 ngay"; longest unit words first.
_LIMIT = re.compile(r"(\d+(?:[.,]\d+)?)\s*(ngay lam viec|gio lam viec|ngay|gio|thang)\b")
_SAME_DAY = re.compile(r"^(?:ngay\s+)?trong\s+(?:ngay|buoi)\b|^ngay\s+trong\s+ngay|^trong ngay lam viec")
_CUTOFF = re.compile(r"sau\s+(\d{1,2})\s*(?:gio|h)\s*(\d{2})?")
_AMOUNT = re.compile(r"(\d{1,3}(?:[.,]\d{3})+|\d+)\s*(?:viet nam dong|dong|vnd|d\b)")
_COPIES = {"originals": re.compile(r"ban chinh\s*:?\s*(\d+)"), "copies": re.compile(r"ban sao\s*:?\s*(\d+)")}
_EMPTY = {"", "khong", "khong co", "khong co thong tin", "khong quy dinh", "-", "khong thu"}
LEVEL_WORDS = {"cap bo": "bo", "cap tinh": "tinh", "cap xa": "xa", "co quan khac": "khac"}
UNIT_WORDS = {"ngay lam viec": "working_days", "gio lam viec": "working_hours", "ngay": "calendar_days",
              "gio": "working_hours"}


def lines(text: str | None) -> list[str]:
    """Split a cell on its line breaks (Excel's too), trim, drop empty entries (a trailing break leaves one)."""
    if not text:
        return []
    return [part.strip() for part in _LINE_BREAK.split(str(text)) if part.strip()]


def is_empty(text: str | None) -> bool:
    """"Không có thông tin" and friends count as no value."""
    return fold(text or "").strip(" .:") in _EMPTY


def comma_list(text: str) -> list[str]:
    """"Công dân Việt Nam, Tổ chức (không bao gồm doanh nghiệp, HTX)" → two items.

    Commas inside parentheses do not separate; line breaks and semicolons do.
    """
    out: list[str] = []
    for line in lines(text):
        depth, part = 0, []
        for ch in line + ",":
            depth += (ch == "(") - (ch == ")")
            if ch in ",;" and depth <= 0:
                item = "".join(part).strip(" .")
                if item:
                    out.append(item)
                part, depth = [], 0
            else:
                part.append(ch)
    return out


def parse_levels(text: str) -> tuple[list[str], list[str]]:
    """"Cấp Tỉnh, Cấp Xã" → ``["tinh", "xa"]``, plus the words not understood ("Cấp Huyện" since 1/7/2025)."""
    levels, unknown = [], []
    for part in comma_list(text):
        key = LEVEL_WORDS.get(fold(part))
        if key:
            if key not in levels:
                levels.append(key)
        else:
            unknown.append(part)
    return levels, unknown


def parse_cutoff(text: str) -> str | None:
    """"… nếu tiếp nhận yêu cầu sau 15 giờ" → ``"15:00"`` (the same-day cut-off hour), else None."""
    cut = _CUTOFF.search(fold(text or ""))
    if cut is None or int(cut.group(1)) > 23 or int(cut.group(2) or 0) > 59:
        return None
    return f"{int(cut.group(1)):02d}:{cut.group(2) or '00'}"


def parse_time_limit(text: str) -> TimeLimit | None:
    """The first time limit written in a cell, or None if it states none we can count.

    "Trong ngày" is the same-day unit (limit 0); a cut-off written with it ("sau 15 giờ") is kept.
    A number of months is not a unit of the engine: None (the caller reports it).
    """
    if not text or is_empty(text):
        return None
    folded = fold(text)
    if _SAME_DAY.search(folded):
        return TimeLimit(Decimal(0), "same_day", text.strip(), parse_cutoff(text))
    match = _LIMIT.search(folded)
    if match is None:
        if folded.startswith("khong hen") or "khong co ngay hen" in folded:
            return TimeLimit(Decimal(0), "no_appointment", text.strip())
        return None
    number, word = match.groups()
    if word == "thang":
        return None
    return TimeLimit(Decimal(number.replace(",", ".")), UNIT_WORDS[word], text.strip())


def parse_amount(text: str) -> int | None:
    """"160,000 Việt Nam Đồng" / "1.500.000 đồng" → the whole number of đồng (separators are thousands)."""
    match = _AMOUNT.search(fold(text))
    if match is None:
        return None
    return int(re.sub(r"[.,]", "", match.group(1)))


def parse_fees(text: str) -> list[FeeDraft]:
    """Every fee line of a "Phí, lệ phí" cell. An amount of 0 is free; "Không" means no fee at all.

    A line with no amount we can read keeps its words as the description, amount None.
    An unlabelled line ("160,000 Việt Nam Đồng") is counted as a fee (phí): the column mixes both.
    """
    fees = []
    for line in lines(text):
        folded = fold(line)
        if is_empty(line):
            continue
        if folded.startswith("mien phi"):
            fees.append(FeeDraft("phi", 0, line, "free"))
            continue
        kind = "le_phi" if folded.startswith("le phi") else "phi"
        amount = parse_amount(line)
        rest = re.sub(r"^\s*(lệ phí|phí)\s*:?", "", line, flags=re.IGNORECASE).strip()
        description = rest
        if amount is not None:
            # Keep what follows the amount ("(Cấp lần đầu)", "/hồ sơ") as the description.
            tail = re.split(r"(?i)(việt nam đồng|đồng|vnđ|vnd)", rest, maxsplit=1)
            description = tail[-1].strip(" ()/;:.") if len(tail) > 1 else ""
        fees.append(FeeDraft(kind, amount, description, "free" if amount == 0 else "before"))
    return fees


def parse_copies(text: str) -> tuple[int, int]:
    """"Bản chính: 1\\nBản sao: 0" → ``(1, 0)``; missing numbers count as 0."""
    folded = fold(text or "")
    found = {}
    for key, pattern in _COPIES.items():
        match = pattern.search(folded)
        found[key] = min(int(match.group(1)), 100) if match else 0
    return found["originals"], found["copies"]


def is_optional(name: str) -> bool:
    """A document "(nếu có)" is not required."""
    return "neu co" in fold(name)
