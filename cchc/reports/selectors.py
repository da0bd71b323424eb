"""Reads for dashboards and periodic reports: counts per plan, area and agency; overdue and late
lists; the monthly trend; the rows of the all-tasks workbook. Every read applies the reader's
scope (the secretariat sees all, an agency its own share) and runs a fixed number of queries,
whatever the number of tasks.

The unit counted is the work item (one agency's share of one occurrence of a task), as in
``cchc.plans.selectors.stats``: lead shares only unless said otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from cchc.common.errors import NotFound, PermissionDenied
from cchc.org.models import Agency
from cchc.plans import conf
from cchc.plans.access import agency_scope
from cchc.plans.models import Area, Plan, ProgressStatus, Review, Role, WorkItem
from cchc.plans.selectors.queue import risk_window
from cchc.plans.selectors.stats import CATEGORIES, CountRow, count_aggregates
from cchc.reports.periods import Period

OVERDUE_LIST_LIMIT = 50
GROUP_FIELDS = {"area": "area_id", "agency": "agency_id", "plan": "plan_id"}
EXTRA = ("returned", "awaiting_review")


def scoped_items(user: Any) -> QuerySet[WorkItem]:
    """Live work items the reader may count: all for the secretariat, the agency's own for an officer."""
    qs = WorkItem.objects.filter(cancelled=False)
    scope = agency_scope(user) if user is not None else None
    return qs if scope is None else qs.filter(agency_id=scope)


def _labels(by: str, keys: list[int]) -> dict[int, tuple[str, Any]]:
    if not keys:
        return {}
    if by == "area":
        return {a.pk: (a.title, (a.plan_id, a.order)) for a in Area.objects.filter(pk__in=keys)}
    if by == "agency":
        return {a.pk: (a.name, a.name) for a in Agency.objects.filter(pk__in=keys)}
    return {p.pk: (p.title, -(p.year or 0)) for p in Plan.objects.filter(pk__in=keys)}


def grouped_counts(qs: QuerySet[WorkItem], *, by: str, today: date, risk_end: date) -> tuple[list[CountRow], CountRow]:
    """Rows per ``by`` ("area", "agency" or "plan") and their sum: two queries."""
    name = GROUP_FIELDS[by]
    grouped = list(qs.values(name).annotate(**count_aggregates(today, risk_end)).order_by(name))
    labels = _labels(by, [g[name] for g in grouped if g[name] is not None])
    keyed = []
    for g in grouped:
        key = g.pop(name)
        if key in labels:
            label, order = labels[key]
            keyed.append(((0, order), CountRow(key=key, label=label, **g)))
        else:
            keyed.append(((1, 0), CountRow(key=key, label="Chưa xếp lĩnh vực" if by == "area" else "—", **g)))
    keyed.sort(key=lambda p: (p[0], p[1].label))
    rows = [r for _, r in keyed]
    total = CountRow(key=None, label="Tổng cộng")
    for r in rows:
        for f in ("total", *CATEGORIES, *EXTRA):
            setattr(total, f, getattr(total, f) + getattr(r, f))
    return rows, total


@dataclass
class TrendRow:
    month: date
    due: int = 0
    done_on_time: int = 0
    done_late: int = 0
    open_overdue: int = 0

    @property
    def label(self) -> str:
        return f"{self.month:%m/%Y}"


def monthly_trend(qs: QuerySet[WorkItem], *, today: date) -> list[TrendRow]:
    """Per month of the due date: how many were due, done on time, done late, still open past due (one query)."""
    kept = ~Q(review=Review.RETURNED)
    rows = (qs.filter(due_date__isnull=False).annotate(m=TruncMonth("due_date")).values("m")
            .annotate(due=Count("pk"),
                      done_on_time=Count("pk", filter=Q(status=ProgressStatus.DONE_ON_TIME) & kept),
                      done_late=Count("pk", filter=Q(status=ProgressStatus.DONE_LATE) & kept),
                      open_overdue=Count("pk", filter=Q(is_open=True, due_date__lt=today)))
            .order_by("m"))
    out = []
    for r in rows:
        m = r.pop("m")
        m = m.date() if hasattr(m, "date") else m
        out.append(TrendRow(month=m, **r))
    return out


def overdue_items(qs: QuerySet[WorkItem], *, today: date, limit: int = OVERDUE_LIST_LIMIT) -> list[WorkItem]:
    """Open work items past their due date, oldest first."""
    return list(qs.filter(is_open=True, due_date__lt=today).select_related("task", "agency", "plan", "occurrence")
                .order_by("due_date", "pk")[:limit])


@dataclass
class Dashboard:
    title: str
    today: date
    total: CountRow
    by_area: list[CountRow] = field(default_factory=list)
    by_agency: list[CountRow] = field(default_factory=list)
    by_plan: list[CountRow] = field(default_factory=list)
    trend: list[TrendRow] = field(default_factory=list)
    overdue: list[WorkItem] = field(default_factory=list)
    overdue_total: int = 0


def _risk_end(today: date) -> date:
    return risk_window(agency_code=None, today=today, days=conf.at_risk_days())


def plan_dashboard(*, user: Any, plan: Plan, area: Area | None = None, today: date | None = None) -> Dashboard:
    """A plan's dashboard (or one content area of it) within the reader's scope."""
    today = today or timezone.localdate()
    risk_end = _risk_end(today)
    qs = scoped_items(user).filter(plan=plan, role=Role.LEAD)
    if area is not None:
        qs = qs.filter(area=area)
    by_agency, total = grouped_counts(qs, by="agency", today=today, risk_end=risk_end)
    by_area = [] if area is not None else grouped_counts(qs, by="area", today=today, risk_end=risk_end)[0]
    return Dashboard(title=area.title if area else plan.title, today=today, total=total, by_area=by_area,
                     by_agency=by_agency, trend=monthly_trend(qs, today=today),
                     overdue=overdue_items(qs, today=today), overdue_total=total.overdue)


def agency_for_dashboard(*, user: Any, code: str) -> Agency:
    """The agency whose dashboard is asked for: an officer only their own, the secretariat any."""
    scope = agency_scope(user)
    agency = Agency.objects.filter(code=code).first()
    if agency is None:
        raise NotFound(f"Không tìm thấy cơ quan có mã “{code}”.", code="agency_not_found")
    if scope is not None and agency.pk != scope:
        raise PermissionDenied("Bạn chỉ xem được bảng theo dõi của cơ quan mình.", code="dashboard_other_agency")
    return agency


def agency_dashboard(*, user: Any, agency: Agency, today: date | None = None) -> Dashboard:
    """An agency's dashboard: its lead and coordinating shares, per plan and per area."""
    agency_for_dashboard(user=user, code=agency.code)
    today = today or timezone.localdate()
    risk_end = _risk_end(today)
    qs = WorkItem.objects.filter(cancelled=False, agency=agency)
    by_plan, total = grouped_counts(qs, by="plan", today=today, risk_end=risk_end)
    by_area = grouped_counts(qs, by="area", today=today, risk_end=risk_end)[0]
    return Dashboard(title=agency.name, today=today, total=total, by_plan=by_plan, by_area=by_area,
                     trend=monthly_trend(qs, today=today), overdue=overdue_items(qs, today=today),
                     overdue_total=total.overdue)


# --- periodic reports ---------------------------------------------------------------------------


@dataclass
class LateRow:
    item: WorkItem
    reason: str

    @property
    def state(self) -> str:
        if self.item.review == Review.RETURNED:
            return "Bị trả lại, chưa hoàn thành"
        if self.item.is_open:
            return "Quá hạn, chưa hoàn thành"
        return self.item.get_status_display()


@dataclass
class PeriodReport:
    period: Period
    agency: Agency | None
    as_of: date
    total: CountRow
    by_area: list[CountRow]
    by_agency: list[CountRow]
    late: list[LateRow]
    plans: list[Plan]


def period_items(*, user: Any, period: Period, agency: Agency | None = None) -> QuerySet[WorkItem]:
    """Work items a periodic report covers: due within the period, or due earlier and still open.

    For the province, lead shares; for one agency, all its shares (lead and coordinating).
    """
    qs = scoped_items(user).filter(due_date__lte=period.end).filter(Q(due_date__gte=period.start) | Q(is_open=True))
    if agency is not None:
        return qs.filter(agency=agency)
    return qs.filter(role=Role.LEAD)


def _reason(w: WorkItem) -> str:
    r = w.latest_report
    if w.review == Review.RETURNED and r is not None and r.review_reason:
        return f"Trả lại: {r.review_reason}"
    if r is None:
        return "Chưa báo cáo"
    return (r.reason or r.narrative or "").strip() or "Không nêu lý do"


def period_report(*, user: Any, period: Period, agency: Agency | None = None, today: date | None = None) -> PeriodReport:
    """Everything a periodic report states, for the province or one agency (a fixed number of queries)."""
    if agency is not None:
        agency_for_dashboard(user=user, code=agency.code)
    today = today or timezone.localdate()
    as_of = min(today, period.end)
    risk_end = _risk_end(as_of)
    qs = period_items(user=user, period=period, agency=agency)
    by_area, total = grouped_counts(qs, by="area", today=as_of, risk_end=risk_end)
    by_agency = [] if agency is not None else grouped_counts(qs, by="agency", today=as_of, risk_end=risk_end)[0]
    late_q = (Q(status=ProgressStatus.DONE_LATE) | Q(status=ProgressStatus.NOT_FEASIBLE)
              | Q(is_open=True, due_date__lt=as_of) | Q(review=Review.RETURNED))
    late = [LateRow(item=w, reason=_reason(w)) for w in
            qs.filter(late_q).select_related("task", "agency", "occurrence", "latest_report")
            .order_by("due_date", "task__plan_id", "task__order", "pk")]
    plans = list(Plan.objects.filter(pk__in=qs.values("plan_id")).order_by("-year", "pk"))
    return PeriodReport(period=period, agency=agency, as_of=as_of, total=total, by_area=by_area, by_agency=by_agency,
                        late=late, plans=plans)


def task_rows(*, user: Any, plan: Plan | None = None) -> QuerySet[WorkItem]:
    """Every work item for the all-tasks workbook, in plan order, with what a row shows."""
    qs = scoped_items(user)
    if plan is not None:
        qs = qs.filter(plan=plan)
    return (qs.select_related("plan", "task", "area", "agency", "occurrence", "latest_report")
            .order_by("plan_id", "task__order", "task_id", "occurrence__seq", "role", "agency__name"))


# --- publication ----------------------------------------------------------------------------------


def freeze(*, plan: Plan, as_of: date) -> dict[str, Any]:
    """The figures a publication keeps: lead shares due up to ``as_of``, per area and per agency."""
    risk_end = _risk_end(as_of)
    qs = WorkItem.objects.filter(cancelled=False, plan=plan, role=Role.LEAD, due_date__lte=as_of)
    by_area, total = grouped_counts(qs, by="area", today=as_of, risk_end=risk_end)
    by_agency = grouped_counts(qs, by="agency", today=as_of, risk_end=risk_end)[0]

    def dump(r: CountRow) -> dict[str, Any]:
        return {"label": r.label, "total": r.total, "done_on_time": r.done_on_time, "done_late": r.done_late,
                "not_feasible": r.not_feasible, "overdue": r.overdue, "done_percent": r.done_percent,
                "on_time_percent": r.on_time_percent}

    return {"total": dump(total), "areas": [dump(r) for r in by_area], "agencies": [dump(r) for r in by_agency]}
