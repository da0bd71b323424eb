"""The reminder ladder, pure (no ORM): which rung a work item is on today.

Rungs: 7, 3 and 1 working days before the due date (``d-7``, ``d-3``, ``d-1``), the due date
itself (``d0``), then one each week while overdue (``od1`` seven days after the due date,
``od2`` fourteen days after, …). A job that did not run for a while sends only the latest rung
reached, never a backlog of stale ones.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

BEFORE = (7, 3, 1)  # working days before the due date

AddWorkingDays = Callable[[date, int], date]


def rung_dates(due: date, add_working_days: AddWorkingDays) -> list[tuple[str, date]]:
    """The rungs before and on the due date with the day each starts, earliest first."""
    out = [(f"d-{n}", add_working_days(due, -n)) for n in BEFORE]
    out.append(("d0", due))
    return out


def rung_for(due: date, today: date, add_working_days: AddWorkingDays) -> str | None:
    """The rung reached on ``today`` for an open item due on ``due``; None before the first rung.

    Overdue items are reminded weekly by calendar days: ``od<n>`` from ``due + 7n`` days.
    """
    if today > due:
        weeks = (today - due).days // 7
        return f"od{weeks}" if weeks >= 1 else "d0"
    reached = None
    for name, start in rung_dates(due, add_working_days):
        if start <= today:
            reached = name
    return reached


def label(rung: str) -> str:
    """The rung in Vietnamese, for the message."""
    if rung == "d0":
        return "đến hạn hôm nay"
    if rung.startswith("d-"):
        return f"còn {rung[2:]} ngày làm việc đến hạn"
    if rung.startswith("od"):
        return f"đã quá hạn {int(rung[2:]) * 7} ngày"
    return rung
