"""Pauses and re-appointments (spec §4.5).

While a dossier waits for the applicant (supplementation during processing, or a financial
obligation when the procedure says so) its clock stops. On resumption the working time that was
left before the pause is added again from the resume instant::

    remaining = working_time(pause_start, old_due)
    new_due   = add_working_time(resume_at, remaining)

This is exact in working time, unlike Thanh Hóa's calendar-day approximation (F8). ``remaining`` is
negative when the dossier was already late at the pause; it stays exactly that late after it. The
new due date is never earlier than the old one (the pause cannot shorten the time).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from .calendar import TZ, Calendar
from .due import add_working_time, close_of_day, working_time
from .errors import InvalidPause, NaiveDatetime
from .units import Convention, parse_convention


@dataclass(frozen=True, slots=True)
class Pause:
    """One stored pause interval; ``end`` is ``None`` while the clock is still stopped."""

    start: datetime
    end: datetime | None = None
    reason: str = ""


def _aware(dt: datetime, what: str) -> datetime:
    if dt.tzinfo is None:
        raise NaiveDatetime(what)
    return dt.astimezone(TZ)


def resume_due(
    old_due: datetime,
    paused_at: datetime,
    resumed_at: datetime,
    *,
    calendar: Calendar,
    convention: str | Convention = Convention.HOUR,
) -> datetime:
    """Due date after one pause from ``paused_at`` to ``resumed_at``.

    ``convention="hour"`` keeps the exact working time (an internal step, or a unit that prints
    hours); ``"day"`` rounds the result up to the close of its working day, for a printed
    appointment under convention D.
    """
    conv = parse_convention(convention)
    old_due = _aware(old_due, "hạn giải quyết")
    paused_at = _aware(paused_at, "thời điểm tạm dừng")
    resumed_at = _aware(resumed_at, "thời điểm tiếp tục")
    if resumed_at < paused_at:
        raise InvalidPause(
            f"Thời điểm tiếp tục ({resumed_at:%d/%m/%Y %H:%M}) "
            f"trước thời điểm tạm dừng ({paused_at:%d/%m/%Y %H:%M}).",
            details={"paused_at": paused_at.isoformat(), "resumed_at": resumed_at.isoformat()},
        )
    remaining = working_time(paused_at, old_due, calendar=calendar)
    new_due = add_working_time(resumed_at, remaining, calendar=calendar)
    if conv is Convention.DAY:
        new_due = close_of_day(new_due, calendar=calendar)
    # A due date outside working time (e.g. set by a signed extension letter on a Saturday) maps back
    # to the previous close; never let that make the pause shorten the time.
    return max(new_due, old_due)


def _as_pause(item: Pause | Sequence[datetime | None]) -> Pause:
    if isinstance(item, Pause):
        return item
    start, end = item[0], item[1]
    if start is None:
        raise InvalidPause("Khoảng tạm dừng thiếu thời điểm bắt đầu.")
    return Pause(start, end)


def _checked(pauses: Iterable[Pause | Sequence[datetime | None]]) -> list[Pause]:
    items = sorted((_as_pause(p) for p in pauses), key=lambda p: _aware(p.start, "thời điểm tạm dừng"))
    prev_end: datetime | None = None
    for i, p in enumerate(items):
        if p.end is not None and _aware(p.end, "thời điểm tiếp tục") < p.start:
            raise InvalidPause(
                f"Khoảng tạm dừng thứ {i + 1} kết thúc trước khi bắt đầu.", details={"index": i}
            )
        if i and (prev_end is None or p.start < prev_end):
            raise InvalidPause(
                "Các khoảng tạm dừng chồng lên nhau (hoặc một khoảng chưa kết thúc nằm trước khoảng khác).",
                details={"index": i},
            )
        prev_end = p.end
    return items


def apply_pauses(
    due: datetime,
    pauses: Iterable[Pause | Sequence[datetime | None]],
    *,
    calendar: Calendar,
    convention: str | Convention = Convention.HOUR,
) -> datetime | None:
    """Due date after every pause in turn; ``None`` while the last pause is still open (clock stopped)."""
    current = _aware(due, "hạn giải quyết")
    for p in _checked(pauses):
        if p.end is None:
            return None
        current = resume_due(current, p.start, p.end, calendar=calendar, convention=convention)
    return current


def paused_working_time(
    pauses: Iterable[Pause | Sequence[datetime | None]], *, calendar: Calendar, until: datetime | None = None
) -> int:
    """Working seconds spent in pauses (an open pause counts up to ``until``, or not at all without it).

    Used where a report subtracts the applicant's supplement time (spec §4.7, the 766 mirror).
    """
    total = 0
    for p in _checked(pauses):
        end = p.end if p.end is not None else until
        if end is not None:
            total += max(0, working_time(p.start, end, calendar=calendar))
    return total
