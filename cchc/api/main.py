"""The API at /api/v1: routers from each app, one error shape, a complete OpenAPI schema."""

from __future__ import annotations

import functools
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.db import connection
from django.http import HttpRequest
from django.http.request import RawPostDataException
from ninja import NinjaAPI, Schema, Status
from ninja.errors import AuthenticationError, AuthorizationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import BaseModel as PydanticModel

from cchc.api.schemas import ErrorOut, error
from cchc.common.errors import DomainError, ValidationFailed

api = NinjaAPI(
    title="cchc API",
    version="1",
    description=(
        "API của nền tảng cải cách hành chính: danh mục cơ quan có lịch sử, người dùng. "
        "Mọi lỗi có dạng {\"error\": {\"code\", \"message\", \"details\"}}. "
        "Chuỗi ký tự không được chứa ký tự NUL (U+0000): lỗi 422, mã invalid_character."
    ),
    urls_namespace="api-v1",
)


@api.exception_handler(DomainError)
def _domain_error(request: HttpRequest, exc: DomainError):
    return api.create_response(request, exc.as_dict(), status=exc.status)


@api.exception_handler(NinjaValidationError)
def _validation_error(request: HttpRequest, exc: NinjaValidationError):
    details = [
        {"loc": list(e.get("loc", [])), "message": e.get("msg", ""), "type": e.get("type", "")} for e in exc.errors
    ]
    return api.create_response(
        request, error("validation_failed", "Dữ liệu gửi lên không hợp lệ.", details), status=422
    )


@api.exception_handler(AuthenticationError)
def _auth_error(request: HttpRequest, exc: AuthenticationError):
    return api.create_response(
        request, error("not_authenticated", "Cần đăng nhập hoặc mã truy cập API hợp lệ."), status=401
    )


@api.exception_handler(AuthorizationError)
def _forbidden(request: HttpRequest, exc: AuthorizationError):
    return api.create_response(request, error("permission_denied", "Bạn không có quyền thực hiện thao tác này."), status=403)


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError):
    messages = {400: "Yêu cầu không hợp lệ.", 404: "Không tìm thấy.", 405: "Phương thức không được hỗ trợ."}
    code = {400: "bad_request", 404: "not_found"}.get(exc.status_code, "http_error")
    return api.create_response(request, error(code, messages.get(exc.status_code, str(exc))), status=exc.status_code)


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, PydanticModel):
        return _has_nul(value.model_dump())
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list | tuple | set | frozenset):
        return any(_has_nul(v) for v in value)
    return False


def _surely_clean(request: HttpRequest) -> bool:
    """True when no input of the request can hold U+0000: the path, the query string and a JSON body
    (where it can only be written ``\\u0000``) are free of it. Walking the validated input costs
    more than the rest of a small request's checks; this look at the raw bytes settles most."""
    if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", ""):
        return False
    if request.method in {"GET", "HEAD", "OPTIONS"}:
        return True
    if request.content_type != "application/json":
        return False  # forms and uploads: walk what was parsed
    try:
        body = request.body
    except (RawPostDataException, RequestDataTooBig):
        return False  # the operation decides what to answer; the walk below does not read the body
    return b"\\u0000" not in body and b"\x00" not in body


def _refuse_nul(view):
    """Refuse U+0000 anywhere in an operation's validated input (path, query, body) with a 422.

    PostgreSQL text cannot hold it: psycopg raises DataError and the request ended in a 500
    (found by schemathesis), while SQLite stored it silently. Checked once here, after
    authentication and schema validation, so every router, present and future, is covered.
    """

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any):
        if not _surely_clean(request) and (_has_nul(args) or _has_nul(kwargs)):
            raise ValidationFailed("Dữ liệu gửi lên không được chứa ký tự NUL (U+0000).", code="invalid_character")
        return view(request, *args, **kwargs)

    return wrapper


api.add_decorator(_refuse_nul)


class HealthOut(Schema):
    status: str
    database: str


@api.get("/health", response={200: HealthOut, 503: ErrorOut}, tags=["hệ thống"], summary="Tình trạng hoạt động")
def health(request: HttpRequest):
    """The service and its database answer."""
    try:
        with connection.cursor() as cur:
            cur.execute("SELECT 1")
    except Exception:
        return Status(503, error("database_unavailable", "Không kết nối được cơ sở dữ liệu."))
    return {"status": "ok", "database": connection.vendor}


def _mount() -> None:
    from cchc.accounts.api import router as accounts_router
    from cchc.dossiers.api import router as dossiers_router
    from cchc.notifications.api import router as notifications_router
    from cchc.org.api import router as org_router
    from cchc.plans.api import router as plans_router
    from cchc.procedures.api import router as procedures_router

    # Dossiers first: URL patterns are tried in order and intake is the hottest path.
    api.add_router("", dossiers_router)
    api.add_router("", org_router)
    api.add_router("", plans_router)
    api.add_router("", procedures_router)
    api.add_router("", notifications_router)
    api.add_router("", accounts_router)
    from cchc.eforms.api import router as eforms_router
    from cchc.letters.api import router as letters_router
    from cchc.payments.api import router as payments_router
    from cchc.portal.api import router as portal_router
    from cchc.public.api import router as public_router
    from cchc.queues.api import router as queues_router
    from cchc.results.api import router as results_router

    for router in (public_router, portal_router, eforms_router, letters_router, payments_router,
                   results_router, queues_router):
        api.add_router("", router)


_mount()
