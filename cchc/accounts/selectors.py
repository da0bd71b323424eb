"""Reads on people, scoped: an admin sees everyone, an agency leader their own agency's people."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from cchc.accounts.models import ApiToken, RoleAssignment, User
from cchc.accounts.roles import Role
from cchc.common.errors import NotFound, PermissionDenied


def user_list(*, actor: User) -> QuerySet[User]:
    """The people the actor may manage, with their roles."""
    qs = User.objects.select_related("agency").prefetch_related(
        Prefetch("role_assignments", queryset=RoleAssignment.objects.order_by("role"))
    )
    if actor.is_superuser or actor.has_role(Role.ADMIN):
        return qs.order_by("agency__name", "username")
    if actor.has_role(Role.AGENCY_LEADER) and actor.agency_id:
        return qs.filter(agency_id=actor.agency_id).order_by("username")
    raise PermissionDenied("Bạn không có quyền quản lý người dùng.", code="cannot_manage_users")


def user_get(*, actor: User, username: str) -> User:
    """One person the actor may manage; another agency's person is reported as not found."""
    try:
        return user_list(actor=actor).get(username=username)
    except User.DoesNotExist:
        raise NotFound(f"Không tìm thấy người dùng “{username}”.", code="user_not_found") from None


def token_list(*, actor: User) -> QuerySet[ApiToken]:
    """The actor's own tokens, newest first."""
    return ApiToken.objects.filter(user=actor).order_by("-created_at")
