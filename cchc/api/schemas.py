"""Schemas shared by every router: the one error shape and the standard error responses."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any

from ninja import Schema
from pydantic import BaseModel, BeforeValidator, ConfigDict


class ErrorBody(Schema):
    code: str
    message: str
    details: Any = None


class ErrorOut(Schema):
    error: ErrorBody


class StrictIn(BaseModel):
    """Input schemas refuse unknown fields (422) rather than silently ignoring them."""

    model_config = ConfigDict(extra="forbid")


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date_only(value: Any) -> Any:
    """Let only ``YYYY-MM-DD`` through to pydantic's date parsing.

    In lax mode pydantic reads ``0`` or ``"0"`` as 1970-01-01 (a Unix time) and accepts
    ``2024-01-01T00:00`` too; the schema promises ``format: date``, and a number sent as a date is
    a client bug that should get a 422, not a silently different day.
    """
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        return value
    raise ValueError("Ngày phải có dạng YYYY-MM-DD.")


# A date field of an input schema: documented as ``format: date``, and held to it.
IsoDate = Annotated[date, BeforeValidator(_iso_date_only)]


# Every operation can be answered with these, whatever it does.
COMMON_ERRORS: dict[int, Any] = {400: ErrorOut, 422: ErrorOut}
READ_ERRORS: dict[int, Any] = {**COMMON_ERRORS, 404: ErrorOut}
AUTH_ERRORS: dict[int, Any] = {**COMMON_ERRORS, 401: ErrorOut, 403: ErrorOut}
WRITE_ERRORS: dict[int, Any] = {**AUTH_ERRORS, 404: ErrorOut, 409: ErrorOut}


def error(code: str, message: str, details: Any = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "details": details}}
