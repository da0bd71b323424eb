"""Errors of the working-day engine.

Every error is both a :class:`cchc.common.errors.ValidationFailed` (so the service layer and the API
render it in the house error shape, with a stable code and a Vietnamese message) and a
:class:`ValueError` (so pure callers and tests can catch the ordinary Python exception).
"""

from __future__ import annotations

from cchc.common.errors import ValidationFailed

#: First and last calendar years the engine accepts. The ``holidays`` library computes Vietnamese
#: lunar holidays reliably in this range, and nothing the platform handles lies outside it.
MIN_YEAR = 1990
MAX_YEAR = 2100


class WorkdaysError(ValidationFailed, ValueError):
    """Base class: a bad input to the working-day engine."""

    default_code = "workdays_invalid"


class YearOutOfRange(WorkdaysError):
    """A date (received, due or intermediate) falls outside ``MIN_YEAR``–``MAX_YEAR``."""

    default_code = "year_out_of_range"

    def __init__(self, year: int) -> None:
        super().__init__(
            f"Năm {year} nằm ngoài phạm vi lịch làm việc được hỗ trợ ({MIN_YEAR}–{MAX_YEAR}).",
            details={"year": year, "min_year": MIN_YEAR, "max_year": MAX_YEAR},
        )
        self.year = year


class NaiveDatetime(WorkdaysError):
    """A datetime without a time zone: the engine cannot know which local day it means."""

    default_code = "naive_datetime"

    def __init__(self, what: str = "thời điểm") -> None:
        super().__init__(
            f"{what[:1].upper()}{what[1:]} phải kèm múi giờ (ví dụ +07:00 hoặc UTC).",
            details={"field": what},
        )


class InvalidLimit(WorkdaysError):
    """A negative, zero (except for ``same_day``) or non-whole time limit where a whole one is needed."""

    default_code = "invalid_time_limit"


class InvalidUnit(WorkdaysError):
    """An unknown time unit."""

    default_code = "invalid_time_unit"


class InvalidConvention(WorkdaysError):
    """An unknown counting convention (neither ``day`` nor ``hour``)."""

    default_code = "invalid_convention"


class InvalidCalendar(WorkdaysError):
    """Bad working sessions or contradictory overrides."""

    default_code = "invalid_calendar"


class InvalidPause(WorkdaysError):
    """A pause that ends before it starts, or pauses that overlap."""

    default_code = "invalid_pause"
