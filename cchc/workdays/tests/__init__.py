"""Tests of the pure working-day engine; they need neither Django nor a database.

Run: ``.venv/bin/python -m pytest -p no:django cchc/workdays/tests -q``
"""

from __future__ import annotations

from datetime import datetime

from cchc.workdays import TZ, Calendar, build_calendar

#: Thanh Hóa's sessions, used by the spec's worked example (F7): 8 working hours a day.
THANH_HOA_SESSIONS = (("07:00", "11:30"), ("13:30", "17:00"))


def at(text: str) -> datetime:
    """An aware local datetime from ``"2026-02-13 10:00"`` (seconds optional)."""
    return datetime.fromisoformat(text).replace(tzinfo=TZ)


def official(**kwargs: object) -> Calendar:
    """The shipped official schedules with the default sessions (07:30–11:30, 13:30–17:00)."""
    return build_calendar(**kwargs)  # type: ignore[arg-type]


def thanh_hoa() -> Calendar:
    """The shipped official schedules with Thanh Hóa's sessions."""
    return build_calendar(sessions=THANH_HOA_SESSIONS)
