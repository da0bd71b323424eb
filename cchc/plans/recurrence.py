"""The occurrences a task expands into: one due date per reporting period. Pure (no Django).

- no recurrence: one occurrence, due on the task's deadline (which may be unknown);
- monthly: one per month of the window, due on the month's last day (twelve in a plan year);
- quarterly: one per quarter, due on the quarter's last day (four in a plan year);
- yearly and continuous ("thường xuyên"): one per reporting period — the quarter, since
  provinces report on PAR quarterly — so a continuous task is reported on four times a year.

The window runs from the plan period's start to ``until`` (the task's ``recurrence_until``) or,
without one, to the plan period's end. It is capped at ``MAX_OCCURRENCES`` so a mistyped year
cannot create thousands of rows.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

ROMAN = ("I", "II", "III", "IV")
MAX_OCCURRENCES = 120
QUARTERLY_KINDS = {"quarterly", "yearly", "continuous"}
KINDS = {"", "monthly", *QUARTERLY_KINDS}


@dataclass(frozen=True, slots=True)
class Slot:
    """One occurrence: its number, its label ("Quý II/2020"), its period and its due date."""

    seq: int
    label: str
    start: date | None
    end: date | None
    due: date | None


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def quarter_label(year: int, quarter: int) -> str:
    return f"Quý {ROMAN[quarter - 1]}/{year}"


def _months(start: date, end: date) -> list[Slot]:
    out: list[Slot] = []
    y, m = start.year, start.month
    while (y, m) <= (end.year, end.month) and len(out) < MAX_OCCURRENCES:
        out.append(Slot(len(out) + 1, f"Tháng {m}/{y}", date(y, m, 1), month_end(y, m), month_end(y, m)))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _quarters(start: date, end: date) -> list[Slot]:
    out: list[Slot] = []
    y, q = start.year, quarter_of(start)
    while (y, q) <= (end.year, quarter_of(end)) and len(out) < MAX_OCCURRENCES:
        first = date(y, 3 * q - 2, 1)
        last = month_end(y, 3 * q)
        out.append(Slot(len(out) + 1, quarter_label(y, q), first, last, last))
        y, q = (y + 1, 1) if q == 4 else (y, q + 1)
    return out


def expand(
    recurrence: str | None,
    *,
    deadline: date | None,
    period_start: date,
    period_end: date,
    until: date | None = None,
) -> list[Slot]:
    """The occurrences of a task (see the module docstring). Unknown recurrence kinds raise ValueError."""
    kind = recurrence or ""
    if kind not in KINDS:
        raise ValueError(f"unknown recurrence {recurrence!r}")
    if not kind:
        return [Slot(1, "", None, None, deadline)]
    end = until or period_end
    if end < period_start:
        # A window that ends before the plan starts: one occurrence on its last day, not none.
        return [Slot(1, "", None, None, end)]
    slots = _months(period_start, end) if kind == "monthly" else _quarters(period_start, end)
    if until is not None and slots and slots[-1].due and slots[-1].due > until:
        # "Hằng quý đến 15/11/2020": the last period is due on the stated day, not the quarter's end.
        last = slots[-1]
        slots[-1] = Slot(last.seq, last.label, last.start, until, until)
    return slots
