"""The simulated life of one synthetic dossier: events on the working-day engine, cut at ``until``.

Mirrors the services: the same transitions, due dates, pause arithmetic and log-row fields, so a
synthetic dossier looks exactly like one that went through the services (except ``synthetic``).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from cchc import workdays
from cchc.dossiers import processlog
from cchc.dossiers.lifecycle import PROCESSING, State
from cchc.dossiers.services._core import appointment, judge_step, step_due

ROLE_NAMES = {
    "applicant": "Người nộp hồ sơ", "reception_officer": "Cán bộ tiếp nhận", "specialist": "Chuyên viên thụ lý",
    "division_head": "Lãnh đạo phòng", "signer": "Lãnh đạo cơ quan", "return_officer": "Cán bộ trả kết quả",
    "agency_officer": "Cán bộ cơ quan phối hợp",
}
_IN = State.IN_PROCESS.value


class Life:
    """Builds the event rows and the final dossier fields of one dossier."""

    def __init__(self, until: datetime, receiving: str, competent: str, cal) -> None:
        self.until, self.receiving, self.competent, self.cal = until, receiving, competent, cal
        self.rows: list[dict[str, Any]] = []
        self.ended = False
        self.step: Any = None  # StepPlan
        self.digitised = False
        self.limit = Decimal(0)
        self.first_at: datetime | None = None
        self.dossier: dict[str, Any] = {
            "state": "", "resume_state": "", "current_agency": receiving, "current_step_id": None,
            "step_started_at": None, "step_due_at": None, "paused_since": None, "due_at": None,
            "original_due_at": None, "statutory_due_at": None, "submitted_at": None, "received_at": None,
            "resolved_at": None, "returned_at": None, "closed_at": None, "closing_reason": "",
            "intake_supplement_count": 0, "supplement_count": 0, "reappointment_count": 0, "fee_amount": "0",
            "fee_paid": False, "fee_paid_at": None, "paid_online": "", "result_number": "", "result_date": None,
            "result_electronic": False, "result_summary": "", "return_method": "", "recipient_name": "",
            "rating": None, "rating_at": None, "rating_channel": "",
        }

    @property
    def state(self) -> str:
        return self.dossier["state"]

    def emit(self, at: datetime, action: str, to_state: str, role: str, agency: str, *, step: str = "keep",
             next_step: Any = None, complete: bool = True, receiver: str = "", note: str = "",
             data: dict | None = None, **changes: Any) -> bool:
        """Append one event if it happens before ``until``; ``step``: "keep", "move" or "close"."""
        if self.ended or at > self.until:
            self.ended = True
            return False
        if self.first_at is None:
            self.first_at = at
        d = self.dossier
        to_state = str(to_state)
        d.update(changes)
        row = {"at": at, "actor_id": None, "actor_name": ROLE_NAMES.get(role, role) + " (giả lập)", "role": role,
               "agency_code": agency, "action": action, "from_state": self.state, "to_state": to_state,
               "step_code": "", "step_started_at": None, "step_due_at": None, "step_result": "",
               "next_step_code": "", "next_step_due_at": None, "receiver_agency_code": receiver,
               "due_at": d["due_at"], "note": note, "data": data or {}}
        if step != "keep":
            if self.step is not None and self.rows:
                row.update(step_code=self.step.code, step_started_at=d["step_started_at"], step_due_at=d["step_due_at"],
                           step_result=judge_step(at, d["step_due_at"]) if complete else "")
            self.step = next_step
            if next_step is not None:
                due = step_due(next_step, at, calendar=self.cal)
                row.update(next_step_code=next_step.code, next_step_due_at=due)
                d.update(current_step_id=next_step.id, step_started_at=at, step_due_at=due)
            else:
                d.update(current_step_id=None, step_started_at=None, step_due_at=None)
        d["state"] = to_state
        self.rows.append(row)
        return True

    def log_rows(self, code: str) -> list[dict[str, Any]]:
        prev = ""
        for seq, row in enumerate(self.rows, start=1):
            row["seq"], row["prev_hash"] = seq, prev
            row["hash"] = prev = processlog.row_hash(code, row)
        return self.rows


def _agency_of(step, receiving: str, competent: str) -> str:
    if step is None:
        return competent
    return step.agency_code or (receiving if step.place == "one_stop" else competent)


def simulate(gen, plan, *, received: datetime, channel: str, competent_code: str, receiving_code: str) -> Life:
    """One dossier's events from arrival to return (or refusal, withdrawal, stop), cut at ``gen.until``."""
    rng = gen.rng
    cal = gen.calendar(competent_code)
    day = cal.day_seconds
    life = Life(gen.until, receiving_code, competent_code, cal)
    life.digitised = channel == "online_portal" or rng.random() < 0.75
    d = life.dossier
    add = workdays.add_working_time
    R, C = receiving_code, competent_code

    # --- arrival and acceptance -------------------------------------------------------------
    limit = plan.limit_online if channel == "online_portal" and plan.limit_online is not None else plan.limit
    life.limit = limit
    if channel in ("online_portal", "postal"):
        # Submitted earlier the same day (online: since midnight; postal: handed to the post that morning),
        # so the code's date is the arrival day and each generator chunk owns the numbers of its days.
        local = received.astimezone(workdays.TZ)
        since_midnight = local.hour * 3600 + local.minute * 60 + local.second
        submitted = received - timedelta(seconds=rng.randrange(60, max(61, since_midnight)))
        life.emit(submitted, "submit", State.SUBMITTED, "applicant" if channel == "online_portal" else "reception_officer",
                  "" if channel == "online_portal" else R, submitted_at=submitted, receiver=R)
        r = rng.random()
        if r < 0.02:
            life.emit(received, "refuse", State.REFUSED_AT_INTAKE, "reception_officer", R, closed_at=received,
                      closing_reason="Hồ sơ không thuộc thẩm quyền giải quyết (giả lập).",
                      note="Hồ sơ không thuộc thẩm quyền giải quyết (giả lập).")
            return life
        if r < 0.07:
            life.emit(received, "request_intake_supplement", State.INTAKE_INCOMPLETE, "reception_officer", R,
                      intake_supplement_count=1, note="Thiếu bản chụp giấy tờ tùy thân (giả lập).")
            back = add(received, rng.randrange(day // 2, day * 5), calendar=cal)
            life.emit(back, "resubmit", State.SUBMITTED, "applicant", "")
            received = add(back, rng.randrange(600, day // 2), calendar=cal)
        action = "accept"
    else:
        d["submitted_at"] = received
        action = "receive"
    due = appointment(received, limit, plan.unit, calendar=cal, cutoff=plan.cutoff)
    steps = plan.steps
    first = steps[0] if steps else None
    fee = plan.fee
    paid_at_intake = fee > 0 and rng.random() < 0.85
    fee_changes = {"fee_amount": str(fee)}
    if paid_at_intake:
        fee_changes.update(fee_paid=True, fee_paid_at=received,
                           paid_online=("1" if rng.random() < 0.6 else "2") if channel == "online_portal" else "")
    if not life.emit(received, action, State.RECEIVED, "reception_officer", R, step="move", next_step=first,
                     receiver=R, received_at=received, due_at=due, original_due_at=due, statutory_due_at=due,
                     **fee_changes):
        return life

    # --- the plan of the processing: working-time offsets from receipt ------------------------
    L = workdays.working_time(received, due, calendar=cal) if due is not None else day * rng.randrange(1, 10)
    L = max(L, day // 2)
    intake = first if first is not None and first.place == "one_stop" else None
    ret = steps[-1] if len(steps) > 1 and steps[-1].place == "one_stop" else None
    middle = [s for s in steps if s is not intake and s is not ret]
    w_intake = min(_allot(intake, day), L // 10) if intake is not None else L // 20
    w_intake = int(w_intake * rng.uniform(0.1, 0.9)) + 300
    # Each step takes a share of its allotment, now and then more (a late step); the dossier is late
    # when its steps add up past the legal limit, which a late dossier is made to do.
    allots = [_allot(s, day) for s in middle] or [L - w_intake]
    durations = [a * (rng.uniform(1.05, 2.0) if rng.random() < 0.03 else rng.uniform(0.15, 0.95)) for a in allots]
    budget = max(L - w_intake, 600)
    late = rng.random() < 0.06
    total = sum(durations) or 1.0
    if late:
        target = budget * rng.uniform(1.03, 1.8)
    elif total > budget * 0.98:
        target = budget * rng.uniform(0.6, 0.95)
    else:
        target = total
    bounds, acc = [], w_intake
    for dur in durations:
        nxt = acc + max(60, int(dur * target / total))
        bounds.append((acc, nxt))
        acc = nxt
    w_res = acc
    base_at, base_off = received, 0

    def at(off: int) -> datetime:
        return add(base_at, off - base_off, calendar=cal)

    conv = "hour" if plan.unit == "working_hours" else "day"

    def resume(start: datetime, end: datetime) -> dict[str, Any]:
        return {"due_at": _resume(d["due_at"], start, end, cal, conv),
                "statutory_due_at": _resume(d["statutory_due_at"], start, end, cal, conv),
                "step_due_at": _resume(d["step_due_at"], start, end, cal, "hour"), "paused_since": None}

    withdraw_at = rng.randrange(w_intake, max(w_res, w_intake + 1)) if rng.random() < 0.015 else None
    apology = late and rng.random() < 0.4
    first_mid = middle[0] if middle else None
    if not life.emit(at(w_intake), "transfer", _IN, "reception_officer", R, step="move", next_step=first_mid,
                     receiver=_agency_of(first_mid, R, C), current_agency=_agency_of(first_mid, R, C)):
        return life

    def maybe_apologise(before: datetime) -> None:
        nonlocal apology
        if not apology or life.state not in {s.value for s in PROCESSING} or d["due_at"] is None:
            return
        a = add(d["due_at"], -rng.randrange(day // 10, day), calendar=cal)
        if a < before and life.rows and a > life.rows[-1]["at"]:
            new_due = add(d["due_at"], rng.randrange(day, day * 6), calendar=cal)
            life.emit(a, "apologise", State.OVERDUE_EXTENDED, "signer", C, due_at=new_due,
                      reappointment_count=d["reappointment_count"] + 1, note="Hồ sơ cần xác minh thêm (giả lập).",
                      data={"old_due": processlog.canon_dt(d["due_at"]), "new_due": processlog.canon_dt(new_due)})
            apology = False

    for k, (s_off, e_off) in enumerate(bounds):
        step = middle[k] if middle else None
        agency = _agency_of(step, R, C)
        role = step.role if step is not None else "specialist"
        length = e_off - s_off
        if withdraw_at is not None and s_off <= withdraw_at < e_off:
            life.emit(at(withdraw_at), "withdraw", State.WITHDRAWN, "reception_officer", R, step="close",
                      complete=False, closed_at=at(withdraw_at), closing_reason="Người nộp xin rút (giả lập).",
                      note="Người nộp xin rút (giả lập).")
            return life
        if k == 0:
            if rng.random() < 0.04:
                other = gen.other_agency(C)
                maybe_apologise(at(s_off + length // 3))
                life.emit(at(s_off + length // 3), "send_interagency", State.IN_INTERAGENCY, role, agency,
                          receiver=other, current_agency=other, resume_state=life.state)
                back = d["resume_state"] or _IN
                life.emit(at(s_off + length * 2 // 3), "return_interagency", back, "agency_officer", other,
                          receiver=agency, current_agency=agency, resume_state="")
            rounds = 2 if rng.random() < 0.01 else 1 if rng.random() < 0.08 else 0
            for i in range(rounds):
                off = s_off + length * (i + 1) // (rounds + 2)
                maybe_apologise(at(off))
                start = at(off)
                if not life.emit(start, "request_supplement", State.SUPPLEMENT_REQUESTED, role, agency,
                                 supplement_count=d["supplement_count"] + 1, paused_since=start,
                                 resume_state=life.state, note="Bổ sung giấy tờ chứng minh (giả lập)."):
                    return life
                end = add(start, rng.randrange(day // 2, day * 8), calendar=cal)
                back = d["resume_state"] or _IN
                if not life.emit(end, "receive_supplement", back, "reception_officer", R, resume_state="",
                                 **resume(start, end)):
                    return life
                base_at, base_off = end, off
            if fee > 0 and not paid_at_intake and rng.random() < 0.7:
                off = s_off + length * 4 // 5
                maybe_apologise(at(off))
                start = at(off)
                pauses = plan.payment_pauses
                if not life.emit(start, "request_payment", State.AWAITING_PAYMENT, role, agency,
                                 resume_state=life.state, paused_since=start if pauses else None,
                                 data={"amount": str(fee), "pauses_clock": pauses}):
                    return life
                end = add(start, rng.randrange(day // 4, day * 3), calendar=cal)
                changes = resume(start, end) if pauses else {}
                if not life.emit(end, "confirm_payment", d["resume_state"] or _IN, "return_officer", R,
                                 resume_state="", fee_paid=True, fee_paid_at=end,
                                 paid_online="1" if channel == "online_portal" else "", **changes):
                    return life
                if pauses:
                    base_at, base_off = end, off
        end_at = at(e_off)
        maybe_apologise(end_at)
        if k < len(bounds) - 1:
            nxt = middle[k + 1]
            if not life.emit(end_at, "forward", life.state, role, agency, step="move", next_step=nxt,
                             receiver=_agency_of(nxt, R, C), current_agency=_agency_of(nxt, R, C)):
                return life
            continue
        if rng.random() < 0.015:
            life.emit(end_at, "stop", State.STOPPED, "signer", C, step="close", complete=False, closed_at=end_at,
                      closing_reason="Không đủ điều kiện giải quyết (giả lập).", note="Không đủ điều kiện (giả lập).")
            return life
        electronic = rng.random() < (0.7 if channel == "online_portal" else 0.25)
        number = f"{rng.randrange(1, 9999)}/{plan.procedure_code}"
        if not life.emit(end_at, "issue_result", State.RESULT_READY, "signer", C, step="move", next_step=ret,
                         receiver=R, current_agency=R, resolved_at=end_at, result_number=number,
                         result_date=end_at.astimezone(workdays.TZ).date(), result_electronic=electronic,
                         data={"result_number": number, "electronic": electronic}):
            return life
    # --- return -------------------------------------------------------------------------------
    method = "electronic" if electronic and channel == "online_portal" else "postal" if channel == "postal" else "counter"
    wait = rng.randrange(60, 3600) if method == "electronic" else rng.randrange(day // 8, day * 4)
    returned = add(d["resolved_at"], wait, calendar=cal)
    extra: dict[str, Any] = {}
    if fee > 0 and not d["fee_paid"]:
        extra = {"fee_paid": True, "fee_paid_at": returned}
    if not life.emit(returned, "return_result", State.RESULT_RETURNED, "return_officer", R,
                     step="close" if ret is not None else "keep", returned_at=returned, return_method=method,
                     recipient_name="", data={"method": method}, **extra):
        return life
    if rng.random() < 0.35 and returned + timedelta(minutes=5) <= gen.until:
        r = rng.random()
        d.update(rating=5 if r < 0.7 else 4 if r < 0.9 else 3 if r < 0.97 else rng.choice((1, 2)),
                 rating_at=returned + timedelta(minutes=5), rating_channel=rng.choice(("kiosk", "portal", "sms")))
    return life


def _allot(step, day: int) -> int:
    """A step's allotment in working seconds (a calendar or same-day unit counted as working days)."""
    if step is None:
        return 0
    amount = float(step.allotted or 0)
    return int(amount * 3600) if step.allotted_unit == "working_hours" else int(amount * day)


def _resume(due: datetime | None, start: datetime, end: datetime, cal, conv: str) -> datetime | None:
    if due is None:
        return None
    return workdays.resume_due(due, start, end, calendar=cal, convention=conv)
