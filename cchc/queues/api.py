"""API routes of queues (mounted under /api/v1 by cchc.api.main): the same reads as the pages.

Scoped like the pages: the caller's own agency (the secretariat and administrators may name one for
the late list); another agency's dossiers never appear.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from cchc.api.auth import AUTH
from cchc.api.schemas import WRITE_ERRORS, StrictIn
from cchc.dossiers.models import Channel, Dossier
from cchc.queues import selectors, services
from cchc.queues.selectors import QueueRow

router = Router(tags=["hàng đợi hồ sơ"])

WindowLit = Literal[tuple(selectors.WINDOWS)]  # type: ignore[valid-type]
OpenStateLit = Literal[tuple(v for v, _ in selectors.OPEN_STATE_LABELS)]  # type: ignore[valid-type]
ChannelLit = Literal[tuple(Channel.values)]  # type: ignore[valid-type]


class StandingOut(Schema):
    status: str = Field(description="qua_han, sap_den_han, trong_han, khong_hen hoặc tam_dung")
    label: str
    text: str = Field(description="Thời gian làm việc còn lại / đã quá: “còn 2 ngày 3 giờ”, “quá 4 giờ”")
    seconds: int | None = Field(description="Giây làm việc còn lại (âm: đã quá hạn)")


class DossierQueueItemOut(Schema):
    code: str
    state: str
    state_label: str
    channel: str
    procedure_name: str
    applicant_name: str
    step_code: str | None
    step_name: str | None
    step_role: str | None
    received_at: datetime | None
    submitted_at: datetime | None
    due_at: datetime | None
    step_due_at: datetime | None
    due: StandingOut | None = None
    step: StandingOut | None = None


class StepCountOut(Schema):
    code: str | None
    name: str | None
    role: str | None
    n: int


class DossierQueueOut(Schema):
    agency: str
    count: int
    page: int
    size: int
    steps: list[StepCountOut]
    items: list[DossierQueueItemOut]


class DossierQueueQuery(Schema):
    procedure: str = Field("", max_length=40, description="Mã thủ tục")
    state: OpenStateLit | None = None
    window: WindowLit | None = Field(None, description="overdue, soon (1 ngày làm việc), 3days, step_overdue")
    channel: ChannelLit | None = None
    step: str = Field("", max_length=30, description="Mã bước")
    page: int = Field(1, ge=1, le=100_000)
    size: int = Field(selectors.PAGE_SIZE, ge=1, le=selectors.MAX_PAGE_SIZE)


def _standing(s) -> dict:
    return {"status": s.status, "label": s.label, "text": s.text, "seconds": s.seconds}


def _item(d: Dossier) -> dict:
    """A counter list's dossier (a model instance with its version and step)."""
    step = d.current_step if d.current_step_id else None
    return {
        "code": d.code, "state": d.state, "state_label": d.state_label, "channel": d.channel,
        "procedure_name": d.version.name, "applicant_name": d.applicant_name,
        "step_code": step.code if step else None, "step_name": step.name if step else None,
        "step_role": step.role if step else None, "received_at": d.received_at, "submitted_at": d.submitted_at,
        "due_at": d.due_at, "step_due_at": d.step_due_at,
    }


def _row(r: QueueRow) -> dict:
    """A queue row (values with its standing)."""
    return {
        "code": r.code, "state": r.state, "state_label": r.state_label, "channel": r.channel,
        "procedure_name": r.procedure_name, "applicant_name": r.applicant_name, "step_code": r.step_code,
        "step_name": r.step_name, "step_role": r.step_role, "received_at": r.received_at,
        "submitted_at": r.submitted_at, "due_at": r.due_at, "step_due_at": r.step_due_at,
        "due": _standing(r.due), "step": _standing(r.step),
    }


@router.get("/queues/mine", auth=AUTH, response={200: DossierQueueOut, **WRITE_ERRORS}, summary="Hồ sơ cần tôi xử lý")
def queue_mine(request: HttpRequest, q: Query[DossierQueueQuery]):
    """Open dossiers at the caller's agency whose current step has a role the caller holds; overdue and
    soonest due first, with the working time left on the appointment and on the step."""
    page = selectors.queue_mine(user=request.user, filters=selectors.QueueFilters(
        procedure=q.procedure, state=q.state or "", window=q.window or "", channel=q.channel or "", step=q.step,
        page=q.page, size=q.size))
    return {"agency": page.agency.code, "count": page.total, "page": page.page, "size": page.size,
            "steps": page.steps, "items": [_row(r) for r in page.rows]}


class CounterListOut(Schema):
    state: str
    title: str
    count: int
    items: list[DossierQueueItemOut]


class FoundOut(DossierQueueItemOut):
    applicant_phone: str
    applicant_id_number: str


class CounterOut(Schema):
    agency: str
    lists: list[CounterListOut]
    today_count: int
    today: list[DossierQueueItemOut]
    found: list[FoundOut] | None = Field(None, description="Kết quả tra cứu theo mã, điện thoại, số giấy tờ (q)")


class CounterQuery(Schema):
    q: str = Field("", max_length=60, description="Mã hồ sơ, số điện thoại hoặc số giấy tờ (khớp đúng)")


@router.get("/queues/counter", auth=AUTH, response={200: CounterOut, **WRITE_ERRORS}, summary="Màn hình quầy một cửa")
def queue_counter(request: HttpRequest, q: Query[CounterQuery]):
    """What waits at the caller's one-stop unit (arrivals to accept, incomplete, to transfer, results to
    return) and today's intake; ``q`` searches by exact code, phone or identity number (logged as a view
    of personal data)."""
    board = selectors.counter_board(user=request.user, q=q.q)
    found = None
    if board.found is not None:
        services.personal_data_views_record(actor=request.user, dossiers=board.found, context="api_counter_search",
                                            ip=request.META.get("REMOTE_ADDR"))
        found = [{**_item(d), "applicant_phone": d.applicant_phone, "applicant_id_number": ""} for d in board.found]
        # The identity number is not among the row's columns: read it only for the few found.
        ids = dict(Dossier.objects.filter(pk__in=[d.pk for d in board.found]).values_list("pk", "applicant_id_number"))
        for item, d in zip(found, board.found, strict=True):
            item["applicant_id_number"] = ids.get(d.pk, "")
    return {
        "agency": board.agency.code,
        "lists": [{"state": s, "title": t, "count": board.counts.get(s, 0), "items": [_item(d) for d in board.lists[s]]}
                  for s, t in selectors.COUNTER_LISTS.items()],
        "today_count": board.today_count, "today": [_item(d) for d in board.today], "found": found,
    }


class LateCountOut(Schema):
    key: str
    late: int
    at_risk: int


class LateOut(Schema):
    agency: str
    late: int
    at_risk: int
    cutoff: datetime = Field(description="Hẹn trả trước thời điểm này (1 ngày làm việc tới) là sắp đến hạn")
    by_step: list[LateCountOut]
    by_role: list[LateCountOut]
    items: list[DossierQueueItemOut]


class LateQuery(Schema):
    agency: str = Field("", max_length=64, description="Mã cơ quan (chỉ thường trực CCHC, quản trị)")


@router.get("/queues/late", auth=AUTH, response={200: LateOut, **WRITE_ERRORS}, summary="Hồ sơ quá hạn, sắp đến hạn")
def queue_late(request: HttpRequest, q: Query[LateQuery]):
    """The agency's open dossiers that are late or due within one working day, with counts by step and by
    handler role (agency leaders, division heads; the secretariat and administrators for any agency)."""
    board = selectors.late_board(user=request.user, agency_code=q.agency)
    return {"agency": board.agency.code, "late": board.late, "at_risk": board.at_risk, "cutoff": board.cutoff,
            "by_step": [{"key": r["name"], "late": r["late"], "at_risk": r["at_risk"]} for r in board.by_step],
            "by_role": [{"key": r["role"], "late": r["late"], "at_risk": r["at_risk"]} for r in board.by_role],
            "items": [_row(r) for r in board.rows]}


class BulkIn(StrictIn):
    action: Literal[tuple(services.BULK_ACTIONS)]  # type: ignore[valid-type]
    codes: list[str] = Field(..., min_length=1, max_length=services.BULK_LIMIT)
    note: str = Field("", max_length=2000)


class BulkOutcomeOut(Schema):
    code: str
    ok: bool
    message: str
    state: str


class BulkOut(Schema):
    action: str
    succeeded: int
    failed: int
    outcomes: list[BulkOutcomeOut]


@router.post("/queues/bulk", auth=AUTH, response={200: BulkOut, **WRITE_ERRORS}, summary="Xử lý hàng loạt")
def queue_bulk(request: HttpRequest, body: BulkIn):
    """Forward, transfer or accept several dossiers; each moves completely or not at all, and the answer
    says which succeeded and why the others did not."""
    result = services.queue_bulk_action(actor=request.user, action=body.action, codes=body.codes, note=body.note)
    return {"action": result.action, "succeeded": len(result.succeeded), "failed": len(result.failed),
            "outcomes": [o.__dict__ for o in result.outcomes]}
