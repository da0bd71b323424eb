"""Dossier API: intake, every transition of the life cycle, reads scoped by agency, the process log.

Another agency's dossier answers 404, as if it did not exist. Every transition answers the dossier
as it is after the change; a concurrent change by someone else answers 409 ``dossier_changed``.
"""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema

from cchc.api.auth import AUTH
from cchc.api.schemas import WRITE_ERRORS, IsoDate, StrictIn
from cchc.dossiers import lifecycle, selectors, services
from cchc.dossiers.models import ApplicantType, Channel, Dossier, ReturnMethod
from cchc.dossiers.services import ComponentData, IntakeData

router = Router(tags=["hồ sơ"])

StateLit = Literal[tuple(s.value for s in lifecycle.State)]  # type: ignore[valid-type]
ChannelLit = Literal[tuple(Channel.values)]  # type: ignore[valid-type]
ReturnLit = Literal[tuple(ReturnMethod.values)]  # type: ignore[valid-type]
CODE = r"^[A-Za-z0-9._-]{1,60}$"
PHONE = r"^\+?[0-9][0-9 .-]{6,18}[0-9]$"
ID_NUMBER = r"^[0-9A-Za-z-]{6,20}$"


# --- output ----------------------------------------------------------------------------------

class DossierOut(Schema):
    code: str
    state: str
    state_label: str
    national_status: int | None
    dvcqg_status: str | None
    procedure: str
    procedure_version: int
    case: str
    channel: str
    receiving_agency: str
    competent_agency: str
    current_agency: str
    current_step: str | None
    step_due_at: datetime | None
    applicant_name: str
    applicant_type: int
    subject: str
    submitted_at: datetime | None
    received_at: datetime | None
    due_at: datetime | None
    original_due_at: datetime | None
    statutory_due_at: datetime | None
    paused: bool
    resolved_at: datetime | None
    returned_at: datetime | None
    closed_at: datetime | None
    supplement_count: int
    reappointment_count: int
    fee_amount: int
    fee_paid: bool
    result_number: str
    result_electronic: bool
    has_digitised_components: bool
    synthetic: bool
    log_seq: int


def _out(d: Dossier) -> dict[str, Any]:
    return {
        "code": d.code, "state": d.state, "state_label": d.state_label, "national_status": d.national_status,
        "dvcqg_status": lifecycle.dvcqg_status(d.state), "procedure": d.procedure.code,
        "procedure_version": d.version.number, "case": d.case.code, "channel": d.channel,
        "receiving_agency": d.receiving_agency.code, "competent_agency": d.competent_agency.code,
        "current_agency": d.current_agency.code, "current_step": d.current_step.code if d.current_step_id else None,
        "step_due_at": d.step_due_at, "applicant_name": d.applicant_name, "applicant_type": d.applicant_type,
        "subject": d.subject, "submitted_at": d.submitted_at, "received_at": d.received_at, "due_at": d.due_at,
        "original_due_at": d.original_due_at, "statutory_due_at": d.statutory_due_at,
        "paused": d.paused_since is not None, "resolved_at": d.resolved_at, "returned_at": d.returned_at,
        "closed_at": d.closed_at, "supplement_count": d.supplement_count,
        "reappointment_count": d.reappointment_count, "fee_amount": int(d.fee_amount or 0), "fee_paid": d.fee_paid,
        "result_number": d.result_number, "result_electronic": d.result_electronic,
        "has_digitised_components": d.has_digitised_components, "synthetic": d.synthetic, "log_seq": d.log_seq,
    }


def _answer(d: Dossier, status: int = 200) -> HttpResponse:
    """The ``DossierOut`` answer of a write, rendered as ninja renders it but without validating a
    model first: ``_out`` gives every field its declared type (API tests check the answers against
    the schema), and validation plus dumping cost a tenth of an intake."""
    out = _out(d)
    for key, value in out.items():
        if type(value) is datetime:
            out[key] = _iso(value)
    return HttpResponse(json.dumps(out), status=status, content_type="application/json; charset=utf-8")


def _iso(value: datetime) -> str:
    # DjangoJSONEncoder's text for a datetime (ninja's encoder defers to it), without a Python
    # ``default`` call from the C encoder per value.
    text = value.isoformat()
    if value.microsecond:
        text = text[:23] + text[26:]
    if text.endswith("+00:00"):
        text = text[:-6] + "Z"
    return text


class ActionOut(Schema):
    action: str
    label: str
    transition: str
    needs_reason: bool


class PauseOut(Schema):
    kind: str
    started_at: datetime
    ended_at: datetime | None
    due_before: datetime | None
    due_after: datetime | None
    reason: str


class ReappointmentOut(Schema):
    issued_at: datetime
    old_due_at: datetime
    new_due_at: datetime
    reason: str
    document_number: str


class DossierDetailOut(DossierOut):
    applicant_id_number: str
    applicant_phone: str
    applicant_address: str
    applicant_organisation: str
    components: list[dict[str, Any]]
    closing_reason: str
    timing_status: str
    timing_remaining: str
    actions: list[ActionOut]
    pauses: list[PauseOut]
    reappointments: list[ReappointmentOut]
    supplement_lapses_at: datetime | None = Field(
        None, description="Khi hồ sơ chờ bổ sung: thời điểm hết thời hạn bổ sung (trống nếu thủ tục không quy định).")
    supplement_lapsed: bool = Field(False, description="Đã quá thời hạn bổ sung mà chưa nhận được bổ sung.")
    archived_at: datetime | None = Field(None, description="Ngày hệ thống đưa hồ sơ đã trả kết quả vào lưu trữ (T21).")
    archive_reference: str = Field("", description="Số, ký hiệu hồ sơ lưu trữ.")


class LogEntryOut(Schema):
    seq: int
    at: datetime
    actor_name: str
    role: str
    agency_code: str
    action: str
    from_state: str
    to_state: str
    step_code: str
    step_started_at: datetime | None
    step_due_at: datetime | None
    step_result: str
    next_step_code: str
    next_step_due_at: datetime | None
    receiver_agency_code: str
    due_at: datetime | None
    note: str
    hash: str


class DossierPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[DossierOut]


# --- input -----------------------------------------------------------------------------------

class ComponentIn(StrictIn):
    component_id: int = Field(..., ge=1, le=2**62)
    originals: int = Field(0, ge=0, le=100)
    copies: int = Field(0, ge=0, le=100)
    digitised: bool = False
    from_national_store: bool = False
    reused: bool = False


class IntakeIn(StrictIn):
    procedure_code: str = Field(..., pattern=CODE, description="Mã thủ tục (phiên bản đang công bố được dùng).")
    case_code: str = Field("", max_length=40, description="Mã trường hợp; bỏ trống khi thủ tục chỉ có một.")
    channel: ChannelLit = Field(Channel.COUNTER, description="Kênh nộp.")  # type: ignore[valid-type]
    competent_agency: str = Field("", max_length=64, description="Mã cơ quan có thẩm quyền (khi có nhiều).")
    receiving_agency: str = Field("", max_length=64, description="Nơi tiếp nhận (chỉ khi công dân tự nộp).")
    applicant_type: Literal[tuple(ApplicantType.values)] = 1  # type: ignore[valid-type]
    applicant_name: str = Field(..., min_length=1, max_length=255, pattern=r"\S")
    applicant_id_number: str = Field(..., pattern=ID_NUMBER)
    applicant_phone: str = Field(..., pattern=PHONE)
    # Whitespace spelled out: "\s" differs between the schema's ECMA regex and pydantic's (U+0085).
    applicant_email: str = Field("", max_length=254,
                                 pattern=r"^$|^[^@ \t\r\n\f\v]+@[^@ \t\r\n\f\v]+\.[^@ \t\r\n\f\v]+$")
    applicant_address: str = Field("", max_length=500)
    applicant_organisation: str = Field("", max_length=255)
    representative_name: str = Field("", max_length=255)
    subject: str = Field("", max_length=1000)
    components: list[ComponentIn] = Field(default_factory=list, max_length=100)
    submitted_at: datetime | None = Field(None, description="Thời điểm nộp (kênh trực tuyến, bưu chính).")
    received_at: datetime | None = Field(None, description="Thời điểm tiếp nhận; mặc định: bây giờ.")
    vneid_verified: bool = False
    fee_amount: int = Field(0, ge=0, le=10**12)
    fee_paid: bool = False
    paid_online: Literal["", "1", "2"] = ""
    other_code: str = Field("", max_length=60)
    note: str = Field("", max_length=2000)


def _intake(body: IntakeIn) -> IntakeData:
    return IntakeData(
        procedure_code=body.procedure_code, case_code=body.case_code, channel=body.channel,
        competent_agency_code=body.competent_agency, receiving_agency_code=body.receiving_agency,
        applicant_type=body.applicant_type, applicant_name=body.applicant_name,
        applicant_id_number=body.applicant_id_number, applicant_phone=body.applicant_phone,
        applicant_email=body.applicant_email, applicant_address=body.applicant_address,
        applicant_organisation=body.applicant_organisation, representative_name=body.representative_name,
        subject=body.subject, components=[ComponentData(**c.model_dump()) for c in body.components],
        submitted_at=body.submitted_at, received_at=body.received_at, vneid_verified=body.vneid_verified,
        fee_amount=Decimal(body.fee_amount), fee_paid=body.fee_paid, paid_online=body.paid_online,
        other_code=body.other_code, note=body.note,
    )


class NoteIn(StrictIn):
    note: str = Field("", max_length=2000)


class ReasonIn(StrictIn):
    reason: str = Field(..., min_length=1, max_length=4000, description="Lý do (bắt buộc).")


class RefuseIn(ReasonIn):
    competent_hint: str = Field("", max_length=255, description="Cơ quan có thẩm quyền, khi không thuộc thẩm quyền.")


class SupplementIn(ReasonIn):
    components: list[str] = Field(default_factory=list, max_length=50, description="Giấy tờ cần bổ sung.")


class ResubmitIn(StrictIn):
    components: list[ComponentIn] | None = Field(None, max_length=100)
    note: str = Field("", max_length=2000)


class ForwardIn(StrictIn):
    to_step: str = Field("", max_length=30, description="Mã bước đến; bỏ trống: bước kế tiếp.")
    note: str = Field("", max_length=2000)


class InteragencyIn(StrictIn):
    agency: str = Field(..., pattern=r"^[A-Za-z0-9._-]{1,64}$", description="Mã cơ quan phối hợp.")
    reply_by: datetime | None = None
    note: str = Field("", max_length=2000)


class PaymentIn(StrictIn):
    amount: int = Field(..., ge=1, le=10**12, description="Số tiền (đồng).")
    note: str = Field("", max_length=2000)


class PaymentConfirmIn(StrictIn):
    paid_online: Literal["", "1", "2"] = Field("", description="1: Cổng DVCQG; 2: cổng của tỉnh; trống: trực tiếp.")
    note: str = Field("", max_length=2000)


class ApologyIn(ReasonIn):
    new_due_at: datetime = Field(..., description="Ngày hẹn mới ghi trong văn bản xin lỗi.")
    document_number: str = Field("", max_length=100)


class ResultIn(StrictIn):
    result_number: str = Field(..., min_length=1, max_length=100, pattern=r"\S")
    result_date: IsoDate | None = None
    electronic: bool = False
    summary: str = Field("", max_length=2000)
    note: str = Field("", max_length=2000)


class ReturnIn(StrictIn):
    method: ReturnLit = ReturnMethod.COUNTER  # type: ignore[valid-type]
    recipient_name: str = Field("", max_length=255)
    fee_collected: bool = False
    note: str = Field("", max_length=2000)


class ListFilters(Schema):
    state: StateLit | None = None  # type: ignore[valid-type]
    q: str = Field("", max_length=100, description="Mã hồ sơ, tên hoặc số giấy tờ của người nộp.")
    agency: str = Field("", max_length=64, description="Mã cơ quan tiếp nhận hoặc giải quyết.")
    overdue: bool | None = Field(None, description="Chỉ hồ sơ đang mở đã quá hạn (true) hoặc chưa quá hạn (false).")
    limit: int = Field(50, ge=1, le=settings.CCHC_API_MAX_LIMIT)
    offset: int = Field(0, ge=0, le=10_000_000)


# --- routes ----------------------------------------------------------------------------------

@router.get("/dossiers", auth=AUTH, response={200: DossierPage, **WRITE_ERRORS}, summary="Danh sách hồ sơ")
def list_dossiers(request: HttpRequest, filters: Query[ListFilters]):
    """Dossiers the caller may see (their agency's, received or competent; all for the secretariat)."""
    qs = selectors.dossier_list(user=request.user, state=filters.state or "", q=filters.q, agency=filters.agency,
                                overdue=filters.overdue)
    items = list(qs.select_related("case", "current_step")[filters.offset: filters.offset + filters.limit])
    count = qs.count() if len(items) == filters.limit or filters.offset else len(items)
    return {"count": count, "limit": filters.limit, "offset": filters.offset, "items": [_out(d) for d in items]}


@router.post("/dossiers", auth=AUTH, response={201: DossierOut, **WRITE_ERRORS},
             summary="Tiếp nhận hồ sơ tại quầy (T1+T4)")
def receive(request: HttpRequest, body: IntakeIn):
    """Receive a complete dossier: code, appointment, first step, process-log row."""
    return _answer(services.dossier_receive(actor=request.user, data=_intake(body)), 201)


@router.post("/dossiers/drafts", auth=AUTH, response={201: DossierOut, **WRITE_ERRORS},
             summary="Lưu nháp hồ sơ (T1)")
def draft(request: HttpRequest, body: IntakeIn):
    """Save a counter dossier as a draft; components may still be missing."""
    return _answer(services.dossier_draft(actor=request.user, data=_intake(body)), 201)


@router.post("/dossiers/submissions", auth=AUTH, response={201: DossierOut, **WRITE_ERRORS},
             summary="Hồ sơ nộp trực tuyến, bưu chính (T2)")
def submit(request: HttpRequest, body: IntakeIn):
    """Register an online or postal arrival; it waits for the one-stop unit to accept it."""
    return _answer(services.dossier_submit(actor=request.user, data=_intake(body)), 201)


@router.get("/dossiers/{code}", auth=AUTH, response={200: DossierDetailOut, **WRITE_ERRORS},
            summary="Một hồ sơ")
def get_dossier(request: HttpRequest, code: str):
    """One dossier with its timing, pauses, re-appointments and the actions the caller may take now."""
    from cchc.queues.services import personal_data_view_record

    d = selectors.dossier_get(user=request.user, code=code)
    # The answer holds the applicant's ID number, phone and address: who read them is logged.
    personal_data_view_record(actor=request.user, dossier=d, context="api_dossier", ip=request.META.get("REMOTE_ADDR"))
    history = selectors.dossier_history(dossier=d)
    timing = selectors.dossier_timing(dossier=d)
    wait = selectors.supplement_wait(dossier=d, history=history)
    return {
        **_out(d), "applicant_id_number": d.applicant_id_number, "applicant_phone": d.applicant_phone,
        "applicant_address": d.applicant_address, "applicant_organisation": d.applicant_organisation,
        "components": d.components, "closing_reason": d.closing_reason,
        "timing_status": timing["status"], "timing_remaining": timing["remaining"],
        "actions": [{"action": t.action.value, "label": t.action.label, "transition": t.code,
                     "needs_reason": t.needs_reason} for t in selectors.dossier_actions(user=request.user, dossier=d)],
        "pauses": [{"kind": p.kind, "started_at": p.started_at, "ended_at": p.ended_at, "due_before": p.due_before,
                    "due_after": p.due_after, "reason": p.reason} for p in history.pauses],
        "reappointments": [{"issued_at": r.issued_at, "old_due_at": r.old_due_at, "new_due_at": r.new_due_at,
                            "reason": r.reason, "document_number": r.document_number} for r in history.reappointments],
        "supplement_lapses_at": wait.lapses_at if wait else None, "supplement_lapsed": bool(wait and wait.lapsed),
        "archived_at": d.archived_at, "archive_reference": d.archive_reference,
    }


@router.get("/dossiers/{code}/log", auth=AUTH, response={200: list[LogEntryOut], **WRITE_ERRORS},
            summary="Quá trình xử lý (phiếu kiểm soát)")
def get_log(request: HttpRequest, code: str):
    """The process log of a dossier, oldest first, with each row's hash."""
    d = selectors.dossier_get(user=request.user, code=code)
    return selectors.dossier_log(dossier=d)


def _act(request: HttpRequest, code: str, service, **kwargs):
    d = selectors.dossier_get(user=request.user, code=code)
    return _answer(service(actor=request.user, dossier=d, **kwargs))


ONE = {200: DossierOut, **WRITE_ERRORS}


@router.post("/dossiers/{code}/accept", auth=AUTH, response=ONE, summary="Tiếp nhận hồ sơ đã nộp (T3/T4)")
def accept(request: HttpRequest, code: str, body: NoteIn):
    """Accept a submitted dossier or receive a draft: the legal clock starts."""
    return _act(request, code, services.dossier_accept, note=body.note)


@router.post("/dossiers/{code}/intake-supplement", auth=AUTH, response=ONE,
             summary="Hướng dẫn bổ sung trước khi tiếp nhận (T5)")
def intake_supplement(request: HttpRequest, code: str, body: SupplementIn):
    """Ask for missing documents before acceptance; no clock runs yet."""
    return _act(request, code, services.dossier_request_intake_supplement, reason=body.reason,
                components=body.components)


@router.post("/dossiers/{code}/resubmit", auth=AUTH, response=ONE, summary="Nộp lại sau bổ sung (T6)")
def resubmit(request: HttpRequest, code: str, body: ResubmitIn):
    """The missing documents are in: the dossier goes back to the acceptance queue."""
    comps = None if body.components is None else [ComponentData(**c.model_dump()) for c in body.components]
    return _act(request, code, services.dossier_resubmit, components=comps, note=body.note)


@router.post("/dossiers/{code}/refuse", auth=AUTH, response=ONE, summary="Từ chối tiếp nhận (T7)")
def refuse(request: HttpRequest, code: str, body: RefuseIn):
    """Refuse at intake with the reason (and the competent agency, if not competent)."""
    return _act(request, code, services.dossier_refuse, reason=body.reason, competent_hint=body.competent_hint)


@router.post("/dossiers/{code}/transfer", auth=AUTH, response=ONE, summary="Chuyển cơ quan giải quyết (T8)")
def transfer(request: HttpRequest, code: str, body: NoteIn):
    """Hand the received dossier to the competent agency's first step."""
    return _act(request, code, services.dossier_transfer, note=body.note)


@router.post("/dossiers/{code}/forward", auth=AUTH, response=ONE, summary="Chuyển bước xử lý (T9)")
def forward(request: HttpRequest, code: str, body: ForwardIn):
    """Move to the next internal step (or back one, where the step allows)."""
    return _act(request, code, services.dossier_forward, to_step=body.to_step, note=body.note)


@router.post("/dossiers/{code}/interagency", auth=AUTH, response=ONE, summary="Gửi cơ quan phối hợp (T10)")
def interagency(request: HttpRequest, code: str, body: InteragencyIn):
    """Consult a coordinating agency; the clock keeps running."""
    return _act(request, code, services.dossier_send_interagency, agency_code=body.agency, reply_by=body.reply_by,
                note=body.note)


@router.post("/dossiers/{code}/interagency-return", auth=AUTH, response=ONE,
             summary="Cơ quan phối hợp trả ý kiến (T10)")
def interagency_return(request: HttpRequest, code: str, body: NoteIn):
    """The coordinating agency has answered: processing resumes."""
    return _act(request, code, services.dossier_return_interagency, note=body.note)


@router.post("/dossiers/{code}/supplement-request", auth=AUTH, response=ONE,
             summary="Yêu cầu bổ sung trong quá trình giải quyết (T11)")
def supplement_request(request: HttpRequest, code: str, body: SupplementIn):
    """Ask for a supplement: the legal clock stops until it arrives."""
    return _act(request, code, services.dossier_request_supplement, reason=body.reason, components=body.components)


@router.post("/dossiers/{code}/supplement-receipt", auth=AUTH, response=ONE, summary="Nhận hồ sơ bổ sung (T12)")
def supplement_receipt(request: HttpRequest, code: str, body: NoteIn):
    """The supplement is in: the clock resumes and the appointment is recomputed."""
    return _act(request, code, services.dossier_receive_supplement, note=body.note)


@router.post("/dossiers/{code}/payment-request", auth=AUTH, response=ONE,
             summary="Yêu cầu thực hiện nghĩa vụ tài chính (T14)")
def payment_request(request: HttpRequest, code: str, body: PaymentIn):
    """Ask for fees or a financial obligation; the clock pauses when the procedure says so."""
    return _act(request, code, services.dossier_request_payment, amount=body.amount, note=body.note)


@router.post("/dossiers/{code}/payment-confirmation", auth=AUTH, response=ONE, summary="Xác nhận đã nộp (T15)")
def payment_confirmation(request: HttpRequest, code: str, body: PaymentConfirmIn):
    """Payment confirmed: processing (and the clock) resumes."""
    return _act(request, code, services.dossier_confirm_payment, paid_online=body.paid_online, note=body.note)


@router.post("/dossiers/{code}/apology", auth=AUTH, response=ONE, summary="Xin lỗi và hẹn lại (T16)")
def apology(request: HttpRequest, code: str, body: ApologyIn):
    """Issue the apology with a new appointment; the original appointment is kept for statistics."""
    return _act(request, code, services.dossier_apologise, new_due_at=body.new_due_at, reason=body.reason,
                document_number=body.document_number)


@router.post("/dossiers/{code}/withdrawal", auth=AUTH, response=ONE, summary="Rút hồ sơ (T17)")
def withdrawal(request: HttpRequest, code: str, body: ReasonIn):
    """Withdraw at the applicant's request."""
    return _act(request, code, services.dossier_withdraw, reason=body.reason)


@router.post("/dossiers/{code}/stop", auth=AUTH, response=ONE, summary="Dừng giải quyết (T13/T18)")
def stop(request: HttpRequest, code: str, body: ReasonIn):
    """Stop processing, with the written reason."""
    return _act(request, code, services.dossier_stop, reason=body.reason)


@router.post("/dossiers/{code}/result", auth=AUTH, response=ONE, summary="Ban hành kết quả (T19)")
def result(request: HttpRequest, code: str, body: ResultIn):
    """Record the signed result; it goes back to the one-stop unit for return."""
    return _act(request, code, services.dossier_issue_result, result_number=body.result_number,
                result_date=body.result_date, electronic=body.electronic, summary=body.summary, note=body.note)


@router.post("/dossiers/{code}/return", auth=AUTH, response=ONE, summary="Trả kết quả (T20)")
def return_result(request: HttpRequest, code: str, body: ReturnIn):
    """Hand the result over (fees collected on return must be paid)."""
    return _act(request, code, services.dossier_return_result, method=body.method,
                recipient_name=body.recipient_name, fee_collected=body.fee_collected, note=body.note)
