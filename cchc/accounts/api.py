"""Who am I: the current user of a session or token."""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema

from cchc.accounts.roles import Role
from cchc.api.auth import AUTH
from cchc.api.schemas import AUTH_ERRORS, ErrorOut, StrictIn

router = Router(tags=["người dùng"])


class MeOut(Schema):
    username: str
    full_name: str
    kind: str
    agency: str | None
    agency_name: str | None
    roles: list[str]


@router.get("/me", auth=AUTH, response={200: MeOut, **AUTH_ERRORS}, summary="Người dùng hiện tại")
def me(request: HttpRequest):
    """The authenticated user, their agency and roles."""
    u = request.user
    return {"username": u.username, "full_name": u.full_name, "kind": u.kind,
            "agency": u.agency.code if u.agency_id else None, "agency_name": u.agency.name if u.agency_id else None,
            "roles": sorted(u.role_set)}


class UserOut(Schema):
    username: str
    full_name: str
    email: str
    kind: str
    agency: str | None
    is_active: bool
    roles: list[str]


def _user_out(u) -> dict:
    return {"username": u.username, "full_name": u.full_name, "email": u.email, "kind": u.kind,
            "agency": u.agency.code if u.agency_id else None, "is_active": u.is_active,
            "roles": sorted(r.role for r in u.role_assignments.all())}


@router.get("/users", auth=AUTH, response={200: list[UserOut], **AUTH_ERRORS}, summary="Người dùng mình quản lý")
def list_users(request: HttpRequest):
    """People the caller manages: everyone for an admin, their own agency for an agency leader."""
    from cchc.accounts import selectors

    return [_user_out(u) for u in selectors.user_list(actor=request.user)[:1000]]


@router.get("/users/{username}", auth=AUTH, response={200: UserOut, 404: ErrorOut, **AUTH_ERRORS},
            summary="Một người dùng")
def get_user(request: HttpRequest, username: str):
    """One person the caller manages; another agency's person is reported as not found."""
    from cchc.accounts import selectors

    return _user_out(selectors.user_get(actor=request.user, username=username))


class RolesIn(StrictIn):
    roles: list[Literal[tuple(Role.values)]] = Field(default_factory=list, max_length=20)  # type: ignore[valid-type]


@router.put("/users/{username}/roles", auth=AUTH, response={200: UserOut, 404: ErrorOut, 409: ErrorOut, **AUTH_ERRORS},
            summary="Đặt vai trò của người dùng")
def set_roles(request: HttpRequest, username: str, body: RolesIn):
    """Replace a person's roles (admins: any role; agency leaders: operational roles in their agency)."""
    from cchc.accounts import selectors, services

    person = selectors.user_get(actor=request.user, username=username)
    services.user_set_roles(actor=request.user, user=person, roles=list(body.roles))
    return _user_out(selectors.user_get(actor=request.user, username=username))
