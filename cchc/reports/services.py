"""Writes of the reports app: publishing a plan's quarterly progress (frozen figures)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from cchc.common.errors import Conflict, PermissionDenied, ValidationFailed
from cchc.common.events import record_event
from cchc.plans.access import is_manager
from cchc.plans.models import Plan
from cchc.reports.models import PublishedSnapshot
from cchc.reports.periods import Period
from cchc.reports.selectors import freeze


def progress_publish(*, actor: Any, plan: Plan, quarter: int, year: int | None = None,
                     today: date | None = None) -> PublishedSnapshot:
    """Publish a plan's progress for one quarter on the public page; the figures are frozen now.

    Only the secretariat (or an admin) publishes. A quarter is published once per plan
    (``snapshot_exists``); a quarter that has not started is refused (``quarter_not_started``).
    """
    if not is_manager(actor):
        raise PermissionDenied("Chỉ Thường trực CCHC được công bố số liệu tiến độ.", code="publish_forbidden")
    year = year or plan.year or timezone.localdate().year
    if quarter not in (1, 2, 3, 4):
        raise ValidationFailed("Quý phải từ 1 đến 4.", code="invalid_quarter")
    period = Period(year, f"q{quarter}")
    today = today or timezone.localdate()
    if today < period.start:
        raise ValidationFailed(f"Quý {period.label} chưa bắt đầu.", code="quarter_not_started")
    as_of = min(today, period.end)
    try:
        with transaction.atomic():
            snap = PublishedSnapshot.objects.create(
                plan=plan, year=year, quarter=quarter, as_of=as_of,
                title=f"Tiến độ thực hiện {plan.title} – {period.label}",
                data=freeze(plan=plan, as_of=as_of), published_by=actor)
            record_event(actor=actor, verb="progress.publish", subject=snap,
                         data={"plan": plan.pk, "year": year, "quarter": quarter, "as_of": as_of.isoformat()})
    except IntegrityError:
        raise Conflict(f"Số liệu {period.label} của kế hoạch này đã được công bố.", code="snapshot_exists") from None
    return snap
