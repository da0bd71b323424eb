"""Pure working-day engine (no ORM): calendars, due dates, pauses and on-time classification.

Typical use by the service layer::

    from cchc import workdays

    cal = workdays.build_calendar(rows, scope=agency_code, sessions=[("07:30", "11:30"), ("13:30", "17:00")])
    due = workdays.compute_due(received_at, 5, "working_days", calendar=cal, convention="day")

``rows`` are override dicts (the override table's rows, or :func:`load_official_schedules`).
Datetimes must be aware; results are aware datetimes in Asia/Ho_Chi_Minh. Bad input raises a
:class:`WorkdaysError` (a ``ValueError`` and a ``ValidationFailed`` with a Vietnamese message).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import time
from functools import cache
from typing import Any

from .calendar import DEFAULT_SAME_DAY_CUTOFF, DEFAULT_SESSIONS, TZ, Calendar, DayInfo
from .due import add_working_time, close_of_day, compute_due, working_time
from .errors import (
    MAX_YEAR,
    MIN_YEAR,
    InvalidCalendar,
    InvalidConvention,
    InvalidLimit,
    InvalidPause,
    InvalidUnit,
    NaiveDatetime,
    WorkdaysError,
    YearOutOfRange,
)
from .overrides import DAY_OFF, WORKING_DAY, DayType, Override, select_overrides
from .pauses import Pause, apply_pauses, paused_working_time, resume_due
from .schedules import load_official_schedules, official_overrides
from .timing import (
    Completion,
    OpenStatus,
    classify_completed,
    classify_open,
    format_remaining,
    format_working_duration,
    is_within_deadline,
    remaining_working_time,
    warning_threshold,
)
from .units import (
    NATIONAL_UNIT_CODES,
    UNIT_LABELS,
    Convention,
    Unit,
    parse_convention,
    parse_unit,
    validate_limit,
)


def build_calendar(
    overrides: Iterable[Override | Mapping[str, Any]] | None = None,
    *,
    scope: str | None = None,
    sessions: Sequence[Sequence[time | str]] | None = None,
    saturday_intake: bool | Sequence[Sequence[time | str]] = False,
    receipt_cutoff: time | str | None = None,
    same_day_cutoff: time | str = DEFAULT_SAME_DAY_CUTOFF,
) -> Calendar:
    """A calendar from override rows (default: the shipped official schedules) and a unit's sessions.

    Rows whose ``scope`` is neither ``None`` nor ``scope`` are ignored; a row of ``scope`` replaces
    a nationwide row of the same date.
    """
    rows = load_official_schedules() if overrides is None else overrides
    return Calendar(
        select_overrides(rows, scope=scope),
        sessions=DEFAULT_SESSIONS if sessions is None else sessions,
        saturday_intake=saturday_intake,
        receipt_cutoff=receipt_cutoff,
        same_day_cutoff=same_day_cutoff,
    )


@cache
def default_calendar() -> Calendar:
    """The shipped schedules with the default sessions (built once per process; it is read-only)."""
    return build_calendar()


__all__ = [
    "DAY_OFF",
    "DEFAULT_SAME_DAY_CUTOFF",
    "DEFAULT_SESSIONS",
    "MAX_YEAR",
    "MIN_YEAR",
    "NATIONAL_UNIT_CODES",
    "TZ",
    "UNIT_LABELS",
    "WORKING_DAY",
    "Calendar",
    "Completion",
    "Convention",
    "DayInfo",
    "DayType",
    "InvalidCalendar",
    "InvalidConvention",
    "InvalidLimit",
    "InvalidPause",
    "InvalidUnit",
    "NaiveDatetime",
    "OpenStatus",
    "Override",
    "Pause",
    "Unit",
    "WorkdaysError",
    "YearOutOfRange",
    "add_working_time",
    "apply_pauses",
    "build_calendar",
    "classify_completed",
    "classify_open",
    "close_of_day",
    "compute_due",
    "default_calendar",
    "format_remaining",
    "format_working_duration",
    "is_within_deadline",
    "load_official_schedules",
    "official_overrides",
    "parse_convention",
    "parse_unit",
    "paused_working_time",
    "remaining_working_time",
    "resume_due",
    "select_overrides",
    "validate_limit",
    "warning_threshold",
    "working_time",
]
