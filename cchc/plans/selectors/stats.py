"""Counts of work items per plan, content area or agency: the figures dashboards and reports draw.

One GROUP BY query with conditional counts, whatever the number of tasks. The unit counted is the
work item (one agency's share of one occurrence); by default only lead shares count, so a task
with a lead and ten coordinating agencies counts once per lead, as the provincial practice scores
the agency in charge.

Categories (disjoint, they add up to ``total``): done on time, done late, not feasible, overdue,
at risk, on track, no deadline. ``returned`` (sent back for rework; counted as open, hence in
overdue/at risk/on track) and ``awaiting_review`` are extra, overlapping counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from cchc.org.models import Agency
from cchc.plans import conf, rollup
from cchc.plans.access import agency_scope
from cchc.plans.models import Area, Plan, ProgressStatus, Review, Role, WorkItem
from cchc.plans.selectors.queue import bucket_q, risk_window

GROUPS = {"area": "area_id", "agency": "agency_id", "plan": "plan_id"}
CATEGORIES = ("done_on_time", "done_late", "not_feasible", "overdue", "at_risk", "on_track", "no_deadline")


@dataclass
class CountRow:
    key: int | None
    label: str
    total: int = 0
    done_on_time: int = 0
    done_late: int = 0
    not_feasible: int = 0
    overdue: int = 0
    at_risk: int = 0
    on_track: int = 0
    no_deadline: int = 0
    returned: int = 0
    awaiting_review: int = 0

    @property
    def done(self) -> int:
        return self.done_on_time + self.done_late

    @property
    def done_percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def on_time_percent(self) -> int:
        """Share of the due-or-done work finished on time (the PAR sub-criterion's figure)."""
        due = self.done + self.overdue + self.not_feasible
        return round(100 * self.done_on_time / due) if due else 0


def count_aggregates(today: date, risk_end: date) -> dict[str, Any]:
    """The COUNT(... FILTER ...) columns behind every progress figure; a returned report counts as not done."""
    kept = ~Q(review=Review.RETURNED)
    return {
        "total": Count("pk"),
        "done_on_time": Count("pk", filter=Q(status=ProgressStatus.DONE_ON_TIME) & kept),
        "done_late": Count("pk", filter=Q(status=ProgressStatus.DONE_LATE) & kept),
        "not_feasible": Count("pk", filter=Q(status=ProgressStatus.NOT_FEASIBLE) & kept),
        "overdue": Count("pk", filter=bucket_q(rollup.OVERDUE, today, risk_end)),
        "at_risk": Count("pk", filter=bucket_q(rollup.AT_RISK, today, risk_end)),
        "on_track": Count("pk", filter=bucket_q(rollup.ON_TRACK, today, risk_end)),
        "no_deadline": Count("pk", filter=bucket_q(rollup.NO_DEADLINE, today, risk_end)),
        "returned": Count("pk", filter=Q(review=Review.RETURNED)),
        "awaiting_review": Count("pk", filter=Q(review=Review.SUBMITTED)),
    }


def progress_counts(*, by: str = "area", user: Any = None, plan: Plan | None = None, agency_id: int | None = None,
                    role: str | None = Role.LEAD, today: date | None = None, at_risk_days: int | None = None,
                    ) -> tuple[list[CountRow], CountRow]:
    """Rows per ``by`` ("area", "agency" or "plan") and their total, within the reader's scope."""
    field = GROUPS[by]
    today = today or timezone.localdate()
    days = conf.at_risk_days() if at_risk_days is None else at_risk_days
    risk_end = risk_window(agency_code=None, today=today, days=days)
    qs = WorkItem.objects.filter(cancelled=False)
    scope = agency_scope(user) if user is not None else None
    if scope is not None:
        qs = qs.filter(agency_id=scope)
    if plan is not None:
        qs = qs.filter(plan=plan)
    if agency_id is not None:
        qs = qs.filter(agency_id=agency_id)
    if role:
        qs = qs.filter(role=role)
    grouped = list(qs.values(field).annotate(**count_aggregates(today, risk_end)).order_by(field))
    labels = _labels(by, [g[field] for g in grouped if g[field] is not None])
    rows = []
    for g in grouped:
        key = g.pop(field)
        if key in labels:
            label, order = labels[key]
            rows.append(((0, order), CountRow(key=key, label=label, **g)))
        else:  # tasks outside any content area come last
            rows.append(((1, 0), CountRow(key=key, label="Chưa xếp lĩnh vực" if by == "area" else "—", **g)))
    rows.sort(key=lambda p: (p[0], p[1].label))
    out = [r for _, r in rows]
    total = CountRow(key=None, label="Tổng cộng")
    for r in out:
        for name in ("total", *CATEGORIES, "returned", "awaiting_review"):
            setattr(total, name, getattr(total, name) + getattr(r, name))
    return out, total


def _labels(by: str, keys: list[int]) -> dict[int, tuple[str, Any]]:
    if not keys:
        return {}
    if by == "area":
        return {a.pk: (a.title, a.order) for a in Area.objects.filter(pk__in=keys)}
    if by == "agency":
        return {a.pk: (a.name, a.name) for a in Agency.objects.filter(pk__in=keys)}
    return {p.pk: (p.title, -(p.year or 0)) for p in Plan.objects.filter(pk__in=keys)}
