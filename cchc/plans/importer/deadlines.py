"""Deadline phrases → date, granularity, recurrence. Pure; table-tested.

The date is the last day of the stated period ("Quý I/2020" → 2020-03-31, "Tháng 7/2020" →
2020-07-31, "6 tháng đầu năm 2021" → 2021-06-30, "Năm 2020" → 2020-12-31, "Trước ngày
31/3/2021" → 2021-03-31). When a phrase names several periods ("Quý I, II/2021") the latest end
wins, since a task is done when its last part is. Recurring phrases ("Hằng quý", "Thường xuyên")
have no date; a year that bounds them ("Hàng quý, năm 2020") becomes ``recurrence_until``, while a
period *before* the recurring words ("Năm 2024 và các năm tiếp theo") is a first deadline that
then repeats. Periods without a year ("Quý I", "6 tháng cuối năm") take the next year written in
the phrase, else ``default_year`` (the plan year); without either they stay undated.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from cchc.common.text import clean

from .model import Deadline
from .vn import key

_ROMAN_Q = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_Q = r"(?:iv|i{1,3}|[1-4])"
_SEP = r"\s*(?:/|-|–|,|\.|năm)?\s*"
_YEAR = r"((?:19|20)\d{2})"

_DAY = re.compile(
    rf"(?<!\d)(\d{{1,2}})\s*[/.\-]\s*(\d{{1,2}})(?:\s*[/.\-]\s*{_YEAR})?(?![\d/])"
    rf"|ngày\s+(\d{{1,2}})\s+tháng\s+(\d{{1,2}})(?:\s+năm\s+{_YEAR})?"
)
_QUARTER = re.compile(
    rf"quý\s+({_Q}(?:\s*(?:,|và|-|–|đến|;)\s*(?:quý\s+)?{_Q})*)(?![a-z\d]){_SEP}{_YEAR}?"
)
_HALF = re.compile(rf"(?:6|sáu)\s*tháng\s*(đầu|cuối)(?:\s*năm)?(?:\s*{_YEAR})?|nửa\s*(đầu|cuối)\s*năm(?:\s*{_YEAR})?")
_MONTH = re.compile(
    rf"tháng\s+(\d{{1,2}}(?:\s*(?:,|và|-|–|đến)\s*(?:tháng\s+)?\d{{1,2}})*)(?!\d)"
    rf"(?:\s*(?:/|-|năm|,)\s*{_YEAR})?"
)
_YEAR_ANY = re.compile(rf"(?<!\d){_YEAR}(?!\d)")

_RECURRENCES = (
    (re.compile(r"(?:hằng|hàng|mỗi)\s+tháng|định\s*kỳ\s+tháng"), "monthly"),
    (re.compile(r"(?:hằng|hàng|mỗi)\s+quý|định\s*kỳ\s+quý"), "quarterly"),
    (re.compile(r"(?:hằng|hàng|mỗi)\s+năm|định\s*kỳ\s+năm|(?:các|những)\s+năm\s+(?:tiếp\s+theo|sau)"), "yearly"),
    (re.compile(r"thường\s+xuyên|liên\s+tục"), "continuous"),
)


@dataclass(frozen=True, slots=True)
class _Period:
    start: int  # position in the phrase
    end: date | None  # last day, None when the year is unknown
    granularity: str
    yearless: bool = False
    parts: tuple[int, ...] = ()
    explicit: bool = True  # False when the year came from ``default_year``


def parse_deadline(text: str | None, *, default_year: int | None = None) -> Deadline:
    """Parse a deadline cell. ``default_year`` dates periods written without a year."""
    raw = clean(text or "")
    if not raw:
        return Deadline(text="")
    phrase = key(raw).replace("hàng", "hằng")
    periods = _periods(phrase, default_year)
    recurrence, rec_pos = _recurrence(phrase)
    dated = [p for p in periods if p.end is not None]
    if recurrence:
        before = [p for p in dated if p.start < rec_pos and p.explicit]
        after = [p for p in dated if p.start > rec_pos]
        if before and not after:
            # "Năm 2024 và các năm tiếp theo": a first deadline, repeated afterwards.
            last = max(before, key=lambda p: p.end)  # type: ignore[arg-type, return-value]
            return Deadline(raw, last.end, last.granularity, recurrence, None)
        until = max((p.end for p in after), default=None)  # type: ignore[type-var]
        return Deadline(raw, None, "recurring", recurrence, until)
    if not dated:
        return Deadline(raw, None, "unspecified", None, None)
    last = max(dated, key=lambda p: (p.end, -_RANK[p.granularity]))  # type: ignore[arg-type, return-value]
    return Deadline(raw, last.end, last.granularity, None, None)


_RANK = {"day": 0, "month": 1, "quarter": 2, "half_year": 3, "year": 4}


def _recurrence(phrase: str) -> tuple[str | None, int]:
    found = [(m.start(), name) for rx, name in _RECURRENCES for m in [rx.search(phrase)] if m]
    if not found:
        return None, -1
    # The most specific wins ("Thường xuyên, hằng quý" is quarterly); ties go to the first.
    order = {"monthly": 0, "quarterly": 1, "yearly": 2, "continuous": 3}
    pos, name = min(found, key=lambda f: (order[f[1]], f[0]))
    return name, pos


def _periods(phrase: str, default_year: int | None) -> list[_Period]:
    periods: list[_Period] = []
    work = phrase

    def blank(m: re.Match[str]) -> None:
        nonlocal work
        work = work[: m.start()] + " " * (m.end() - m.start()) + work[m.end():]

    for m in list(_DAY.finditer(work)):
        d, mo, y = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(4), m.group(5), m.group(6))
        if not m.group(1) or y or _plausible_day_month(int(d), int(mo)):
            periods.append(_day(m.start(), int(d), int(mo), y))
            blank(m)
    for m in list(_QUARTER.finditer(work)):
        quarters = [_ROMAN_Q[q] for q in re.findall(_Q, m.group(1))]
        periods.append(_make(m.start(), "quarter", m.group(2), quarters=quarters))
        blank(m)
    for m in list(_HALF.finditer(work)):
        which = m.group(1) or m.group(3)
        periods.append(_make(m.start(), "half_year", m.group(2) or m.group(4), half=which))
        blank(m)
    for m in list(_MONTH.finditer(work)):
        months = [int(x) for x in re.findall(r"\d{1,2}", m.group(1))]
        if all(1 <= x <= 12 for x in months):
            periods.append(_make(m.start(), "month", m.group(2), months=months))
            blank(m)
    for m in _YEAR_ANY.finditer(work):
        periods.append(_make(m.start(), "year", m.group(1)))
    return _fill_years(periods, phrase, default_year)


def _plausible_day_month(d: int, mo: int) -> bool:
    return 1 <= d <= 31 and 1 <= mo <= 12


def _day(start: int, d: int, mo: int, year: str | None) -> _Period:
    return _Period(start, _safe_date(int(year), mo, d) if year else None, "day", not year, (mo, d))


def _make(start: int, gran: str, year: str | None, *, quarters=(), half: str = "", months=()) -> _Period:
    if gran == "quarter":
        parts: tuple[int, ...] = (max(quarters) * 3,)
    elif gran == "half_year":
        parts = (6 if half == "đầu" else 12,)
    elif gran == "month":
        parts = (max(months),)
    else:
        parts = (12,)
    end = _month_end(int(year), parts[0]) if year else None
    return _Period(start, end, gran, not year, parts)


def _fill_years(periods: list[_Period], phrase: str, default_year: int | None) -> list[_Period]:
    """Date the year-less periods with the next year in the phrase, else ``default_year``."""
    years = [(p.start, p.end.year) for p in periods if p.end is not None]
    out: list[_Period] = []
    for p in periods:
        if not p.yearless:
            out.append(p)
            continue
        later = [y for pos, y in sorted(years) if pos > p.start]
        year = later[0] if later else default_year
        explicit = bool(later)
        if year is None:
            out.append(p)
            continue
        if p.granularity == "day":
            end = _safe_date(year, p.parts[0], p.parts[1])
        else:
            end = _month_end(year, p.parts[0])
        out.append(_Period(p.start, end, p.granularity, False, p.parts, explicit))
    # A bare year already covered by a more precise period of the same year is not a period.
    precise_years = {p.end.year for p in out if p.end and p.granularity != "year"}
    return [p for p in out if not (p.granularity == "year" and p.end and p.end.year in precise_years)]


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
