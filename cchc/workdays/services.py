"""Edits of the calendar table: each change is an event, so the calendar's history is auditable."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from cchc.common.errors import PermissionDenied, ValidationFailed
from cchc.common.events import record_event
from cchc.org.models import Agency
from cchc.workdays.models import CalendarOverride


@transaction.atomic
def calendar_override_set(
    *, actor: Any, day: date, kind: str, name: str, source: str = "", agency: Agency | None = None
) -> CalendarOverride:
    """Declare a day off or a make-up working day (nationwide, or for one agency)."""
    if actor is not None and not actor.has_perm("org.manage_registry"):
        raise PermissionDenied("Chỉ Thường trực CCHC hoặc quản trị viên được sửa lịch làm việc.", code="calendar_forbidden")
    if kind not in CalendarOverride.Kind.values:
        raise ValidationFailed(f"Loại ngày “{kind}” không hợp lệ.", code="invalid_kind")
    if not (date(1990, 1, 1) <= day <= date(2100, 12, 31)):
        raise ValidationFailed(f"Ngày {day:%d/%m/%Y} nằm ngoài khoảng cho phép.", code="date_out_of_range")
    if not name.strip():
        raise ValidationFailed("Hãy ghi tên hoặc lý do của ngày điều chỉnh.", code="required")
    row, created = CalendarOverride.objects.update_or_create(
        date=day, agency=agency, defaults={"kind": kind, "name": name.strip(), "source": source.strip()}
    )
    record_event(actor=actor, verb="calendar.set" if created else "calendar.update", subject=row,
                 data=row.as_row())
    return row
