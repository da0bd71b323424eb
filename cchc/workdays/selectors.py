"""The calendar of a unit, built from the override table and its sessions.

Calendars are cached per process with the table's version stamp, so an edit is seen at once;
due dates themselves are never cached.
"""

from __future__ import annotations

from django.db.models import Count, Max

from cchc import workdays
from cchc.workdays.calendar import Calendar
from cchc.workdays.models import CalendarOverride, WorkingSchedule

_CACHE: dict[tuple, Calendar] = {}


def calendar_for(*, agency_code: str | None = None) -> Calendar:
    """The working calendar of an agency (national rows + its own rows, its sessions)."""
    stamp = CalendarOverride.objects.aggregate(n=Count("id"), t=Max("updated_at"))
    schedule = (
        WorkingSchedule.objects.filter(agency__code=agency_code).first() if agency_code else None
    )
    key = (agency_code, stamp["n"], stamp["t"], schedule.updated_at if schedule else None)
    cal = _CACHE.get(key)
    if cal is None:
        rows = [o.as_row() for o in CalendarOverride.objects.select_related("agency")]
        cal = workdays.build_calendar(
            rows, scope=agency_code,
            sessions=schedule.sessions if schedule and schedule.sessions else None,
            saturday_intake=schedule.saturday_intake if schedule else False,
            same_day_cutoff=schedule.same_day_cutoff if schedule else "15:00",
        )
        if len(_CACHE) > 256:
            _CACHE.clear()
        _CACHE[key] = cal
    return cal
