"""Processing: transfer (T8), internal steps (T9), inter-agency (T10), supplements that pause the clock
(T11/T12), financial obligations (T14/T15), apology and re-appointment (T16), stop (T13/T18),
result (T19) and return (T20)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from cchc.common.errors import Conflict, PermissionDenied, ValidationFailed
from cchc.dossiers import access, lapse, lifecycle
from cchc.dossiers.lifecycle import Action, State
from cchc.dossiers.models import Dossier, Pause, PauseKind, Reappointment, ReturnMethod, SupplementRequest
from cchc.dossiers.services import _core
from cchc.dossiers.services._core import Change, StepMove
from cchc.dossiers.services.intake import close_pause
from cchc.org.models import Agency
from cchc.procedures.models import ProcessStep
from cchc.workdays import TZ


def _steps(case_id: int) -> list[ProcessStep]:
    return list(ProcessStep.objects.select_related("agency").filter(case_id=case_id).order_by("order"))


def step_agency(dossier: Dossier, step: ProcessStep | None) -> Agency:
    """Where a step is done: its own agency, else the one-stop unit or the competent agency by its place."""
    if step is None:
        return dossier.competent_agency
    if step.agency_id:
        return step.agency
    return dossier.receiving_agency if step.place == "one_stop" else dossier.competent_agency


def next_step(dossier: Dossier, to_code: str = "") -> ProcessStep | None:
    """The step after the current one: ``to_code`` if it is a successor (or, where the step allows
    returning, an earlier step), else the first successor, else the next step by order."""
    steps = _steps(dossier.case_id)
    current = dossier.current_step if dossier.current_step_id else None
    by_code = {s.code: s for s in steps}
    if current is None:
        candidates = steps
    else:
        later = [s for s in steps if s.order > current.order]
        candidates = [by_code[c] for c in current.successors if c in by_code] or later[:1]
    if to_code:
        target = by_code.get(to_code)
        allowed = list(candidates)
        if current is not None and "return" in (current.actions or []):
            allowed += [s for s in steps if s.order < current.order]
        if target is None or target not in allowed:
            raise ValidationFailed(f"Không chuyển được đến bước “{to_code}” từ bước hiện tại.", code="bad_step",
                                   details={"allowed": [s.code for s in allowed]})
        return target
    return candidates[0] if candidates else None


def _move(dossier: Dossier, step: ProcessStep | None, at: datetime, *, complete: bool = True) -> StepMove:
    due = _core.step_due(step, at, calendar=_core.calendar(step_agency(dossier, step).code)) \
        if step is not None else None
    return StepMove(complete=complete, next_step=step, next_started_at=at if step else None, next_due_at=due)


def _step_allows(dossier: Dossier, action: Action) -> None:
    """A step that lists its actions limits what can be done at it (spec §2.5)."""
    if not access.step_allows(dossier, action):
        step = dossier.current_step
        raise Conflict(f"Bước “{step.name}” không cho phép thao tác “{action.label}”.",
                       code="step_action_not_allowed", details={"step": step.code, "allowed": list(step.actions)})


def dossier_transfer(*, actor: Any, dossier: Dossier, note: str = "") -> Dossier:
    """Hand the received dossier to the competent agency (T8): the intake step completes, the next starts."""
    tr = _core.legal(Action.TRANSFER, dossier)
    role = access.authorise(actor, tr, dossier)
    at = _core.now()
    if dossier.current_step_id is None:  # a case without an intake step: start at the first back-office step
        step = next((s for s in _steps(dossier.case_id) if s.place != "one_stop"), None)
    else:
        step = next_step(dossier)
    target = step_agency(dossier, step)
    change = Change(transition=tr, to_state=State.IN_PROCESS, role=role, at=at, note=note,
                    fields={"current_agency": target}, step=_move(dossier, step, at),
                    receiver_agency_code=target.code)
    return _core.commit_transition(dossier, change, actor=actor)


def dossier_forward(*, actor: Any, dossier: Dossier, to_step: str = "", note: str = "") -> Dossier:
    """Move to the next internal step (T9): assign, review, submit for signature, or return a step."""
    tr = _core.legal(Action.FORWARD, dossier)
    role = access.authorise(actor, tr, dossier)
    if not access.step_role_ok(actor, dossier, role):
        raise _step_role_denied(dossier)
    _step_allows(dossier, Action.FORWARD)
    at = _core.now()
    step = next_step(dossier, to_step)
    if step is None:
        raise Conflict("Đây là bước cuối của quy trình: hãy ban hành kết quả hoặc dừng giải quyết.",
                       code="no_next_step")
    target = step_agency(dossier, step)
    change = Change(transition=tr, to_state=State(dossier.state), role=role, at=at, note=note,
                    fields={"current_agency": target}, step=_move(dossier, step, at),
                    receiver_agency_code=target.code, data={"to_step": step.code})
    return _core.commit_transition(dossier, change, actor=actor)


def _step_role_denied(dossier: Dossier) -> PermissionDenied:
    step = dossier.current_step
    return PermissionDenied(f"Bước “{step.name}” do người có vai trò “{step.role}” thực hiện.",
                            code="step_role_required", details={"step": step.code, "role": step.role})


def dossier_send_interagency(*, actor: Any, dossier: Dossier, agency_code: str, note: str = "",
                             reply_by: datetime | None = None) -> Dossier:
    """Consult a coordinating agency (T10): the dossier waits there; the clock keeps running."""
    tr = _core.legal(Action.SEND_INTERAGENCY, dossier)
    role = access.authorise(actor, tr, dossier)
    _step_allows(dossier, Action.SEND_INTERAGENCY)
    reply_by = _core.check_instant(reply_by, "hạn trả lời của cơ quan phối hợp")
    coordinator = Agency.objects.filter(code=agency_code).first()
    if coordinator is None:
        raise ValidationFailed(f"Không có cơ quan mã “{agency_code}”.", code="unknown_agency")
    if coordinator.pk == dossier.competent_agency_id:
        raise ValidationFailed("Cơ quan phối hợp phải khác cơ quan giải quyết.", code="same_agency")
    at = _core.now()
    change = Change(transition=tr, to_state=State.IN_INTERAGENCY, role=role, at=at, note=note,
                    fields={"current_agency": coordinator, "resume_state": dossier.state},
                    receiver_agency_code=coordinator.code,
                    data={"reply_by": reply_by.isoformat() if reply_by else ""})
    return _core.commit_transition(dossier, change, actor=actor)


def dossier_return_interagency(*, actor: Any, dossier: Dossier, note: str = "") -> Dossier:
    """The coordinating agency's answer is back (T10): processing resumes at the competent agency."""
    tr = _core.legal(Action.RETURN_INTERAGENCY, dossier)
    role = access.authorise(actor, tr, dossier)
    at = _core.now()
    back = step_agency(dossier, dossier.current_step if dossier.current_step_id else None)
    to_state = lifecycle.target_of(tr, resume_state=dossier.resume_state)
    change = Change(transition=tr, to_state=to_state, role=role, at=at, note=note,
                    fields={"current_agency": back, "resume_state": ""}, receiver_agency_code=back.code)
    return _core.commit_transition(dossier, change, actor=actor)


def _pause(dossier: Dossier, kind: str, at: datetime, reason: str):
    def extra(d: Dossier) -> None:
        Pause.objects.create(dossier=d, kind=kind, started_at=at, due_before=dossier_due_before, reason=reason)

    dossier_due_before = dossier.due_at
    return extra


def dossier_request_supplement(*, actor: Any, dossier: Dossier, reason: str,
                               components: list[str] | None = None) -> Dossier:
    """Ask for a supplement during processing (T11): the clock stops now; counts for the indicators."""
    tr = _core.legal(Action.REQUEST_SUPPLEMENT, dossier)
    role = access.authorise(actor, tr, dossier)
    _step_allows(dossier, Action.REQUEST_SUPPLEMENT)
    reason = _core.require_reason(tr, reason)
    data: dict[str, Any] = {"components": list(components or [])}
    if dossier.supplement_count >= 1:
        if _core.block_second_supplement():
            raise Conflict("Hồ sơ đã được yêu cầu bổ sung một lần trong quá trình giải quyết; "
                           "quy định của tỉnh không cho yêu cầu lần hai.", code="second_supplement_blocked")
        # Decree 61 allows one request; a second one makes the dossier count as late in the 766 index.
        data["warning"] = "second_supplement"
    at = _core.now()
    round_no = dossier.supplement_count + 1
    pause = _pause(dossier, PauseKind.SUPPLEMENT, at, reason)

    def extra(d: Dossier) -> None:
        pause(d)
        SupplementRequest.objects.create(dossier=d, stage=SupplementRequest.Stage.PROCESSING, round_no=round_no,
                                         requested_at=at, requested_by=actor, reason=reason,
                                         components=list(components or []),
                                         lapses_at=lapse.lapses_at(at, d.case.supplement_days))

    change = Change(transition=tr, to_state=State.SUPPLEMENT_REQUESTED, role=role, at=at, note=reason, data=data,
                    fields={"supplement_count": round_no, "paused_since": at, "resume_state": dossier.state})
    return _core.commit_transition(dossier, change, actor=actor, extra=extra)


def _resume_fields(dossier: Dossier, at: datetime) -> dict[str, Any]:
    """New appointment, statutory due and step due after the pause that started at ``paused_since``."""
    if dossier.paused_since is None:
        return {}
    cal = _core.calendar_of(dossier)
    conv = _core.due_convention(dossier)
    start = dossier.paused_since
    return {
        "due_at": _core.resume_due(dossier.due_at, start, at, calendar=cal, convention=conv),
        "statutory_due_at": _core.resume_due(dossier.statutory_due_at, start, at, calendar=cal, convention=conv),
        "step_due_at": _core.resume_due(dossier.step_due_at, start, at, calendar=cal, convention="hour"),
        "paused_since": None,
    }


def _resume(dossier: Dossier, tr, *, actor, role: str, at: datetime, note: str, fields: dict[str, Any],
            extra_after=None) -> Dossier:
    fields = {**_resume_fields(dossier, at), **fields, "resume_state": ""}
    to_state = lifecycle.target_of(tr, resume_state=dossier.resume_state)
    due_after = fields.get("due_at", dossier.due_at)

    def extra(d: Dossier) -> None:
        close_pause(d, at, due_after)
        if extra_after:
            extra_after(d)

    change = Change(transition=tr, to_state=to_state, role=role, at=at, note=note, fields=fields,
                    data={"due_before": _iso(dossier.due_at), "due_after": _iso(due_after)})
    return _core.commit_transition(dossier, change, actor=actor, extra=extra)


def _iso(value: datetime | None) -> str:
    return value.isoformat() if value else ""


def dossier_receive_supplement(*, actor: Any, dossier: Dossier, note: str = "") -> Dossier:
    """The supplement is in (T12): the clock resumes and the appointment moves by the paused working time."""
    tr = _core.legal(Action.RECEIVE_SUPPLEMENT, dossier)
    role = access.authorise(actor, tr, dossier)
    at = _core.now()

    def extra(d: Dossier) -> None:
        SupplementRequest.objects.filter(dossier=d, stage=SupplementRequest.Stage.PROCESSING,
                                         fulfilled_at__isnull=True).update(fulfilled_at=at)

    return _resume(dossier, tr, actor=actor, role=role, at=at, note=note, fields={}, extra_after=extra)


def dossier_request_payment(*, actor: Any, dossier: Dossier, amount: Decimal | int, note: str = "") -> Dossier:
    """Ask the applicant to pay fees or a financial obligation (T14); pauses when the case says so."""
    tr = _core.legal(Action.REQUEST_PAYMENT, dossier)
    role = access.authorise(actor, tr, dossier)
    _step_allows(dossier, Action.REQUEST_PAYMENT)
    amount = Decimal(amount)
    if amount <= 0:
        raise ValidationFailed("Số tiền phải lớn hơn 0.", code="invalid_amount")
    at = _core.now()
    fields: dict[str, Any] = {"fee_amount": amount, "fee_paid": False, "resume_state": dossier.state}
    extra = None
    if dossier.case.payment_pauses_clock:
        fields["paused_since"] = at
        extra = _pause(dossier, PauseKind.PAYMENT, at, note)
    change = Change(transition=tr, to_state=State.AWAITING_PAYMENT, role=role, at=at, note=note, fields=fields,
                    data={"amount": str(amount), "pauses_clock": dossier.case.payment_pauses_clock})
    return _core.commit_transition(dossier, change, actor=actor, extra=extra)


def dossier_confirm_payment(*, actor: Any, dossier: Dossier, paid_online: str = "", note: str = "") -> Dossier:
    """The payment is confirmed (T15): processing resumes (and the clock, if it was paused)."""
    tr = _core.legal(Action.CONFIRM_PAYMENT, dossier)
    role = access.authorise(actor, tr, dossier)
    if paid_online not in ("", "1", "2"):
        raise ValidationFailed("paid_online: “1” (Cổng DVCQG), “2” (cổng của tỉnh) hoặc để trống.",
                               code="invalid_payment_channel")
    at = _core.now()
    return _resume(dossier, tr, actor=actor, role=role, at=at, note=note,
                   fields={"fee_paid": True, "fee_paid_at": at, "paid_online": paid_online})


def dossier_apologise(*, actor: Any, dossier: Dossier, new_due_at: datetime, reason: str,
                      document_number: str = "") -> Dossier:
    """Apologise and set a new appointment (T16). ``original_due_at`` and ``statutory_due_at`` stay."""
    tr = _core.legal(Action.APOLOGISE, dossier)
    role = access.authorise(actor, tr, dossier)
    reason = _core.require_reason(tr, reason)
    new_due_at = _core.check_instant(new_due_at, "ngày hẹn mới")
    at = _core.now()
    old = dossier.due_at
    if old is None:
        raise Conflict("Hồ sơ không có ngày hẹn trả nên không cần hẹn lại.", code="no_appointment")
    if at > old:
        raise Conflict("Văn bản xin lỗi, hẹn lại phải ban hành trước ngày hẹn trả "
                       f"({old.astimezone(TZ):%d/%m/%Y %H:%M}).", code="apology_too_late")
    if new_due_at <= old:
        raise ValidationFailed("Ngày hẹn mới phải sau ngày hẹn hiện tại.", code="new_due_not_later")
    count = dossier.reappointment_count + 1

    def extra(d: Dossier) -> None:
        Reappointment.objects.create(dossier=d, issued_at=at, issued_by=actor, old_due_at=old, new_due_at=new_due_at,
                                     reason=reason, document_number=document_number.strip())

    change = Change(transition=tr, to_state=State.OVERDUE_EXTENDED, role=role, at=at, note=reason,
                    fields={"due_at": new_due_at, "reappointment_count": count},
                    data={"old_due": _iso(old), "new_due": _iso(new_due_at), "document": document_number.strip()})
    return _core.commit_transition(dossier, change, actor=actor, extra=extra)


def dossier_stop(*, actor: Any, dossier: Dossier, reason: str) -> Dossier:
    """Stop processing (T18 on the merits, T13 when the supplement never came), with written reasons."""
    tr = _core.legal(Action.STOP, dossier)
    role = access.authorise(actor, tr, dossier)
    _step_allows(dossier, Action.STOP)
    reason = _core.require_reason(tr, reason)
    at = _core.now()
    change = Change(transition=tr, to_state=State.STOPPED, role=role, at=at, note=reason,
                    fields={"closed_at": at, "closing_reason": reason, "paused_since": None, "resume_state": ""},
                    step=StepMove(complete=False) if dossier.current_step_id else None)
    return _core.commit_transition(dossier, change, actor=actor, extra=lambda d: close_pause(d, at))


def dossier_issue_result(*, actor: Any, dossier: Dossier, result_number: str, result_date: date | None = None,
                         electronic: bool = False, summary: str = "", note: str = "") -> Dossier:
    """The result is signed and issued (T19): ``resolved_at`` is now; it goes back to the one-stop unit."""
    tr = _core.legal(Action.ISSUE_RESULT, dossier)
    role = access.authorise(actor, tr, dossier)
    _step_allows(dossier, Action.ISSUE_RESULT)
    step = dossier.current_step if dossier.current_step_id else None
    if not (result_number or "").strip():
        raise ValidationFailed("Cần số, ký hiệu của văn bản kết quả.", code="result_number_required")
    at = _core.now()
    result_date = result_date or at.astimezone(TZ).date()
    if not _core.MIN_YEAR <= result_date.year <= _core.MAX_YEAR:
        raise ValidationFailed(f"Ngày ký năm {result_date.year} nằm ngoài khoảng cho phép.", code="date_out_of_range")
    if result_date > at.astimezone(TZ).date():
        raise ValidationFailed("Ngày ký kết quả không được ở tương lai.", code="date_in_future")
    nxt = next_step(dossier) if step is not None else None
    if nxt is not None and nxt.place != "one_stop":
        nxt = None  # only a return step at the one-stop unit follows the signature
    change = Change(transition=tr, to_state=State.RESULT_READY, role=role, at=at, note=note,
                    fields={"resolved_at": at, "result_number": result_number.strip(), "result_date": result_date,
                            "result_electronic": electronic, "result_summary": summary.strip(),
                            "current_agency": dossier.receiving_agency},
                    step=_move(dossier, nxt, at), receiver_agency_code=dossier.receiving_agency.code,
                    data={"result_number": result_number.strip(), "electronic": electronic})
    return _core.commit_transition(dossier, change, actor=actor)


def dossier_return_result(*, actor: Any, dossier: Dossier, method: str = ReturnMethod.COUNTER,
                          recipient_name: str = "", fee_collected: bool = False, note: str = "") -> Dossier:
    """Hand the result over (T20); fees collected on return must be paid first."""
    tr = _core.legal(Action.RETURN_RESULT, dossier)
    role = access.authorise(actor, tr, dossier)
    if method not in ReturnMethod.values:
        raise ValidationFailed("Hình thức trả không hợp lệ.", code="invalid_return_method")
    fields: dict[str, Any] = {}
    at = _core.now()
    if dossier.fee_amount and not dossier.fee_paid:
        if not fee_collected:
            raise Conflict(f"Hồ sơ còn {dossier.fee_amount:,.0f} đồng phí, lệ phí chưa thu.".replace(",", "."),
                           code="fee_unpaid")
        fields.update(fee_paid=True, fee_paid_at=at)
    fields.update(returned_at=at, return_method=method, recipient_name=(recipient_name or dossier.applicant_name).strip(),
                  current_agency=dossier.receiving_agency)
    change = Change(transition=tr, to_state=State.RESULT_RETURNED, role=role, at=at, note=note, fields=fields,
                    step=_move(dossier, None, at) if dossier.current_step_id else None,
                    data={"method": method})
    return _core.commit_transition(dossier, change, actor=actor)
