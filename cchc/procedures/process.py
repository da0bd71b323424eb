"""Pure checks of a case's internal process (quy trình nội bộ, spec §2.5). No ORM here.

Allotments and the case's legal limit are compared in **working hours**, a working day being the
length of the default working sessions of :mod:`cchc.workdays` (07:30–11:30 and 13:30–17:00,
i.e. **7.5 h**; Thanh Hóa's 8 h day belongs to its 07:00 opening, which is not our default).
The same 7.5 h converts every unit, so the check and the due dates computed by the engine agree:

- ``working_hours``: as is;
- ``working_days``: × 7.5 h;
- ``calendar_days``: × 7.5 h, an upper bound (each calendar day counted as if it were a working day),
  so a process that passes may still be tight over a weekend, but one that fails is surely too long;
- ``same_day``: one working day (7.5 h) whatever the cut-off;
- ``no_appointment``: no limit, nothing to compare.

"The sum of allotments" is read along the longest path of the successor graph: for a linear
process (the usual case, or when no step names successors) that is exactly the sum; for
alternative branches it does not add up steps that never both happen.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from cchc.workdays import DEFAULT_SESSIONS, Unit, WorkdaysError, parse_unit, validate_limit

#: Role keys of :mod:`cchc.accounts.roles` that can hold a step of the one-stop process.
STEP_ROLES: dict[str, str] = {
    "reception_officer": "Cán bộ tiếp nhận (một cửa)",
    "specialist": "Chuyên viên thụ lý",
    "division_head": "Lãnh đạo phòng",
    "signer": "Người ký duyệt",
    "return_officer": "Cán bộ trả kết quả",
}
#: Units an allotment may use (a step is never "same day" or "without appointment").
STEP_UNITS = (Unit.WORKING_HOURS, Unit.WORKING_DAYS, Unit.CALENDAR_DAYS)
#: Same keys as ``ProcessStep.Action`` (a test keeps them equal).
STEP_ACTIONS = ("forward", "return", "supplement", "coordinate", "submit", "sign", "issue", "request_payment", "stop")
STEP_PLACES = ("one_stop", "competent", "coordinator")
STEP_CODE = re.compile(r"^[A-Za-z0-9_.-]{1,30}$")
MAX_ALLOTMENT = Decimal("99999.99")  # the column holds 7 digits, 2 after the point


def _session_hours() -> Decimal:
    seconds = 0
    for start, end in DEFAULT_SESSIONS:
        seconds += (datetime.combine(datetime.min, end) - datetime.combine(datetime.min, start)).seconds
    return Decimal(seconds) / Decimal(3600)


#: Length of one working day in hours (7.5 with the default sessions).
WORKING_DAY_HOURS: Decimal = _session_hours()


def fmt_number(value: Decimal | int | float | None) -> str:
    """``Decimal("7.50")`` → ``"7,5"``: Vietnamese decimal comma, no trailing zeros."""
    if value is None:
        return ""
    text = format(Decimal(value).normalize(), "f")
    return text.replace(".", ",")


def to_hours(amount: Decimal, unit: str) -> Decimal | None:
    """An amount of ``unit`` in working hours; None for ``no_appointment`` (no limit)."""
    u = parse_unit(unit)
    if u is Unit.WORKING_HOURS:
        return Decimal(amount)
    if u in (Unit.WORKING_DAYS, Unit.CALENDAR_DAYS):
        return Decimal(amount) * WORKING_DAY_HOURS
    if u is Unit.SAME_DAY:
        return WORKING_DAY_HOURS
    return None


def limit_hours(limit: Decimal, unit: str, limit_online: Decimal | None = None) -> Decimal | None:
    """The case's legal limit in working hours: the stricter of the counter and online limits."""
    hours = to_hours(limit, unit)
    if hours is not None and limit_online is not None:
        online = to_hours(limit_online, unit)
        if online is not None:
            hours = min(hours, online)
    return hours


@dataclass(frozen=True)
class StepSpec:
    """One step as the editor or the API sends it."""

    code: str
    name: str
    role: str
    allotted: Decimal
    unit: str = Unit.WORKING_HOURS.value
    actions: tuple[str, ...] = ("forward",)
    successors: tuple[str, ...] = ()
    place: str = "competent"
    agency: str = ""  # code of the agency doing the step when it is not the competent one (inter-agency)


@dataclass(frozen=True)
class Issue:
    code: str
    message: str
    step: str | None = None


@dataclass
class ProcessCheck:
    total_hours: Decimal
    limit_hours: Decimal | None
    issues: list[Issue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.issues

    def summary(self) -> str:
        """One Vietnamese line for the editor: "Tổng 20 giờ làm việc / thời hạn 22,5 giờ làm việc"."""
        total = f"{fmt_number(self.total_hours)} giờ làm việc"
        if self.limit_hours is None:
            return f"Tổng thời gian các bước: {total} (thủ tục không hẹn ngày trả)."
        return f"Tổng thời gian các bước: {total} / thời hạn {fmt_number(self.limit_hours)} giờ làm việc."


def _check_step(step: StepSpec, issues: list[Issue]) -> Decimal:
    """Field checks of one step; returns its allotment in hours (0 if unusable)."""
    label = step.code or "?"
    if not STEP_CODE.match(step.code or ""):
        issues.append(Issue("step_code_invalid",
                            f"Mã bước “{step.code}” không hợp lệ (chữ, số, dấu . _ -; tối đa 30 ký tự).", step.code))
    if not (step.name or "").strip():
        issues.append(Issue("step_name_required", f"Bước {label}: hãy nhập tên bước.", step.code))
    if step.role not in STEP_ROLES:
        issues.append(Issue("step_role_invalid", f"Bước {label}: vai trò “{step.role}” không hợp lệ; dùng một trong: "
                            + ", ".join(STEP_ROLES) + ".", step.code))
    if step.place not in STEP_PLACES:
        issues.append(Issue("step_place_invalid", f"Bước {label}: nơi thực hiện “{step.place}” không hợp lệ.", step.code))
    bad_actions = [a for a in step.actions if a not in STEP_ACTIONS]
    if bad_actions:
        issues.append(Issue("step_action_invalid", f"Bước {label}: thao tác không hợp lệ: {', '.join(bad_actions)}.",
                            step.code))
    try:
        unit = parse_unit(step.unit)
    except WorkdaysError:
        unit = None
    if unit not in STEP_UNITS:
        issues.append(Issue("step_unit_invalid", f"Bước {label}: đơn vị thời gian của bước phải là giờ làm việc, "
                            "ngày làm việc hoặc ngày.", step.code))
        return Decimal(0)
    try:
        raw = step.allotted
        amount = Decimal(repr(raw)) if isinstance(raw, float) else Decimal(raw)
        if not amount.is_finite() or abs(amount) > MAX_ALLOTMENT or amount != amount.quantize(Decimal("0.01")):
            if amount.is_finite() and amount < 0:
                validate_limit(amount, unit)  # the engine's message for a negative time
            issues.append(Issue("step_allotment_invalid", f"Bước {label}: thời gian phải từ 0 đến {MAX_ALLOTMENT} với "
                                "tối đa 2 chữ số thập phân.", step.code))
            return Decimal(0)
        validate_limit(amount, unit)
    except WorkdaysError as exc:
        issues.append(Issue("step_allotment_invalid", f"Bước {label}: {exc.message}", step.code))
        return Decimal(0)
    return to_hours(amount, unit) or Decimal(0)


def _longest_path(steps: Sequence[StepSpec], hours: dict[str, Decimal], issues: list[Issue]) -> Decimal:
    codes = [s.code for s in steps]
    if not any(s.successors for s in steps):  # no edges: the steps run one after another, in order
        return sum(hours.values(), Decimal(0))
    succ = {s.code: [c for c in s.successors if c in hours and c != s.code] for s in steps}
    memo: dict[str, Decimal] = {}
    state: dict[str, int] = {}  # 1 = on the stack, 2 = done

    def visit(code: str) -> Decimal:
        if state.get(code) == 2:
            return memo[code]
        if state.get(code) == 1:
            raise _Cycle(code)
        state[code] = 1
        best = max((visit(n) for n in succ[code]), default=Decimal(0))
        state[code] = 2
        memo[code] = hours[code] + best
        return memo[code]

    try:
        longest = max(visit(c) for c in codes)
    except _Cycle as cyc:
        issues.append(Issue("process_cycle", f"Các bước tạo thành vòng lặp qua bước {cyc.code}; "
                            "“trả lại bước trước” là một thao tác, không phải một bước tiếp theo.", cyc.code))
        return sum(hours.values(), Decimal(0))
    reach, stack = {codes[0]}, [codes[0]]
    while stack:
        for nxt in succ[stack.pop()]:
            if nxt not in reach:
                reach.add(nxt)
                stack.append(nxt)
    for code in codes:
        if code not in reach:
            issues.append(Issue("step_unreachable", f"Bước {code} không đi tới được từ bước đầu tiên.", code))
    return longest


class _Cycle(Exception):
    def __init__(self, code: str) -> None:
        self.code = code


def check_process(
    steps: Sequence[StepSpec], *, limit: Decimal, unit: str, limit_online: Decimal | None = None
) -> ProcessCheck:
    """Every problem of a process at once (an editor shows them all), and its length against the limit."""
    issues: list[Issue] = []
    hours: dict[str, Decimal] = {}
    seen: set[str] = set()
    for step in steps:
        h = _check_step(step, issues)
        if step.code in seen:
            issues.append(Issue("step_code_duplicate", f"Mã bước “{step.code}” bị trùng.", step.code))
        seen.add(step.code)
        hours[step.code] = hours.get(step.code, Decimal(0)) + h
    for step in steps:
        for nxt in step.successors:
            if nxt == step.code:
                issues.append(Issue("successor_self", f"Bước {step.code} không thể là bước tiếp theo của chính nó.",
                                    step.code))
            elif nxt not in seen:
                issues.append(Issue("successor_unknown",
                                    f"Bước {step.code}: bước tiếp theo “{nxt}” không có trong quy trình.", step.code))
    total = _longest_path(steps, hours, issues) if steps else Decimal(0)
    cap = limit_hours(Decimal(limit), unit, limit_online)
    if cap is not None and total > cap:
        issues.append(Issue(
            "process_over_limit",
            f"Tổng thời gian các bước ({fmt_number(total)} giờ làm việc) vượt thời hạn giải quyết của trường hợp "
            f"({fmt_number(cap)} giờ làm việc; một ngày làm việc tính {fmt_number(WORKING_DAY_HOURS)} giờ).",
        ))
    return ProcessCheck(total_hours=total, limit_hours=cap, issues=issues)
