"""Who may see and do what in plan execution: the secretariat sees everything, an agency its own share."""

from __future__ import annotations

from typing import Any

from cchc.common.errors import PermissionDenied


def is_manager(user: Any) -> bool:
    """The PAR secretariat or an admin (``plans.manage_tasks``)."""
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.has_perm("plans.manage_tasks"))


def require_manager(actor: Any, *, code: str = "plan_manage_forbidden",
                    message: str = "Chỉ Thường trực CCHC hoặc quản trị viên được thực hiện thao tác này.") -> None:
    """Refuse unless the actor is the secretariat or an admin; ``None`` is the system (commands, jobs)."""
    if actor is None:
        return
    if not is_manager(actor):
        raise PermissionDenied(message, code=code)


def agency_scope(user: Any) -> int | None:
    """The agency whose data a person may read: None means every agency (the secretariat, admins).

    A person without an agency gets 0, which matches nothing.
    """
    if is_manager(user):
        return None
    return getattr(user, "agency_id", None) or 0
