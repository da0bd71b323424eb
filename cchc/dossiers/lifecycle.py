"""The dossier state machine (spec one-stop.md §2.2–§2.4), as data. Pure: no ORM, no Django.

Internal states are finer than the ten national codes (``TrangThaiHoSo``) and each maps to
exactly one of them. A transition is a row of :data:`TRANSITIONS`: the action, the states it
starts from, the state it leads to, the roles that may perform it, and on which side of the
dossier the actor's agency must sit (the agency that received it, the competent agency, or the
agency holding it now). Services look transitions up here; nothing else decides what is legal.

``RESUME`` as a target means "back to the state the dossier was in before the pause" (a
supplement request, a payment request or an inter-agency consultation can start from
``IN_PROCESS`` or from ``OVERDUE_EXTENDED``; resuming must not lose the re-appointment).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class State(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    INTAKE_INCOMPLETE = "intake_incomplete"
    REFUSED_AT_INTAKE = "refused_at_intake"
    RECEIVED = "received"
    IN_PROCESS = "in_process"
    IN_INTERAGENCY = "in_interagency"
    SUPPLEMENT_REQUESTED = "supplement_requested"
    AWAITING_PAYMENT = "awaiting_payment"
    OVERDUE_EXTENDED = "overdue_extended"
    WITHDRAWN = "withdrawn"
    STOPPED = "stopped"
    RESULT_READY = "result_ready"
    RESULT_RETURNED = "result_returned"

    @property
    def label(self) -> str:
        return STATE_LABELS[self]

    @property
    def national(self) -> int | None:
        return NATIONAL_CODE[self]


STATE_LABELS: dict[State, str] = {
    State.DRAFT: "Hồ sơ lưu nháp",
    State.SUBMITTED: "Mới đăng ký, chờ tiếp nhận",
    State.INTAKE_INCOMPLETE: "Hướng dẫn bổ sung trước khi tiếp nhận",
    State.REFUSED_AT_INTAKE: "Từ chối tiếp nhận",
    State.RECEIVED: "Đã tiếp nhận",
    State.IN_PROCESS: "Đang xử lý",
    State.IN_INTERAGENCY: "Đang liên thông, chờ cơ quan phối hợp",
    State.SUPPLEMENT_REQUESTED: "Yêu cầu bổ sung, hoàn thiện hồ sơ",
    State.AWAITING_PAYMENT: "Chờ thực hiện nghĩa vụ tài chính",
    State.OVERDUE_EXTENDED: "Đã xin lỗi, hẹn lại ngày trả",
    State.WITHDRAWN: "Rút hồ sơ theo yêu cầu",
    State.STOPPED: "Dừng giải quyết",
    State.RESULT_READY: "Đã có kết quả, chờ trả",
    State.RESULT_RETURNED: "Đã trả kết quả",
}

# §2.3: each internal state maps to exactly one national code; a draft is never synchronised.
NATIONAL_CODE: dict[State, int | None] = {
    State.DRAFT: None,
    State.SUBMITTED: 1,
    State.INTAKE_INCOMPLETE: 5,
    State.REFUSED_AT_INTAKE: 3,
    State.RECEIVED: 2,
    State.IN_PROCESS: 4,
    State.IN_INTERAGENCY: 4,
    State.SUPPLEMENT_REQUESTED: 5,
    State.AWAITING_PAYMENT: 6,
    State.OVERDUE_EXTENDED: 4,
    State.WITHDRAWN: 7,
    State.STOPPED: 8,
    State.RESULT_READY: 9,
    State.RESULT_RETURNED: 10,
}

# §2.2: the national label and the DVCQG string of each national code.
NATIONAL_STATUSES: dict[int, tuple[str, str]] = {
    1: ("Mới đăng ký", "receiving"),
    2: ("Được tiếp nhận", "new"),
    3: ("Không được tiếp nhận", "denied"),
    4: ("Đang xử lý", "processing"),
    5: ("Yêu cầu bổ sung giấy tờ", "waiting"),
    6: ("Yêu cầu thực hiện nghĩa vụ tài chính", "paying"),
    7: ("Công dân yêu cầu rút hồ sơ", "cancelled"),
    8: ("Dừng xử lý", "unresolved"),
    9: ("Đã xử lý xong", "releasing"),
    10: ("Đã trả kết quả", "done"),
}


class Clock(StrEnum):
    """What the legal clock does while a dossier is in a state."""

    NOT_STARTED = "not_started"
    RUNNING = "running"
    PAUSED = "paused"
    STOPPED = "stopped"


# AWAITING_PAYMENT pauses or runs per procedure case (``payment_pauses_clock``); ``clock_of`` decides.
_CLOCK: dict[State, Clock] = {
    State.DRAFT: Clock.NOT_STARTED,
    State.SUBMITTED: Clock.NOT_STARTED,
    State.INTAKE_INCOMPLETE: Clock.NOT_STARTED,
    State.REFUSED_AT_INTAKE: Clock.STOPPED,
    State.RECEIVED: Clock.RUNNING,
    State.IN_PROCESS: Clock.RUNNING,
    State.IN_INTERAGENCY: Clock.RUNNING,
    State.SUPPLEMENT_REQUESTED: Clock.PAUSED,
    State.AWAITING_PAYMENT: Clock.PAUSED,
    State.OVERDUE_EXTENDED: Clock.RUNNING,
    State.WITHDRAWN: Clock.STOPPED,
    State.STOPPED: Clock.STOPPED,
    State.RESULT_READY: Clock.STOPPED,
    State.RESULT_RETURNED: Clock.STOPPED,
}


def clock_of(state: State | str, *, payment_pauses_clock: bool = True) -> Clock:
    """The clock in ``state``; waiting for a payment pauses it only when the procedure says so."""
    state = State(state)
    if state is State.AWAITING_PAYMENT and not payment_pauses_clock:
        return Clock.RUNNING
    return _CLOCK[state]


# Accepted and not finished: the legal clock has started and no result is out yet. The partial
# index over due_at and the overdue scan use exactly this set.
OPEN_STATES: frozenset[State] = frozenset(
    {State.RECEIVED, State.IN_PROCESS, State.IN_INTERAGENCY, State.SUPPLEMENT_REQUESTED,
     State.AWAITING_PAYMENT, State.OVERDUE_EXTENDED}
)
# Nothing more can happen to these.
TERMINAL_STATES: frozenset[State] = frozenset(
    {State.REFUSED_AT_INTAKE, State.WITHDRAWN, State.STOPPED, State.RESULT_RETURNED}
)
# Where an applicant may still withdraw (T17: any open state, including before acceptance).
WITHDRAWABLE: frozenset[State] = frozenset(
    {State.SUBMITTED, State.INTAKE_INCOMPLETE, *OPEN_STATES}
)
# "Processing" for the actions of the competent agency: a re-appointed dossier is still processed.
PROCESSING: frozenset[State] = frozenset({State.IN_PROCESS, State.OVERDUE_EXTENDED})


class Action(StrEnum):
    DRAFT = "draft"
    SUBMIT = "submit"
    ACCEPT = "accept"
    RECEIVE = "receive"
    REQUEST_INTAKE_SUPPLEMENT = "request_intake_supplement"
    RESUBMIT = "resubmit"
    REFUSE = "refuse"
    TRANSFER = "transfer"
    FORWARD = "forward"
    SEND_INTERAGENCY = "send_interagency"
    RETURN_INTERAGENCY = "return_interagency"
    REQUEST_SUPPLEMENT = "request_supplement"
    RECEIVE_SUPPLEMENT = "receive_supplement"
    REQUEST_PAYMENT = "request_payment"
    CONFIRM_PAYMENT = "confirm_payment"
    APOLOGISE = "apologise"
    WITHDRAW = "withdraw"
    STOP = "stop"
    ISSUE_RESULT = "issue_result"
    RETURN_RESULT = "return_result"
    ARCHIVE = "archive"

    @property
    def label(self) -> str:
        return ACTION_LABELS[self]


ACTION_LABELS: dict[Action, str] = {
    Action.DRAFT: "Lưu nháp",
    Action.SUBMIT: "Nộp hồ sơ (trực tuyến, bưu chính)",
    Action.ACCEPT: "Tiếp nhận hồ sơ",
    Action.RECEIVE: "Tiếp nhận tại quầy",
    Action.REQUEST_INTAKE_SUPPLEMENT: "Hướng dẫn bổ sung trước khi tiếp nhận",
    Action.RESUBMIT: "Nộp lại sau bổ sung",
    Action.REFUSE: "Từ chối tiếp nhận",
    Action.TRANSFER: "Chuyển cơ quan giải quyết",
    Action.FORWARD: "Chuyển bước xử lý",
    Action.SEND_INTERAGENCY: "Gửi cơ quan phối hợp (liên thông)",
    Action.RETURN_INTERAGENCY: "Cơ quan phối hợp trả ý kiến",
    Action.REQUEST_SUPPLEMENT: "Yêu cầu bổ sung, hoàn thiện hồ sơ",
    Action.RECEIVE_SUPPLEMENT: "Nhận hồ sơ bổ sung",
    Action.REQUEST_PAYMENT: "Yêu cầu thực hiện nghĩa vụ tài chính",
    Action.CONFIRM_PAYMENT: "Xác nhận đã nộp phí, lệ phí",
    Action.APOLOGISE: "Xin lỗi và hẹn lại ngày trả",
    Action.WITHDRAW: "Rút hồ sơ theo yêu cầu",
    Action.STOP: "Dừng giải quyết",
    Action.ISSUE_RESULT: "Ký, ban hành kết quả",
    Action.RETURN_RESULT: "Trả kết quả",
    Action.ARCHIVE: "Đưa hồ sơ vào lưu trữ",
}


class Side(StrEnum):
    """Which agency of the dossier the actor must belong to."""

    RECEIVING = "receiving"  # the one-stop unit that received it
    COMPETENT = "competent"  # the agency competent to decide (or the agency of the current step)
    CURRENT = "current"  # the agency holding it now (a coordinating agency during liên thông)
    RECEIVING_OR_COMPETENT = "receiving_or_competent"
    APPLICANT = "applicant"  # the applicant's own account (online channel)


# Roles (cchc.accounts.roles.Role values) plus the pseudo-role of a citizen acting on their own dossier.
APPLICANT = "applicant"
ADMIN = "admin"
RECEPTION = "reception_officer"
SPECIALIST = "specialist"
DIVISION_HEAD = "division_head"
SIGNER = "signer"
RETURN = "return_officer"
AGENCY_OFFICER = "agency_officer"

RESUME = "resume"  # target marker: back to the state held before the pause


@dataclass(frozen=True)
class Transition:
    code: str  # T1..T21 of the spec
    action: Action
    sources: frozenset[State | None]  # None: the dossier does not exist yet
    target: State | str  # a State or RESUME
    roles: frozenset[str]
    side: Side
    needs_reason: bool = False


def _t(code: str, action: Action, sources, target, roles, side: Side, needs_reason: bool = False) -> Transition:
    return Transition(code, action, frozenset(sources), target, frozenset(roles), side, needs_reason)


S = State
TRANSITIONS: tuple[Transition, ...] = (
    _t("T1", Action.DRAFT, [None], S.DRAFT, [RECEPTION, APPLICANT], Side.RECEIVING),
    _t("T2", Action.SUBMIT, [None, S.DRAFT], S.SUBMITTED, [APPLICANT, RECEPTION], Side.RECEIVING),
    _t("T3", Action.ACCEPT, [S.SUBMITTED], S.RECEIVED, [RECEPTION], Side.RECEIVING),
    _t("T4", Action.RECEIVE, [None, S.DRAFT], S.RECEIVED, [RECEPTION], Side.RECEIVING),
    _t("T5", Action.REQUEST_INTAKE_SUPPLEMENT, [S.SUBMITTED, S.DRAFT], S.INTAKE_INCOMPLETE, [RECEPTION],
       Side.RECEIVING, needs_reason=True),
    _t("T6", Action.RESUBMIT, [S.INTAKE_INCOMPLETE], S.SUBMITTED, [APPLICANT, RECEPTION], Side.RECEIVING),
    _t("T7", Action.REFUSE, [S.SUBMITTED, S.INTAKE_INCOMPLETE], S.REFUSED_AT_INTAKE, [RECEPTION],
       Side.RECEIVING, needs_reason=True),
    _t("T8", Action.TRANSFER, [S.RECEIVED], S.IN_PROCESS, [RECEPTION], Side.RECEIVING),
    # T9 is a self-loop: the step changes, the state does not (a re-appointed dossier stays re-appointed).
    _t("T9", Action.FORWARD, [S.IN_PROCESS], S.IN_PROCESS, [SPECIALIST, DIVISION_HEAD, SIGNER], Side.COMPETENT),
    _t("T9", Action.FORWARD, [S.OVERDUE_EXTENDED], S.OVERDUE_EXTENDED, [SPECIALIST, DIVISION_HEAD, SIGNER],
       Side.COMPETENT),
    _t("T10", Action.SEND_INTERAGENCY, PROCESSING, S.IN_INTERAGENCY, [SPECIALIST, DIVISION_HEAD], Side.COMPETENT),
    _t("T10", Action.RETURN_INTERAGENCY, [S.IN_INTERAGENCY], RESUME,
       [SPECIALIST, DIVISION_HEAD, SIGNER, AGENCY_OFFICER], Side.CURRENT),
    _t("T11", Action.REQUEST_SUPPLEMENT, PROCESSING, S.SUPPLEMENT_REQUESTED, [SPECIALIST, DIVISION_HEAD],
       Side.COMPETENT, needs_reason=True),
    _t("T12", Action.RECEIVE_SUPPLEMENT, [S.SUPPLEMENT_REQUESTED], RESUME, [RECEPTION, SPECIALIST],
       Side.RECEIVING_OR_COMPETENT),
    _t("T13", Action.STOP, [S.SUPPLEMENT_REQUESTED], S.STOPPED, [DIVISION_HEAD, SIGNER], Side.COMPETENT,
       needs_reason=True),
    _t("T14", Action.REQUEST_PAYMENT, PROCESSING, S.AWAITING_PAYMENT, [SPECIALIST, DIVISION_HEAD], Side.COMPETENT),
    _t("T15", Action.CONFIRM_PAYMENT, [S.AWAITING_PAYMENT], RESUME, [RETURN, RECEPTION, SPECIALIST],
       Side.RECEIVING_OR_COMPETENT),
    _t("T16", Action.APOLOGISE, PROCESSING, S.OVERDUE_EXTENDED, [SIGNER], Side.COMPETENT, needs_reason=True),
    _t("T17", Action.WITHDRAW, WITHDRAWABLE, S.WITHDRAWN, [RECEPTION, APPLICANT], Side.RECEIVING,
       needs_reason=True),
    _t("T18", Action.STOP, PROCESSING, S.STOPPED, [SIGNER], Side.COMPETENT, needs_reason=True),
    _t("T19", Action.ISSUE_RESULT, PROCESSING, S.RESULT_READY, [SIGNER], Side.COMPETENT),
    _t("T20", Action.RETURN_RESULT, [S.RESULT_READY], S.RESULT_RETURNED, [RETURN, RECEPTION], Side.RECEIVING),
    # T21 is the system's alone (no role: never offered to a person, not even an administrator); a
    # self-loop: the dossier stays returned, with its archiving recorded.
    _t("T21", Action.ARCHIVE, [S.RESULT_RETURNED], S.RESULT_RETURNED, [], Side.RECEIVING),
)
del S

_BY_KEY: dict[tuple[Action, State | None], Transition] = {}
for _tr in TRANSITIONS:
    for _src in _tr.sources:
        key = (_tr.action, _src)
        if key in _BY_KEY:  # pragma: no cover - a table error, caught at import
            raise RuntimeError(f"two transitions for {key}")
        _BY_KEY[key] = _tr


class IllegalTransition(Exception):
    """The action is not possible from the state (pure; services turn it into a domain error)."""

    def __init__(self, action: Action, state: State | None) -> None:
        self.action, self.state = action, state
        where = state.label if state else "hồ sơ chưa tồn tại"
        super().__init__(f"Không thể “{action.label.lower()}” khi hồ sơ ở trạng thái “{where}”.")


class RoleMissing(Exception):
    """The actor holds none of the roles the transition needs."""

    def __init__(self, transition: Transition) -> None:
        self.transition = transition
        if not transition.roles:
            super().__init__(f"“{transition.action.label}” do hệ thống thực hiện, không do người dùng.")
            return
        super().__init__(
            f"“{transition.action.label}” cần một trong các vai trò: {', '.join(sorted(transition.roles))}."
        )


def transition_for(action: Action | str, state: State | str | None) -> Transition:
    """The transition of ``action`` from ``state`` (``None``: a new dossier); raises IllegalTransition."""
    action = Action(action)
    state = State(state) if state is not None else None
    tr = _BY_KEY.get((action, state))
    if tr is None:
        raise IllegalTransition(action, state)
    return tr


def acting_role(transition: Transition, roles: frozenset[str] | set[str]) -> str:
    """The role under which a person holding ``roles`` performs ``transition`` (recorded in the log).

    An administrator may perform every transition (recorded as ``admin``); otherwise the first of
    the transition's roles the person holds, in a fixed order so the log is deterministic.
    """
    for role in sorted(transition.roles):
        if role in roles:
            return role
    if ADMIN in roles and transition.roles:
        return ADMIN
    raise RoleMissing(transition)


def target_of(transition: Transition, *, resume_state: State | str | None) -> State:
    """The state a transition leads to; for RESUME, the state held before the pause."""
    if transition.target != RESUME:
        return State(transition.target)
    if resume_state in (None, ""):
        return State.IN_PROCESS
    resumed = State(resume_state)
    if resumed not in PROCESSING:  # pragma: no cover - services only store processing states
        return State.IN_PROCESS
    return resumed


def available_actions(state: State | str | None, roles: frozenset[str] | set[str]) -> list[Transition]:
    """Transitions from ``state`` that a holder of ``roles`` may perform (agency not considered)."""
    state = State(state) if state is not None else None
    out = []
    for tr in TRANSITIONS:
        if state in tr.sources and tr.roles and (ADMIN in roles or tr.roles & set(roles)):
            out.append(tr)
    return out


def national_status(state: State | str) -> int | None:
    return NATIONAL_CODE[State(state)]


def dvcqg_status(state: State | str) -> str | None:
    code = NATIONAL_CODE[State(state)]
    return NATIONAL_STATUSES[code][1] if code else None


class StepResult(StrEnum):
    """A completed step against its due instant (control-slip column: trước hạn / đúng hạn / quá hạn)."""

    EARLY = "truoc_han"
    ON_TIME = "dung_han"
    LATE = "qua_han"

    @property
    def label(self) -> str:
        return {"truoc_han": "Trước hạn", "dung_han": "Đúng hạn", "qua_han": "Quá hạn"}[self.value]


def step_result(done_local_date, due_local_date, done_after_due: bool) -> StepResult:
    """Steps are judged to the instant (allotments are often hours): after the due instant is late;
    otherwise an earlier local date is early and the same date on time. Arguments are local dates."""
    if done_after_due:
        return StepResult.LATE
    return StepResult.EARLY if done_local_date < due_local_date else StepResult.ON_TIME
