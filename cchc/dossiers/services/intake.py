"""Intake: counter intake (T1+T4), online or postal arrival (T2), acceptance (T3/T4), intake supplements
(T5/T6), refusal (T7) and withdrawal (T17).

The hot path is :func:`dossier_receive`: every read (procedure version in force, competent
agencies, components, first step, calendar) happens before the transaction, which then holds only
the counter increment and three inserts.
"""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from django.db import transaction

from cchc.common import fastinsert, stamps
from cchc.common.errors import DomainError, NotFound, ValidationFailed
from cchc.common.events import announce, event_for
from cchc.dossiers import access, catalogue, codes, lapse, lifecycle, processlog
from cchc.dossiers.lifecycle import Action, State
from cchc.dossiers.models import Channel, Dossier, Pause, ProcessLogEntry, SupplementRequest
from cchc.dossiers.services import _core
from cchc.dossiers.services._core import Change, StepMove
from cchc.org.models import Agency
from cchc.procedures.models import Component, Procedure, ProcedureCase, ProcedureVersion, ProcessStep


@dataclass
class ComponentData:
    """A document handed in: a component of the case (by id) and how it was received."""

    component_id: int
    originals: int = 0
    copies: int = 0
    digitised: bool = False
    from_national_store: bool = False
    reused: bool = False


@dataclass
class IntakeData:
    procedure_code: str
    applicant_name: str
    case_code: str = ""
    channel: str = Channel.COUNTER
    competent_agency_code: str = ""
    receiving_agency_code: str = ""  # only for an applicant's own online submission
    applicant_type: int = 1
    applicant_id_number: str = ""
    applicant_phone: str = ""
    applicant_email: str = ""
    applicant_address: str = ""
    applicant_organisation: str = ""
    representative_name: str = ""
    subject: str = ""
    components: list[ComponentData] = field(default_factory=list)
    submitted_at: datetime | None = None
    received_at: datetime | None = None
    vneid_verified: bool = False
    fee_amount: Decimal | int = 0
    fee_paid: bool = False
    paid_online: str = ""
    other_code: str = ""
    note: str = ""


@dataclass
class Resolved:
    """What intake needs from the catalogue, read before the transaction (two queries)."""

    case: ProcedureCase
    version: ProcedureVersion
    competent: Agency
    components: list[dict[str, Any]]
    first_step: ProcessStep | None
    catalogue_stamp: int | None = None  # the rows were kept under it: the insert is guarded by it


RECEIVE_CHANNELS = {Channel.COUNTER, Channel.KIOSK, Channel.POSTAL}
SUBMIT_CHANNELS = {Channel.ONLINE, Channel.POSTAL, Channel.KIOSK}


def _published_case(data: IntakeData, *, checked: bool) -> tuple[int | None, catalogue.CaseRow]:
    stamp, rows = catalogue.published_cases_kept(data.procedure_code, checked=checked)
    return stamp, _pick_case(data, rows)


def _pick_case(data: IntakeData, rows: list[catalogue.CaseRow]) -> catalogue.CaseRow:
    cases = [row.case for row in rows]
    if not cases:
        if not Procedure.objects.filter(code=data.procedure_code).exists():
            raise NotFound(f"Không có thủ tục mã “{data.procedure_code}”.", code="procedure_not_found")
        raise ValidationFailed(
            f"Thủ tục “{data.procedure_code}” chưa được công bố (hoặc đã bãi bỏ): chưa thể nhận hồ sơ.",
            code="procedure_not_published")
    if data.case_code:
        for row in rows:
            if row.case.code == data.case_code:
                return row
        raise ValidationFailed(f"Thủ tục “{data.procedure_code}” không có trường hợp “{data.case_code}”.",
                               code="unknown_case", details={"cases": [c.code for c in cases]})
    if len(cases) > 1:
        raise ValidationFailed("Thủ tục có nhiều trường hợp: hãy chọn trường hợp.", code="case_required",
                               details={"cases": [c.code for c in cases]})
    return rows[0]


def _competent(data: IntakeData, listed: list[Agency], fallback: Agency | None, day) -> Agency:
    if data.competent_agency_code:
        found = next((a for a in listed if a.code == data.competent_agency_code), None)
        if found is None and not listed:
            found = Agency.objects.filter(code=data.competent_agency_code).first()
        if found is None:
            raise ValidationFailed(
                f"Cơ quan “{data.competent_agency_code}” không có thẩm quyền giải quyết thủ tục này.",
                code="not_competent", details={"competent": [a.code for a in listed]})
    elif len(listed) == 1:
        found = listed[0]
    elif not listed and fallback is not None:
        found = fallback  # a procedure the receiving unit decides itself (commune procedures)
    else:
        raise ValidationFailed("Hãy chọn cơ quan có thẩm quyền giải quyết.", code="competent_agency_required",
                               details={"competent": [a.code for a in listed]})
    if not found.exists_on(day):
        raise ValidationFailed(f"Cơ quan “{found.name}” không còn tồn tại vào ngày {day:%d/%m/%Y}.",
                               code="agency_not_in_force")
    return found


def components_of(case_id: int) -> list[tuple[int, str, bool]]:
    return list(Component.objects.filter(case_id=case_id).order_by("order", "id").values_list("id", "name", "required"))


def check_components(given: list[ComponentData], catalogue_: list[tuple[int, str, bool]], *,
                     lenient: bool = False) -> list[dict[str, Any]]:
    """The submitted components as stored on the dossier; refuses unknown ids and (unless ``lenient``,
    for a draft) missing required ones."""
    known = {cid: (name, required) for cid, name, required in catalogue_}
    out, seen = [], set()
    for item in given:
        info = known.get(item.component_id)
        if info is None:
            raise ValidationFailed(f"Thành phần hồ sơ số {item.component_id} không thuộc trường hợp thủ tục này.",
                                   code="unknown_component", details={"component_id": item.component_id})
        if item.component_id in seen:
            continue
        seen.add(item.component_id)
        out.append({"component": item.component_id, "name": info[0], "originals": item.originals,
                    "copies": item.copies, "digitised": item.digitised,
                    "from_national_store": item.from_national_store, "reused": item.reused})
    missing = [name for cid, (name, required) in known.items() if required and cid not in seen]
    if missing and not lenient:
        raise ValidationFailed("Hồ sơ còn thiếu thành phần bắt buộc: " + "; ".join(missing) + ".",
                               code="missing_components", details={"missing": missing})
    return out


def _first_step(case_id: int) -> ProcessStep | None:
    return ProcessStep.objects.select_related("agency").filter(case_id=case_id).order_by("order").first()


def _resolve(data: IntakeData, *, receiving: Agency, day, lenient: bool = False, checked: bool = False) -> Resolved:
    """Catalogue rows for the dossier. Kept rows come unchecked (``checked=False``): the insert is
    then guarded by their stamp; a refused insert comes back here with ``checked=True``."""
    stamp, row = _published_case(data, checked=checked)
    case, version = row.case, row.version
    if data.channel == Channel.ONLINE and (case.online_not_offered or version.online_level == "khong"):
        raise ValidationFailed("Thủ tục này không tiếp nhận hồ sơ trực tuyến.", code="online_not_offered")
    detail = catalogue.case_detail(case)
    competent = _competent(data, row.competent, receiving, day)
    return Resolved(case=case, version=version, competent=competent,
                    components=check_components(data.components, detail.components, lenient=lenient),
                    first_step=detail.steps[0] if detail.steps else None,
                    catalogue_stamp=None if checked else stamp)


def _validate_applicant(data: IntakeData) -> None:
    missing = [label for label, value in (("họ tên chủ hồ sơ", data.applicant_name),
                                          ("số giấy tờ tùy thân hoặc mã số", data.applicant_id_number),
                                          ("số điện thoại", data.applicant_phone)) if not (value or "").strip()]
    if missing:
        raise ValidationFailed("Thiếu thông tin người nộp: " + ", ".join(missing) + ".", code="applicant_incomplete",
                               details={"missing": missing})
    if Decimal(data.fee_amount or 0) < 0:
        raise ValidationFailed("Số tiền phí, lệ phí không được âm.", code="negative_amount")


def _new_dossier(data: IntakeData, res: Resolved, *, actor: Any, receiving: Agency, state: State,
                 at: datetime, submitted_at: datetime | None) -> Dossier:
    case = res.case
    limit = case.time_limit
    if data.channel == Channel.ONLINE and case.time_limit_online is not None:
        limit = case.time_limit_online
    fee = Decimal(data.fee_amount or 0)
    return fastinsert.new(
        Dossier, procedure=res.version.procedure, version=res.version, case=case, time_limit=limit,
        time_unit=case.time_unit, channel=data.channel, receiving_agency=receiving, competent_agency=res.competent,
        current_agency=receiving, state=state.value, national_status=lifecycle.national_status(state),
        applicant_type=data.applicant_type, applicant_name=data.applicant_name.strip(),
        applicant_id_number=data.applicant_id_number.strip(), applicant_phone=data.applicant_phone.strip(),
        applicant_email=data.applicant_email.strip(), applicant_address=data.applicant_address.strip(),
        applicant_organisation=data.applicant_organisation.strip(), representative_name=data.representative_name.strip(),
        owner=actor if getattr(actor, "kind", "") == "citizen" else None, subject=data.subject.strip(),
        components=res.components, has_digitised_components=any(c["digitised"] for c in res.components),
        vneid_verified=data.vneid_verified, submitted_at=submitted_at, fee_amount=fee,
        fee_paid=bool(data.fee_paid and fee > 0), fee_paid_at=at if data.fee_paid and fee > 0 else None,
        paid_online=data.paid_online if data.fee_paid else "", other_code=data.other_code.strip(),
        created_at=at, created_by=actor if getattr(actor, "is_authenticated", False) and hasattr(actor, "_meta") else None, updated_at=at,
    )


def _receive_fields(dossier: Dossier, *, received_at: datetime, first_step: ProcessStep | None, calendar) -> dict:
    due = _core.appointment(received_at, dossier.time_limit, dossier.time_unit, calendar=calendar,
                            cutoff=getattr(dossier.case, "same_day_cutoff", None))
    return {"received_at": received_at, "due_at": due, "original_due_at": due, "statutory_due_at": due,
            "current_step": first_step, "step_started_at": received_at if first_step else None,
            "step_due_at": _core.step_due(first_step, received_at, calendar=calendar)}


def _insert(dossier: Dossier, *, actor: Any, role: str, transition, at: datetime, note: str,
            data: dict | None = None, catalogue_stamp: int | None = None) -> Dossier:
    """Insert a new dossier with its first log row and event; the code is reserved here. With a
    ``catalogue_stamp``, nothing is inserted (:class:`fastinsert.GuardFailed`) if the catalogue
    changed since the rows the dossier was built from were read."""
    day_of = dossier.received_at or dossier.submitted_at or at
    dossier.log_seq, dossier.log_head = 1, ""
    # Everything but the code is prepared before the transaction: on SQLite it holds the only
    # write lock, and other intakes wait for it.
    change = Change(transition=transition, to_state=State(dossier.state), role=role, at=at, note=note,
                    data=data or {}, receiver_agency_code=dossier.receiving_agency.code,
                    step=StepMove(next_step=dossier.current_step, next_started_at=dossier.step_started_at,
                                  next_due_at=dossier.step_due_at))
    # A new dossier has no current step to judge: log only the step it starts with.
    fresh = SimpleNamespace(code="", state="", log_seq=0, log_head="", due_at=dossier.due_at, current_step_id=None)
    row = _core.log_row(fresh, change, actor=actor, hashed=False)
    event = event_for(actor=actor, verb=f"dossier.{transition.action.value}", subject=("dossiers.dossier", ""),
                      role=role, reason=note, data={"to": dossier.state, "channel": dossier.channel})
    guard = None if catalogue_stamp is None else stamps.guard("catalogue", catalogue_stamp)
    reserved = codes.reserve_code(dossier.receiving_agency, day_of)
    # With the number reserved (PostgreSQL), what remains is one INSERT statement, atomic by itself:
    # no BEGIN and COMMIT round trips; it checks the guard. Otherwise the counter and the rows share
    # one transaction, and the counter's statement checks the guard, first.
    with nullcontext() if reserved else transaction.atomic():
        dossier.code = event.subject_id = reserved or codes.new_code(dossier.receiving_agency, day_of, guard)
        # The chain hashes the code with the row: computed once the code is known.
        row["hash"] = dossier.log_head = processlog.row_hash(dossier.code, row)
        fastinsert.insert_linked(dossier, (fastinsert.new(ProcessLogEntry, **row), "dossier_id"), (event, None),
                                 guard=guard if reserved else None)
    # After the block: receivers that wait for the commit still do (an outer transaction's, if any).
    announce(event)
    return dossier


def _receiving_for(actor: Any, data: IntakeData) -> Agency:
    if getattr(actor, "kind", "") == "citizen" or (not getattr(actor, "agency_id", None) and data.receiving_agency_code):
        agency = Agency.objects.filter(code=data.receiving_agency_code).first() if data.receiving_agency_code else None
        if agency is None:
            raise ValidationFailed("Hãy chọn nơi tiếp nhận hồ sơ.", code="receiving_agency_required")
        return agency
    if actor is None or actor.agency_id is None:
        raise ValidationFailed("Người tiếp nhận phải thuộc một cơ quan, đơn vị.", code="no_agency")
    return actor.agency


def _start(action: Action, *, actor: Any, data: IntakeData, channels: set[str]):
    tr = _core.legal(action, None)
    if data.channel not in channels:
        raise ValidationFailed(f"Kênh “{data.channel}” không dùng cho thao tác “{tr.action.label}”.",
                               code="wrong_channel", details={"allowed": sorted(channels)})
    receiving = _receiving_for(actor, data)
    role = access.authorise(actor, tr, receiving_agency_id=receiving.pk)
    return tr, role, receiving


def _once_more_if_stale(build):
    """Run ``build(checked)`` on kept catalogue rows; if the insert finds the catalogue changed
    meanwhile, or the kept rows refuse the dossier (they may be the stale ones), run it again on
    rows read afresh: only that answer counts."""
    try:
        return build(False)
    except (fastinsert.GuardFailed, DomainError):
        return build(True)


def dossier_receive(*, actor: Any, data: IntakeData) -> Dossier:
    """Counter intake of a complete dossier (T1+T4): code, appointment, first step, log row, event."""
    tr, role, receiving = _start(Action.RECEIVE, actor=actor, data=data, channels=RECEIVE_CHANNELS)
    _validate_applicant(data)
    at = _core.now()
    received_at = _core.check_instant(data.received_at, "thời điểm tiếp nhận", not_future=True) or at
    submitted_at = _core.check_instant(data.submitted_at, "thời điểm nộp", not_future=True) or received_at
    if submitted_at > received_at:
        raise ValidationFailed("Thời điểm nộp không được sau thời điểm tiếp nhận.", code="submitted_after_received")

    def build(checked: bool) -> Dossier:
        res = _resolve(data, receiving=receiving, day=received_at.astimezone(codes.TZ).date(), checked=checked)
        dossier = _new_dossier(data, res, actor=actor, receiving=receiving, state=State.RECEIVED, at=at,
                               submitted_at=submitted_at)
        calendar = _core.calendar(res.competent.code)
        for name, value in _receive_fields(dossier, received_at=received_at, first_step=res.first_step,
                                           calendar=calendar).items():
            setattr(dossier, name, value)
        return _insert(dossier, actor=actor, role=role, transition=tr, at=at, note=data.note,
                       catalogue_stamp=res.catalogue_stamp)

    return _once_more_if_stale(build)


def dossier_draft(*, actor: Any, data: IntakeData) -> Dossier:
    """Save a counter dossier as a draft (T1): its code is reserved, no clock runs, components may be incomplete."""
    tr, role, receiving = _start(Action.DRAFT, actor=actor, data=data, channels=set(Channel.values))
    if not data.applicant_name.strip():
        raise ValidationFailed("Thiếu họ tên chủ hồ sơ.", code="applicant_incomplete")
    at = _core.now()

    def build(checked: bool) -> Dossier:
        res = _resolve(data, receiving=receiving, day=at.astimezone(codes.TZ).date(), lenient=True, checked=checked)
        dossier = _new_dossier(data, res, actor=actor, receiving=receiving, state=State.DRAFT, at=at,
                               submitted_at=None)
        return _insert(dossier, actor=actor, role=role, transition=tr, at=at, note=data.note,
                       catalogue_stamp=res.catalogue_stamp)

    return _once_more_if_stale(build)


def dossier_submit(*, actor: Any, data: IntakeData) -> Dossier:
    """An online, kiosk or postal arrival (T1+T2): waits for the one-stop unit to check and accept it."""
    tr, role, receiving = _start(Action.SUBMIT, actor=actor, data=data, channels=SUBMIT_CHANNELS)
    if role == lifecycle.APPLICANT and data.channel != Channel.ONLINE:
        raise ValidationFailed("Công dân chỉ nộp trực tuyến qua tài khoản của mình.", code="wrong_channel")
    _validate_applicant(data)
    at = _core.now()
    submitted_at = _core.check_instant(data.submitted_at, "thời điểm nộp", not_future=True) or at

    def build(checked: bool) -> Dossier:
        res = _resolve(data, receiving=receiving, day=submitted_at.astimezone(codes.TZ).date(), checked=checked)
        dossier = _new_dossier(data, res, actor=actor, receiving=receiving, state=State.SUBMITTED, at=at,
                               submitted_at=submitted_at)
        return _insert(dossier, actor=actor, role=role, transition=tr, at=at, note=data.note,
                       catalogue_stamp=res.catalogue_stamp)

    return _once_more_if_stale(build)


def dossier_accept(*, actor: Any, dossier: Dossier, note: str = "") -> Dossier:
    """Accept a submitted dossier (T3) or receive a counter draft (T4): the legal clock starts now."""
    action = Action.RECEIVE if dossier.state == State.DRAFT else Action.ACCEPT
    tr = _core.legal(action, dossier)
    role = access.authorise(actor, tr, dossier)
    # Components are re-checked against the case: a draft may have been saved incomplete.
    given = [ComponentData(component_id=c["component"], originals=c.get("originals", 0), copies=c.get("copies", 0),
                           digitised=c.get("digitised", False)) for c in dossier.components]
    check_components(given, components_of(dossier.case_id))
    at = _core.now()
    fields = _receive_fields(dossier, received_at=at, first_step=_first_step(dossier.case_id),
                             calendar=_core.calendar_of(dossier))
    if dossier.submitted_at is None:
        fields["submitted_at"] = at
    step = StepMove(complete=False, next_step=fields.pop("current_step"), next_started_at=fields.pop("step_started_at"),
                    next_due_at=fields.pop("step_due_at"))
    change = Change(transition=tr, to_state=State.RECEIVED, role=role, at=at, fields=fields, step=step, note=note,
                    receiver_agency_code=dossier.receiving_agency.code)
    return _core.commit_transition(dossier, change, actor=actor)


def dossier_request_intake_supplement(*, actor: Any, dossier: Dossier, reason: str,
                                      components: list[str] | None = None) -> Dossier:
    """Ask the applicant to complete the dossier before acceptance (T5). No clock runs yet."""
    tr = _core.legal(Action.REQUEST_INTAKE_SUPPLEMENT, dossier)
    role = access.authorise(actor, tr, dossier)
    reason = _core.require_reason(tr, reason)
    at = _core.now()
    round_no = dossier.intake_supplement_count + 1

    def extra(d: Dossier) -> None:
        SupplementRequest.objects.create(dossier=d, stage=SupplementRequest.Stage.INTAKE, round_no=round_no,
                                         requested_at=at, requested_by=actor, reason=reason,
                                         components=list(components or []),
                                         lapses_at=lapse.lapses_at(at, d.case.supplement_days))

    change = Change(transition=tr, to_state=State.INTAKE_INCOMPLETE, role=role, at=at, note=reason,
                    fields={"intake_supplement_count": round_no}, data={"components": list(components or [])})
    return _core.commit_transition(dossier, change, actor=actor, extra=extra)


def dossier_resubmit(*, actor: Any, dossier: Dossier, components: list[ComponentData] | None = None,
                     note: str = "") -> Dossier:
    """The applicant hands in the missing documents (T6): back to the acceptance queue."""
    tr = _core.legal(Action.RESUBMIT, dossier)
    role = access.authorise(actor, tr, dossier)
    at = _core.now()
    fields: dict[str, Any] = {"submitted_at": dossier.submitted_at or at}
    if components is not None:
        stored = check_components(components, components_of(dossier.case_id))
        fields["components"] = stored
        fields["has_digitised_components"] = any(c["digitised"] for c in stored)

    def extra(d: Dossier) -> None:
        SupplementRequest.objects.filter(dossier=d, stage=SupplementRequest.Stage.INTAKE,
                                         fulfilled_at__isnull=True).update(fulfilled_at=at)

    change = Change(transition=tr, to_state=State.SUBMITTED, role=role, at=at, fields=fields, note=note)
    return _core.commit_transition(dossier, change, actor=actor, extra=extra)


def dossier_refuse(*, actor: Any, dossier: Dossier, reason: str, competent_hint: str = "") -> Dossier:
    """Refuse at intake (T7) with the reason; when not competent, name the agency that is."""
    tr = _core.legal(Action.REFUSE, dossier)
    role = access.authorise(actor, tr, dossier)
    reason = _core.require_reason(tr, reason)
    at = _core.now()
    change = Change(transition=tr, to_state=State.REFUSED_AT_INTAKE, role=role, at=at, note=reason,
                    fields={"closed_at": at, "closing_reason": reason},
                    data={"competent_hint": competent_hint.strip()} if competent_hint.strip() else {})
    return _core.commit_transition(dossier, change, actor=actor)


def dossier_withdraw(*, actor: Any, dossier: Dossier, reason: str) -> Dossier:
    """Withdraw at the applicant's request (T17) from any open state; an open pause is closed."""
    tr = _core.legal(Action.WITHDRAW, dossier)
    role = access.authorise(actor, tr, dossier)
    reason = _core.require_reason(tr, reason)
    at = _core.now()
    change = Change(transition=tr, to_state=State.WITHDRAWN, role=role, at=at, note=reason,
                    fields={"closed_at": at, "closing_reason": reason, "paused_since": None, "resume_state": ""},
                    step=StepMove(complete=False) if dossier.current_step_id else None)
    return _core.commit_transition(dossier, change, actor=actor, extra=lambda d: close_pause(d, at))


def close_pause(dossier: Dossier, at: datetime, due_after: datetime | None = None) -> None:
    Pause.objects.filter(dossier=dossier, ended_at__isnull=True).update(ended_at=at, due_after=due_after)
