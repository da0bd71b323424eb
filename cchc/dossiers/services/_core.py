"""Shared machinery of the dossier services: the guarded transition, log rows, dates and steps.

Every transition ends in :func:`commit_transition`: one conditional ``UPDATE … WHERE id = … AND
state = old AND log_seq = old`` that also advances the process-log chain, then the log row and the
event. If another officer changed the dossier since it was read, the UPDATE matches no row and the
caller gets a :class:`Conflict`; nothing else was written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from decimal import Decimal
from time import monotonic as _monotonic
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from cchc import workdays
from cchc.common.errors import Conflict, ValidationFailed
from cchc.common.events import record_event
from cchc.dossiers import lifecycle, processlog
from cchc.dossiers.lifecycle import State, Transition
from cchc.dossiers.models import Dossier, ProcessLogEntry
from cchc.workdays.selectors import calendar_for

MIN_YEAR, MAX_YEAR = workdays.MIN_YEAR, workdays.MAX_YEAR
# A clock a little ahead of the server's is tolerated; a receipt a day in the future is a typo.
FUTURE_TOLERANCE = timedelta(minutes=5)


def now() -> datetime:
    return timezone.now()


def check_instant(value: datetime | None, what: str, *, not_future: bool = False) -> datetime | None:
    """Refuse instants outside the supported years (1900 and 2200 are typos, not dossiers) or in the future.

    A naive value is read as local time (Asia/Ho_Chi_Minh), as a counter officer means it.
    """
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=workdays.TZ)
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ValidationFailed(
            f"{what[:1].upper()}{what[1:]} năm {value.year} nằm ngoài khoảng cho phép ({MIN_YEAR}–{MAX_YEAR}).",
            code="date_out_of_range", details={"field": what, "year": value.year})
    if not_future and value > now() + FUTURE_TOLERANCE:
        raise ValidationFailed(f"{what[:1].upper()}{what[1:]} không được ở tương lai.", code="date_in_future",
                               details={"field": what})
    return value


def require_reason(transition: Transition, reason: str) -> str:
    reason = (reason or "").strip()
    if transition.needs_reason and not reason:
        raise ValidationFailed(f"“{transition.action.label}” cần ghi rõ lý do.", code="reason_required",
                               details={"action": transition.action.value})
    return reason


def legal(action: lifecycle.Action, dossier: Dossier | None) -> Transition:
    """The transition of ``action`` from the dossier's state; an illegal one is a 409 with the state named."""
    state = dossier.state if dossier is not None else None
    try:
        return lifecycle.transition_for(action, state)
    except lifecycle.IllegalTransition as exc:
        raise Conflict(str(exc), code="illegal_transition",
                       details={"action": str(action), "state": state}) from None


# --- due dates and steps ---------------------------------------------------------------------

def limit_value(limit: Decimal | int) -> Decimal | int:
    """Whole limits as int (the engine's fast path), fractional ones as Decimal."""
    d = Decimal(limit)
    return int(d) if d == d.to_integral_value() else d


def appointment(received_at: datetime, limit: Decimal | int, unit: str, *, calendar,
                cutoff: time | None = None) -> datetime | None:
    """The printed appointment (convention D; working hours count from the receipt instant).

    ``cutoff`` is the case's own same-day cut-off, if it has one (the unit's default otherwise).
    """
    if unit == "no_appointment":
        return None
    return workdays.compute_due(received_at, limit_value(limit), unit, calendar=calendar, convention="day",
                                cutoff=cutoff if unit == "same_day" else None)


def step_due(step: Any, start: datetime, *, calendar) -> datetime | None:
    """A step's due instant from its allotment: convention H for hours, D for day units; none when 0."""
    if step is None or step.allotted is None or Decimal(step.allotted) <= 0 or step.allotted_unit == "no_appointment":
        return None
    convention = "hour" if step.allotted_unit == "working_hours" else "day"
    return workdays.compute_due(start, limit_value(step.allotted), step.allotted_unit, calendar=calendar,
                                convention=convention)


# calendar_for() checks the override table on every call (two queries, about 0.6 ms): more than the
# rest of an intake's reads together. Intake asks at most every few seconds per agency and process;
# an edit of the calendar (a few a year) reaches due dates computed after that many seconds.
CALENDAR_TTL_SECONDS = 5.0
_CALENDARS: dict[str, tuple[float, Any]] = {}


def calendar(agency_code: str):
    """The working calendar of an agency (``calendar_for``, re-checked every few seconds)."""
    hit = _CALENDARS.get(agency_code)
    clock = _monotonic()
    if hit is not None and clock - hit[0] < CALENDAR_TTL_SECONDS:
        return hit[1]
    cal = calendar_for(agency_code=agency_code)
    if len(_CALENDARS) > 1024:
        _CALENDARS.clear()
    _CALENDARS[agency_code] = (clock, cal)
    return cal


def calendar_of(dossier: Dossier):
    return calendar(dossier.competent_agency.code)


def judge_step(done: datetime, due: datetime | None) -> str:
    if due is None:
        return ""
    local_done, local_due = done.astimezone(workdays.TZ), due.astimezone(workdays.TZ)
    return lifecycle.step_result(local_done.date(), local_due.date(), done > due).value


def resume_due(due: datetime | None, paused_at: datetime, resumed_at: datetime, *, calendar,
               convention: str) -> datetime | None:
    if due is None:
        return None
    return workdays.resume_due(due, paused_at, resumed_at, calendar=calendar, convention=convention)


def due_convention(dossier: Dossier) -> str:
    return "hour" if dossier.time_unit == "working_hours" else "day"


# --- the guarded transition ------------------------------------------------------------------

@dataclass
class StepMove:
    """What happens to the internal step: the current one completes (or is abandoned) and another starts."""

    complete: bool = True  # judge the current step (False: closed without a result, e.g. a stop)
    next_step: Any = None
    next_started_at: datetime | None = None
    next_due_at: datetime | None = None


@dataclass
class Change:
    transition: Transition
    to_state: State
    role: str
    at: datetime
    fields: dict[str, Any] = field(default_factory=dict)
    step: StepMove | None = None
    receiver_agency_code: str = ""
    note: str = ""
    data: dict[str, Any] = field(default_factory=dict)


def log_row(dossier: Dossier, change: Change, *, actor: Any, hashed: bool = True) -> dict[str, Any]:
    """The process-log row of ``change`` (hash included unless not ``hashed``), from the dossier as it was read."""
    agency = getattr(actor, "agency", None) if actor is not None else None
    row: dict[str, Any] = {
        "seq": dossier.log_seq + 1,
        "at": change.at,
        "actor_id": getattr(actor, "pk", None),
        "actor_name": (actor.display_name() if hasattr(actor, "display_name") else "") if actor else "hệ thống",
        "role": change.role,
        "agency_code": getattr(agency, "code", "") or "",
        "action": change.transition.action.value,
        "from_state": dossier.state or "",
        "to_state": change.to_state.value,
        "step_code": "", "step_started_at": None, "step_due_at": None, "step_result": "",
        "next_step_code": "", "next_step_due_at": None,
        "receiver_agency_code": change.receiver_agency_code,
        "due_at": change.fields.get("due_at", dossier.due_at),
        "note": change.note,
        "data": change.data,
        "prev_hash": dossier.log_head or "",
    }
    move = change.step
    if move is not None:
        current = dossier.current_step if dossier.current_step_id else None
        if current is not None:
            row["step_code"] = current.code
            row["step_started_at"] = dossier.step_started_at
            row["step_due_at"] = dossier.step_due_at
            if move.complete:
                row["step_result"] = judge_step(change.at, dossier.step_due_at)
        if move.next_step is not None:
            row["next_step_code"] = move.next_step.code
            row["next_step_due_at"] = move.next_due_at
    row["hash"] = processlog.row_hash(dossier.code, row) if hashed else ""
    return row


def _step_fields(change: Change) -> dict[str, Any]:
    move = change.step
    if move is None:
        return {}
    return {"current_step": move.next_step, "step_started_at": move.next_started_at if move.next_step else None,
            "step_due_at": move.next_due_at if move.next_step else None}


def commit_transition(dossier: Dossier, change: Change, *, actor: Any, extra=None) -> Dossier:
    """Apply ``change`` to ``dossier`` if nobody changed it since it was read; log it and record an event.

    ``extra(dossier)`` runs inside the same transaction after the guarded update (pause rows and
    the like). The in-memory dossier is updated to match what was written.
    """
    row = log_row(dossier, change, actor=actor)
    values = {**change.fields, **_step_fields(change), "state": change.to_state.value,
              "national_status": lifecycle.national_status(change.to_state),
              "log_seq": row["seq"], "log_head": row["hash"], "updated_at": change.at}
    with transaction.atomic():
        updated = Dossier.objects.filter(pk=dossier.pk, state=dossier.state, log_seq=dossier.log_seq).update(**values)
        if updated != 1:
            raise _conflict(dossier)
        for name, value in values.items():
            setattr(dossier, name, value)
        if extra is not None:
            extra(dossier)
        ProcessLogEntry(dossier=dossier, **row).save(force_insert=True)
        record_event(actor=actor, verb=f"dossier.{change.transition.action.value}", subject=("dossiers.dossier", dossier.code),
                     role=change.role, reason=change.note,
                     data={"from": row["from_state"], "to": row["to_state"], "seq": row["seq"], **change.data})
    return dossier


def _conflict(dossier: Dossier) -> Conflict:
    current = Dossier.objects.filter(pk=dossier.pk).values_list("state", flat=True).first()
    label = lifecycle.STATE_LABELS[State(current)] if current else "đã bị xoá"
    return Conflict(
        f"Hồ sơ {dossier.code} vừa được người khác xử lý (trạng thái hiện tại: “{label}”). "
        "Vui lòng tải lại hồ sơ rồi thực hiện lại nếu vẫn cần.",
        code="dossier_changed", details={"code": dossier.code, "state": current})


def block_second_supplement() -> bool:
    """Spec T11: a second supplement request in processing warns; a province may choose to block it."""
    return bool(getattr(settings, "CCHC_BLOCK_SECOND_SUPPLEMENT", False))
