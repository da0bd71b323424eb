"""API authentication: bearer tokens for machines, the session (with CSRF) for the browser."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import APIKeyCookie, HttpBearer
from ninja.security.session import SessionAuth

from cchc.accounts.services import token_authenticate


class TokenAuth(HttpBearer):
    openapi_description = "Mã truy cập API (Bearer cchc_…), tạo tại trang “Mã truy cập API”."

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = token_authenticate(token)
        if user is not None:
            request.user = user
            # Token clients are not browsers: CSRF protects cookies, and none is used here.
            request._dont_enforce_csrf_checks = True
        return user


class StaffSession(SessionAuth):
    """The logged-in user of the web interface (CSRF-checked on writes)."""

    def authenticate(self, request: HttpRequest, key: Any) -> Any:
        user = super().authenticate(request, key)
        return user if user and user.is_active else None


AUTH: list[Any] = [TokenAuth(), StaffSession()]
__all__ = ["AUTH", "APIKeyCookie", "StaffSession", "TokenAuth"]
