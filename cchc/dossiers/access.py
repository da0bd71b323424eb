"""Who may perform a transition on a dossier: the role (from the lifecycle table) and the agency.

Used by the services (which refuse) and by the selectors (which list the actions a page offers),
so both always agree. No queries: the user's roles are loaded once per request by ``role_set``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cchc.common.errors import PermissionDenied
from cchc.dossiers import lifecycle
from cchc.dossiers.lifecycle import Action, Side, Transition


@dataclass(frozen=True)
class SystemActor:
    """An integration acting on dossiers without a person: the national portal's intake, the payment
    gateway's verified callback. It may perform only the actions it is built for, on any agency's
    dossier (the integration itself checks where the dossier belongs); the log names it.

    It quacks like a user where services read one (``is_authenticated``, ``pk``, ``agency_id``,
    ``display_name()``) but is never stored as a foreign key: events and log rows keep its name.
    """

    name: str  # e.g. "dvcqg" — recorded as the role "system:dvcqg"
    label: str  # e.g. "Cổng Dịch vụ công quốc gia"
    actions: frozenset[Action] = field(default_factory=frozenset)
    is_authenticated: bool = True
    is_active: bool = True
    is_superuser: bool = False
    is_staff: bool = False
    kind: str = "system"
    pk: None = None
    id: None = None
    agency: None = None
    agency_id: None = None
    role_set: frozenset[str] = frozenset()

    def display_name(self) -> str:
        return self.label

    def get_username(self) -> str:
        return f"system:{self.name}"

    def primary_role(self) -> str:
        return f"system:{self.name}"

    def has_role(self, *roles: str) -> bool:
        return False

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        return False


def roles_of(user: Any) -> frozenset[str]:
    """The roles a person acts under: their assigned roles, ``admin`` for a superuser, ``applicant`` for a citizen."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    roles = set(user.role_set)
    if user.is_superuser:
        roles.add(lifecycle.ADMIN)
    if getattr(user, "kind", "") == "citizen":
        roles.add(lifecycle.APPLICANT)
    return frozenset(roles)


def sees_everything(user: Any) -> bool:
    """The secretariat and administrators read every agency's dossiers."""
    roles = roles_of(user)
    return lifecycle.ADMIN in roles or "secretariat" in roles


def _step_agency_id(dossier: Any) -> int | None:
    step = getattr(dossier, "current_step", None) if dossier.current_step_id else None
    return step.agency_id if step is not None else None


def side_ok(side: Side, user: Any, dossier: Any) -> bool:
    """Whether the user's agency is on the required side of the dossier."""
    if side is Side.APPLICANT:
        return dossier.owner_id is not None and dossier.owner_id == user.pk
    agency_id = getattr(user, "agency_id", None)
    if agency_id is None:
        return False
    receiving = agency_id == dossier.receiving_agency_id
    competent = agency_id in (dossier.competent_agency_id, _step_agency_id(dossier))
    if side is Side.RECEIVING:
        return receiving
    if side is Side.COMPETENT:
        return competent
    if side is Side.CURRENT:
        # The coordinating agency answers; the competent agency may also record the answer it received.
        return agency_id == dossier.current_agency_id or competent
    return receiving or competent


def authorise(user: Any, transition: Transition, dossier: Any | None = None, *,
              receiving_agency_id: int | None = None) -> str:
    """The role the user acts under for ``transition`` on ``dossier``; raises PermissionDenied.

    For a dossier that does not exist yet, ``receiving_agency_id`` is where it is being received.
    """
    if user is None or not getattr(user, "is_authenticated", False):
        raise PermissionDenied("Cần đăng nhập để xử lý hồ sơ.", code="not_authenticated")
    if isinstance(user, SystemActor):
        if transition.action not in user.actions:
            raise PermissionDenied(f"{user.label} không được thực hiện “{transition.action.label}”.",
                                   code="role_required", details={"action": transition.action.value})
        return user.primary_role()
    roles = roles_of(user)
    try:
        role = lifecycle.acting_role(transition, roles)
    except lifecycle.RoleMissing as exc:
        raise PermissionDenied(str(exc), code="role_required",
                               details={"action": transition.action.value, "roles": sorted(transition.roles)}) from None
    if role == lifecycle.ADMIN:
        return role
    if role == lifecycle.APPLICANT:
        if dossier is not None and dossier.owner_id != user.pk:
            raise PermissionDenied("Đây không phải hồ sơ của bạn.", code="not_your_dossier")
        return role
    if dossier is None:
        if user.agency_id is None or (receiving_agency_id is not None and receiving_agency_id != user.agency_id):
            raise PermissionDenied("Bạn chỉ tiếp nhận hồ sơ tại cơ quan của mình.", code="not_your_agency")
        return role
    if not side_ok(transition.side, user, dossier):
        raise PermissionDenied(
            f"Hồ sơ {dossier.code} không thuộc cơ quan của bạn ở bước này: "
            f"“{transition.action.label}” do {_side_text(transition.side)} thực hiện.",
            code="not_your_agency", details={"action": transition.action.value, "side": transition.side.value})
    return role


def _side_text(side: Side) -> str:
    return {
        Side.RECEIVING: "nơi tiếp nhận hồ sơ",
        Side.COMPETENT: "cơ quan có thẩm quyền giải quyết",
        Side.CURRENT: "cơ quan đang giữ hồ sơ",
        Side.RECEIVING_OR_COMPETENT: "nơi tiếp nhận hoặc cơ quan giải quyết",
        Side.APPLICANT: "người nộp hồ sơ",
    }[side]


def step_role_ok(user: Any, dossier: Any, role: str) -> bool:
    """Moving between internal steps needs the current step's role (an administrator excepted)."""
    step = dossier.current_step if dossier.current_step_id else None
    if step is None or not step.role or role == lifecycle.ADMIN:
        return True
    return step.role in roles_of(user)


# The step action (ProcessStep.actions) each transition needs, where a step lists its actions (spec §2.5).
STEP_ACTIONS: dict[lifecycle.Action, frozenset[str]] = {
    lifecycle.Action.FORWARD: frozenset({"forward", "return"}),
    lifecycle.Action.REQUEST_SUPPLEMENT: frozenset({"supplement"}),
    lifecycle.Action.SEND_INTERAGENCY: frozenset({"coordinate"}),
    lifecycle.Action.REQUEST_PAYMENT: frozenset({"request_payment"}),
    lifecycle.Action.ISSUE_RESULT: frozenset({"sign", "issue"}),
    lifecycle.Action.STOP: frozenset({"stop"}),
}


def step_allows(dossier: Any, action: lifecycle.Action) -> bool:
    """Whether the current step permits ``action``: a step with no list of actions permits everything."""
    needed = STEP_ACTIONS.get(action)
    step = dossier.current_step if dossier.current_step_id else None
    if needed is None or step is None or not step.actions:
        return True
    if action is lifecycle.Action.STOP and dossier.state not in lifecycle.PROCESSING:
        return True  # T13: stopping a dossier whose supplement never came is not a step action
    return bool(needed & set(step.actions))
