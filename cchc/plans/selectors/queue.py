"""An agency's work queue: overdue, at risk, on track; filters; who still owes whom.

"At risk" is measured in working days with the agency's calendar: the threshold's end is computed
once per request (``risk_end``, the first day no longer at risk), so every bucket is a plain date
range over the indexed open rows and the number of queries does not depend on the number of tasks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from cchc.common.errors import NotFound, PermissionDenied, ValidationFailed
from cchc.org.models import Agency
from cchc.plans import conf, rollup
from cchc.plans.access import agency_scope
from cchc.plans.models import Area, Plan, Review, Role, WorkItem
from cchc.workdays.calendar import Calendar
from cchc.workdays.selectors import calendar_for

MAX_AT_RISK_DAYS = 60
# What a queue row shows: loading only these keeps a 50-row page cheap (tasks carry long texts).
ROW_FIELDS = (
    "assignment_id", "occurrence_id", "task_id", "plan_id", "area_id", "agency_id", "role", "due_date", "status",
    "percent", "review", "is_open", "cancelled", "completed_on", "latest_report_id", "reported_at",
    "task__no", "task__content", "plan__title", "occurrence__seq", "occurrence__label", "area__title",
    "latest_report__review_reason",
)


@dataclass(frozen=True)
class QueueFilters:
    plan_id: int | None = None
    status: str | None = None  # a ProgressStatus value, "returned" or "awaiting_review"
    role: str | None = None
    area_id: int | None = None
    bucket: str | None = None  # one of rollup.BUCKETS, "open" (default) or "all"


@dataclass
class QueueRow:
    item: WorkItem
    bucket: str
    working_days_left: int | None
    owed_by: list[WorkItem] = field(default_factory=list)  # lead rows: coordinating items still open
    leads: list[WorkItem] = field(default_factory=list)  # coordinating rows: the lead items they feed


@dataclass
class QueuePage:
    agency: Agency
    today: date
    at_risk_days: int
    risk_end: date
    counts: dict[str, int]
    rows: list[QueueRow]
    total: int
    limit: int
    offset: int
    owed_by: list[tuple[Agency, int]]  # coordinating agencies that owe this agency (as lead) contributions
    owes_to: list[tuple[Agency, int]]  # lead agencies this agency owes contributions to


def resolve_agency(*, user: Any, agency_code: str | None) -> Agency:
    """Whose queue: an officer's own agency only; the secretariat may pick any (default its own)."""
    scope = agency_scope(user)
    if scope is not None:
        if not scope:
            raise PermissionDenied("Tài khoản chưa gắn với cơ quan nào nên không có việc được giao.",
                                   code="no_agency")
        # The user's own agency: loaded once per request and shared with the page header.
        agency = user.agency
        if agency_code and agency_code != agency.code:
            raise PermissionDenied("Bạn chỉ xem được việc của cơ quan mình.", code="queue_other_agency")
        return agency
    code = agency_code or getattr(getattr(user, "agency", None), "code", None)
    if not code:
        raise ValidationFailed("Hãy chọn cơ quan để xem việc được giao.", code="agency_required")
    agency = Agency.objects.filter(code=code).first()
    if agency is None:
        raise NotFound(f"Không tìm thấy cơ quan có mã “{code}”.", code="agency_not_found")
    return agency


def risk_window(*, agency_code: str | None, today: date, days: int, calendar: Calendar | None = None) -> date:
    """The first day that is *not* at risk: the (days + 1)-th working day after ``today``."""
    calendar = calendar or calendar_for(agency_code=agency_code)
    return calendar.add_working_days(today, days + 1)


def bucket_q(bucket: str, today: date, risk_end: date) -> Q:
    return {
        rollup.OVERDUE: Q(is_open=True, due_date__lt=today),
        rollup.AT_RISK: Q(is_open=True, due_date__gte=today, due_date__lt=risk_end),
        rollup.ON_TRACK: Q(is_open=True, due_date__gte=risk_end),
        rollup.NO_DEADLINE: Q(is_open=True, due_date__isnull=True),
        rollup.CLOSED_BUCKET: Q(is_open=False),
        "open": Q(is_open=True),
        "all": Q(),
    }[bucket]


def _filtered(base: QuerySet[WorkItem], f: QueueFilters) -> QuerySet[WorkItem]:
    if f.plan_id:
        base = base.filter(plan_id=f.plan_id)
    if f.role:
        base = base.filter(role=f.role)
    if f.area_id:
        base = base.filter(area_id=f.area_id)
    if f.status == "returned":
        base = base.filter(review=Review.RETURNED)
    elif f.status == "awaiting_review":
        base = base.filter(review=Review.SUBMITTED)
    elif f.status:
        base = base.filter(status=f.status)
    return base


def queue(*, user: Any, agency_code: str | None = None, today: date | None = None, at_risk_days: int | None = None,
          filters: QueueFilters | None = None, limit: int = 50, offset: int = 0) -> QueuePage:
    """One page of an agency's queue with bucket counts and the owed contributions (a fixed number of queries)."""
    agency = resolve_agency(user=user, agency_code=agency_code)
    today = today or timezone.localdate()
    days = conf.at_risk_days() if at_risk_days is None else at_risk_days
    if not 0 <= days <= MAX_AT_RISK_DAYS:
        raise ValidationFailed(f"Ngưỡng sắp đến hạn phải từ 0 đến {MAX_AT_RISK_DAYS} ngày làm việc.",
                               code="invalid_at_risk_days")
    calendar = calendar_for(agency_code=agency.code)
    risk_end = risk_window(agency_code=agency.code, today=today, days=days, calendar=calendar)
    f = filters or QueueFilters()
    base = _filtered(WorkItem.objects.filter(agency=agency, cancelled=False), f)
    counts = base.aggregate(**{b: Count("pk", filter=bucket_q(b, today, risk_end)) for b in rollup.BUCKETS},
                            returned=Count("pk", filter=Q(review=Review.RETURNED)),
                            awaiting_review=Count("pk", filter=Q(review=Review.SUBMITTED)))
    counts["open"] = sum(counts[b] for b in rollup.BUCKETS if b != rollup.CLOSED_BUCKET)
    counts["all"] = counts["open"] + counts[rollup.CLOSED_BUCKET]
    bucket = f.bucket or "open"
    total = counts.get(bucket, 0)
    page = list(base.filter(bucket_q(bucket, today, risk_end))
                .select_related("task", "plan", "occurrence", "area", "latest_report")
                .only(*ROW_FIELDS).order_by("due_date", "pk")[offset: offset + limit])
    if any(w.due_date is None for w in page):  # NULLs sort differently per database: put them last
        page.sort(key=lambda w: (w.due_date is None, w.due_date or today, w.pk))
    rows = []
    for w in page:
        b = rollup.risk_bucket(w.due_date, today=today, risk_end=risk_end, open_=w.is_open)
        left = calendar.working_days_between(today, w.due_date) if w.due_date and w.is_open else None
        rows.append(QueueRow(item=w, bucket=b, working_days_left=left))
    _attach_partners(rows)
    return QueuePage(agency=agency, today=today, at_risk_days=days, risk_end=risk_end, counts=counts, rows=rows,
                     total=total, limit=limit, offset=offset, owed_by=_owed_by(agency), owes_to=_owes_to(agency))


def _attach_partners(rows: list[QueueRow]) -> None:
    """For lead rows, the coordinating items still open on the same occurrence; for coordinating rows, the leads."""
    lead_occ = {r.item.occurrence_id for r in rows if r.item.role == Role.LEAD and r.item.is_open}
    coord_occ = {r.item.occurrence_id for r in rows if r.item.role == Role.COORDINATING}
    if not lead_occ and not coord_occ:
        return
    partners = WorkItem.objects.filter(cancelled=False).filter(
        Q(occurrence_id__in=lead_occ, role=Role.COORDINATING, is_open=True)
        | Q(occurrence_id__in=coord_occ, role=Role.LEAD)).select_related("agency").only(
        "occurrence_id", "role", "agency__code", "agency__name", "agency__short_name").order_by("agency__name")
    by_occ: dict[tuple[int, str], list[WorkItem]] = {}
    for p in partners:
        by_occ.setdefault((p.occurrence_id, p.role), []).append(p)
    for r in rows:
        if r.item.role == Role.LEAD:
            r.owed_by = by_occ.get((r.item.occurrence_id, Role.COORDINATING), []) if r.item.is_open else []
        else:
            r.leads = by_occ.get((r.item.occurrence_id, Role.LEAD), [])


def _owed_by(agency: Agency) -> list[tuple[Agency, int]]:
    """Coordinating agencies with open contributions on occurrences this agency leads and has not finished."""
    leads = WorkItem.objects.filter(occurrence_id=OuterRef("occurrence_id"), agency=agency, role=Role.LEAD,
                                    is_open=True, cancelled=False)
    return _per_agency(WorkItem.objects.filter(Exists(leads), role=Role.COORDINATING, is_open=True, cancelled=False))


def _owes_to(agency: Agency) -> list[tuple[Agency, int]]:
    """Lead agencies waiting for this agency's open contributions."""
    mine = WorkItem.objects.filter(occurrence_id=OuterRef("occurrence_id"), agency=agency, role=Role.COORDINATING,
                                   is_open=True, cancelled=False)
    return _per_agency(WorkItem.objects.filter(Exists(mine), role=Role.LEAD, is_open=True, cancelled=False))


def _per_agency(qs: QuerySet[WorkItem]) -> list[tuple[Agency, int]]:
    """Open items per agency, with the agency's names, in one query whatever the data."""
    rows = qs.values("agency_id", "agency__code", "agency__name", "agency__short_name").annotate(n=Count("pk"))
    out = [(Agency(pk=r["agency_id"], code=r["agency__code"], name=r["agency__name"],
                   short_name=r["agency__short_name"]), r["n"]) for r in rows]
    return sorted(out, key=lambda p: (-p[1], p[0].name))


def queue_choices(*, agency: Agency) -> tuple[list[Plan], list[Area]]:
    """Plans and areas that have work for the agency (for the filter menus)."""
    plan_ids = WorkItem.objects.filter(agency=agency, cancelled=False).values("plan_id")
    plans = list(Plan.objects.filter(pk__in=plan_ids).order_by("-year", "-pk"))
    areas = list(Area.objects.filter(plan__in=plans).order_by("plan_id", "order"))
    return plans, areas
