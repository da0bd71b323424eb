"""Reads of the work queues: a clerk's counter, a specialist's queue, a leader's late list, the view log.

Every selector is scoped to the caller's own agency (the secretariat and administrators may name one)
and runs a fixed number of queries whatever the number of dossiers: lists are cut at a page, counts
come from one grouped query, and only the columns a row shows are read. The indexes they rely on are
named next to each query.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from cchc.common.errors import NotFound, PermissionDenied
from cchc.dossiers import access
from cchc.dossiers.lifecycle import OPEN_STATES, State
from cchc.dossiers.models import ALL_STATE_VALUES, OPEN_STATE_VALUES, Channel, Dossier
from cchc.org.models import Agency
from cchc.queues import timing
from cchc.queues.models import PersonalDataView
from cchc.workdays import TZ
from cchc.workdays.selectors import calendar_for

PAGE_SIZE = 50
NO_DUE = datetime(2999, 12, 31, tzinfo=TZ)  # sorts dossiers without an appointment last
MAX_PAGE_SIZE = 200
# The columns a queue row shows (the components JSON and the result fields are never read here).
ROW_FIELDS = ("id", "code", "state", "channel", "applicant_name", "subject", "received_at", "submitted_at", "due_at",
              "step_due_at", "step_started_at", "paused_since", "synthetic", "procedure_id", "version__name",
              "current_step_id", "current_step__code", "current_step__name", "current_step__role",
              "current_agency_id", "receiving_agency_id", "competent_agency_id")
WINDOWS = {"overdue": "Đang quá hạn", "soon": "Đến hạn trong 1 ngày làm việc", "3days": "Trong 3 ngày làm việc",
           "step_overdue": "Quá hạn bước"}
LEADER_ROLES = frozenset({"agency_leader", "division_head", "admin", "secretariat"})
VIEW_LOG_ROLES = frozenset({"agency_leader", "admin", "secretariat"})


def _agency_for(user: Any, agency_code: str = "") -> Agency:
    """The caller's agency; the secretariat and administrators may look at another by its code."""
    if agency_code and access.sees_everything(user):
        agency = Agency.objects.filter(code=agency_code).first()
        if agency is None:
            raise NotFound(f"Không tìm thấy cơ quan “{agency_code}”.", code="agency_not_found")
        return agency
    if not getattr(user, "agency_id", None):
        raise PermissionDenied("Tài khoản của bạn chưa thuộc cơ quan nào nên không có hàng đợi hồ sơ.",
                               code="no_agency")
    return user.agency


def _rows(qs: QuerySet[Dossier]) -> QuerySet[Dossier]:
    return qs.select_related("version", "current_step").only(*ROW_FIELDS)


# A queue row is read as values, not as model instances: three models per row (dossier, version, step)
# cost more to build than the query costs to run.
ROW_VALUES = ("id", "code", "state", "channel", "applicant_name", "received_at", "submitted_at", "due_at",
              "step_due_at", "paused_since", "synthetic", "version__name", "current_step__code",
              "current_step__name", "current_step__role")
_STATE_LABELS = {s.value: s.label for s in State}
_CHANNEL_LABELS = dict(Channel.choices)


@dataclass
class QueueRow:
    """One dossier of a queue with where it stands: on its appointment and on its current step."""

    id: int
    code: str
    state: str
    channel: str
    applicant_name: str
    received_at: datetime | None
    submitted_at: datetime | None
    due_at: datetime | None
    step_due_at: datetime | None
    paused: bool
    synthetic: bool
    procedure_name: str
    step_code: str | None
    step_name: str | None
    step_role: str | None
    due: timing.Standing
    step: timing.Standing

    @property
    def state_label(self) -> str:
        return _STATE_LABELS.get(self.state, self.state)

    @property
    def channel_label(self) -> str:
        return str(_CHANNEL_LABELS.get(self.channel, self.channel))


def _queue_rows(qs: QuerySet[Dossier], at: datetime, cal) -> list[QueueRow]:
    out = []
    for v in qs.values_list(*ROW_VALUES):
        (id_, code, state, channel, name, received, submitted, due, step_due, paused_since, synthetic, procedure,
         step_code, step_name, step_role) = v
        paused = paused_since is not None
        out.append(QueueRow(id_, code, state, channel, name, received, submitted, due, step_due, paused, synthetic,
                            procedure, step_code, step_name, step_role,
                            timing.standing(due, at, calendar=cal, paused=paused),
                            timing.standing(step_due, at, calendar=cal, paused=paused)))
    return out


# --- the specialist's queue --------------------------------------------------------------------


@dataclass
class QueueFilters:
    procedure: str = ""  # procedure code
    state: str = ""
    window: str = ""  # a key of WINDOWS
    channel: str = ""
    step: str = ""  # step code
    page: int = 1
    size: int = PAGE_SIZE


@dataclass
class QueuePage:
    agency: Agency
    rows: list[QueueRow]
    total: int  # dossiers matching every filter
    steps: list[dict[str, Any]]  # {"code", "name", "role", "n"} for the filters other than the step
    page: int
    size: int
    at: datetime
    roles: list[str] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return max(1, (self.total + self.size - 1) // self.size)


def queue_base(*, user: Any, agency: Agency) -> QuerySet[Dossier]:
    """Open dossiers whose current step is done at ``agency`` under a role ``user`` holds.

    Index ``dossier_current`` (current_agency, state) finds them; the step's role is a join on the key.
    """
    roles = sorted(access.roles_of(user) - {"applicant"})
    qs = Dossier.objects.filter(current_agency_id=agency.pk, state__in=OPEN_STATE_VALUES)
    if "admin" in roles:
        return qs
    # A step with no role is anyone's at the agency; a dossier with no step is the specialists'.
    mine = Q(current_step__role__in=roles) | Q(current_step__role="")
    if "specialist" in roles:
        mine |= Q(current_step__isnull=True)
    return qs.filter(mine)


def _window(qs: QuerySet[Dossier], window: str, at: datetime, cal) -> QuerySet[Dossier]:
    if window == "overdue":
        return qs.filter(due_at__lt=at)
    if window == "soon":
        return qs.filter(due_at__lt=timing.soon_cutoff(at, calendar=cal, days=1))
    if window == "3days":
        return qs.filter(due_at__lt=timing.soon_cutoff(at, calendar=cal, days=3))
    if window == "step_overdue":
        return qs.filter(step_due_at__lt=at)
    return qs


def queue_mine(*, user: Any, filters: QueueFilters | None = None, at: datetime | None = None) -> QueuePage:
    """The caller's work queue: overdue and soonest due first, with working time left; five queries."""
    f = filters or QueueFilters()
    at = at or timezone.now()
    agency = _agency_for(user)
    cal = calendar_for(agency_code=agency.code)
    qs = queue_base(user=user, agency=agency)
    if f.state in OPEN_STATE_VALUES:
        qs = qs.filter(state=f.state)
    if f.procedure:
        qs = qs.filter(procedure__code=f.procedure)
    if f.channel:
        qs = qs.filter(channel=f.channel)
    qs = _window(qs, f.window, at, cal)
    # One grouped query gives the step filter's choices and, summed, the total: no separate COUNT.
    steps = [{"code": c, "name": nm, "role": r, "n": n} for c, nm, r, n in
             qs.values_list("current_step__code", "current_step__name", "current_step__role")
             .annotate(n=Count("id")).order_by("current_step__code", "current_step__name")]
    if f.step:
        qs = qs.filter(current_step__code=f.step)
        total = sum(s["n"] for s in steps if s["code"] == f.step)
    else:
        total = sum(s["n"] for s in steps)
    size = max(1, min(f.size, MAX_PAGE_SIZE))
    page = max(1, min(f.page, (total + size - 1) // size or 1))
    # Sorted after the agency's open dossiers are found by dossier_current: ordering on the bare column
    # would let the planner walk dossier_open_due through every agency's open dossiers instead.
    ordered = qs.order_by(Coalesce("due_at", Value(NO_DUE)), "id")[(page - 1) * size: page * size]
    return QueuePage(agency=agency, rows=_queue_rows(ordered, at, cal), total=total, steps=steps, page=page,
                     size=size, at=at, roles=sorted(access.roles_of(user)))


# --- the counter --------------------------------------------------------------------------------

COUNTER_LISTS = {
    State.SUBMITTED.value: "Hồ sơ nộp trực tuyến, bưu chính chờ tiếp nhận",
    State.INTAKE_INCOMPLETE.value: "Đã hướng dẫn bổ sung, chờ nộp lại",
    State.RECEIVED.value: "Đã tiếp nhận, chờ chuyển cơ quan giải quyết",
    State.RESULT_READY.value: "Đã có kết quả, chờ trả",
}
COUNTER_LIMIT = 15


@dataclass
class CounterBoard:
    agency: Agency
    counts: dict[str, int]
    lists: dict[str, list[Dossier]]
    today: list[Dossier]
    today_count: int
    found: list[Dossier] | None  # quick-search results (None: no search)
    at: datetime


def _start_of_day(at: datetime) -> datetime:
    return datetime.combine(at.astimezone(TZ).date(), time(0, 0), tzinfo=TZ)


def counter_board(*, user: Any, q: str = "", at: datetime | None = None, limit: int = COUNTER_LIMIT) -> CounterBoard:
    """What waits at the caller's one-stop unit: arrivals to accept, incomplete ones, results to return,
    dossiers to transfer, today's intake; plus a quick search by code, phone or identity number."""
    at = at or timezone.now()
    agency = _agency_for(user)
    here = Dossier.objects.filter(receiving_agency_id=agency.pk)
    # Index dossier_recv_state (receiving_agency, state): one grouped count over the four lists.
    counts = dict(here.filter(state__in=list(COUNTER_LISTS)).values_list("state").annotate(n=Count("id"))
                  .values_list("state", "n"))
    lists = {}
    for state in COUNTER_LISTS:
        if not counts.get(state):
            lists[state] = []
            continue
        order = ("submitted_at", "id") if state in (State.SUBMITTED, State.INTAKE_INCOMPLETE) else ("due_at", "id")
        lists[state] = list(_rows(here.filter(state=state)).order_by(*order)[:limit])
    # Index dossier_recv_state (receiving_agency, state, received_at): one range per state.
    today_qs = here.filter(state__in=ALL_STATE_VALUES, received_at__gte=_start_of_day(at))
    today = list(_rows(today_qs).order_by("-received_at", "-id")[:limit])
    today_count = today_qs.count()  # always counted: the page's queries do not depend on the data
    return CounterBoard(agency=agency, counts=counts, lists=lists, today=today, today_count=today_count,
                        found=counter_search(user=user, q=q) if q.strip() else None, at=at)


def counter_search(*, user: Any, q: str, limit: int = 20) -> list[Dossier]:
    """Dossiers the caller may read whose code, applicant phone or identity number is exactly ``q``.

    Exact matches only: each term has its own index (the unique code, dossier_applicant_phone,
    dossier_applicant_id), so the search stays instant over millions of dossiers.
    """
    from cchc.dossiers.selectors import dossier_scope

    q = q.strip()[:60]
    if not q:
        return []
    terms = Q(code=q) | Q(code=q.upper()) | Q(applicant_id_number=q)
    phone = q.replace(" ", "").replace(".", "")
    terms |= Q(applicant_phone=phone)
    # Scope applied to the few matches, not the other way round.
    ids = list(Dossier.objects.filter(terms).values_list("id", flat=True)[:500])
    if not ids:
        return []
    return list(_rows(dossier_scope(user=user).filter(id__in=ids)).order_by("-id")[:limit])


# --- the leader's late list ---------------------------------------------------------------------


@dataclass
class LateBoard:
    agency: Agency
    rows: list[QueueRow]
    late: int
    at_risk: int
    by_step: list[dict[str, Any]]  # {"name", "late", "at_risk"}
    by_role: list[dict[str, Any]]  # {"role", "late", "at_risk"}
    at: datetime
    cutoff: datetime


def late_board(*, user: Any, agency_code: str = "", at: datetime | None = None, limit: int = 100) -> LateBoard:
    """Open dossiers of the agency (competent for them or holding them) that are late or due within one
    working day, counted by step and by the step's handler role; for leaders and division heads."""
    roles = access.roles_of(user)
    if not roles & LEADER_ROLES:
        raise PermissionDenied("Trang này dành cho lãnh đạo cơ quan, lãnh đạo phòng.", code="leader_required")
    at = at or timezone.now()
    agency = _agency_for(user, agency_code)
    cal = calendar_for(agency_code=agency.code)
    cutoff = timing.soon_cutoff(at, calendar=cal)
    # Indexes dossier_comp_state and dossier_current: the OR is two index lookups.
    qs = Dossier.objects.filter(Q(competent_agency_id=agency.pk) | Q(current_agency_id=agency.pk),
                                state__in=OPEN_STATE_VALUES, due_at__lt=cutoff)
    groups = [{"name": nm, "role": r, "late": lt, "at_risk": ar} for nm, r, lt, ar in
              qs.values_list("current_step__name", "current_step__role")
              .annotate(late=Count("id", filter=Q(due_at__lt=at)), at_risk=Count("id", filter=Q(due_at__gte=at)))
              .order_by()]
    by_step: dict[str, dict[str, Any]] = {}
    by_role: dict[str, dict[str, Any]] = {}
    for g in groups:
        for key, table, label in ((g["name"] or "", by_step, "name"), (g["role"] or "", by_role, "role")):
            row = table.setdefault(key, {label: key, "late": 0, "at_risk": 0})
            row["late"] += g["late"]
            row["at_risk"] += g["at_risk"]
    return LateBoard(agency=agency, rows=_queue_rows(qs.order_by("due_at", "id")[:limit], at, cal),
                     late=sum(g["late"] for g in groups), at_risk=sum(g["at_risk"] for g in groups),
                     by_step=sorted(by_step.values(), key=lambda r: (-r["late"], -r["at_risk"], r["name"])),
                     by_role=sorted(by_role.values(), key=lambda r: (-r["late"], -r["at_risk"], r["role"])),
                     at=at, cutoff=cutoff)


# --- the personal-data view log -----------------------------------------------------------------


@dataclass
class ViewFilters:
    user: str = ""  # username or name, exact username match first
    code: str = ""  # dossier code
    context: str = ""
    date_from: date | None = None
    date_to: date | None = None
    page: int = 1
    size: int = 100


def personal_data_views(*, user: Any, filters: ViewFilters | None = None, agency_code: str = "") -> tuple[list, bool]:
    """Views of personal data made by the caller's agency's staff, newest first; (rows, has_more).

    For agency leaders (their agency) and the secretariat/administrators (all, or one agency).
    """
    f = filters or ViewFilters()
    roles = access.roles_of(user)
    if not roles & VIEW_LOG_ROLES:
        raise PermissionDenied("Chỉ lãnh đạo cơ quan và quản trị viên xem được nhật ký này.", code="leader_required")
    qs = PersonalDataView.objects.all()
    if access.sees_everything(user):
        if agency_code:
            qs = qs.filter(agency__code=agency_code)
    else:
        qs = qs.filter(agency_id=_agency_for(user).pk)
    if f.code:
        qs = qs.filter(dossier_code=f.code.strip())
    if f.user:
        qs = qs.filter(Q(user__username=f.user.strip()) | Q(user_name=f.user.strip()))
    if f.context:
        qs = qs.filter(context=f.context)
    if f.date_from:
        qs = qs.filter(at__gte=datetime.combine(f.date_from, time(0, 0), tzinfo=TZ))
    if f.date_to:
        qs = qs.filter(at__lt=datetime.combine(f.date_to + timedelta(days=1), time(0, 0), tzinfo=TZ))
    size = max(1, min(f.size, 500))
    start = (max(1, f.page) - 1) * size
    rows = list(qs.order_by("-at", "-id")[start: start + size + 1])
    return rows[:size], len(rows) > size


def dossier_views(*, user: Any, dossier: Dossier, limit: int = 20) -> list[PersonalDataView] | None:
    """The latest views of one dossier's personal data, for the panel of its page (leaders only; else None)."""
    if not access.roles_of(user) & VIEW_LOG_ROLES:
        return None
    return list(PersonalDataView.objects.filter(dossier_id=dossier.pk).order_by("-at", "-id")[:limit])


OPEN_STATE_LABELS = [(s.value, s.label) for s in sorted(OPEN_STATES, key=lambda s: s.value)]
