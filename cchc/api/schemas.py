"""Schemas shared by every router: the one error shape and the standard error responses."""

from __future__ import annotations

from typing import Any

from ninja import Schema
from pydantic import ConfigDict


class ErrorBody(Schema):
    code: str
    message: str
    details: Any = None


class ErrorOut(Schema):
    error: ErrorBody


class StrictIn(Schema):
    """Input schemas refuse unknown fields (422) rather than silently ignoring them."""

    model_config = ConfigDict(extra="forbid")


# Every operation can be answered with these, whatever it does.
COMMON_ERRORS: dict[int, Any] = {400: ErrorOut, 422: ErrorOut}
READ_ERRORS: dict[int, Any] = {**COMMON_ERRORS, 404: ErrorOut}
AUTH_ERRORS: dict[int, Any] = {**COMMON_ERRORS, 401: ErrorOut, 403: ErrorOut}
WRITE_ERRORS: dict[int, Any] = {**AUTH_ERRORS, 404: ErrorOut, 409: ErrorOut}


def error(code: str, message: str, details: Any = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "details": details}}
