"""Who am I: the current user of a session or token."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from cchc.api.auth import AUTH
from cchc.api.schemas import AUTH_ERRORS

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
