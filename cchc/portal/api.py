"""API routes of portal (mounted under /api/v1 by cchc.api.main): the national portal's intake endpoint.

The contract (headers, payload, answers) is in docs/national-portal-intake.md.
"""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from ninja import Router, Schema

from cchc.api.schemas import ErrorBody
from cchc.common.errors import DomainError, TooLarge
from cchc.portal import contract, services

router = Router(tags=["cổng dịch vụ công quốc gia"])
logger = logging.getLogger("cchc.portal")


class PortalAckOut(Schema):
    error_code: str
    message: str
    MaHoSo: str
    MaHoSoTiepNhan: str
    TrangThaiHoSo: int
    NgayNhan: str


class PortalPushErrorOut(Schema):
    error_code: str
    message: str
    MaHoSo: str
    error: ErrorBody


_FILE_SCHEMA = {
    "type": "object",
    "required": ["TenTepDinhKem"],
    "properties": {
        "TepDinhKemId": {"type": "string"}, "TenTepDinhKem": {"type": "string"},
        "MaThanhPhanHoSo": {"type": "string"}, "TenThanhPhanHoSo": {"type": "string"},
        "LoaiTep": {"type": "string"}, "KichThuoc": {"type": "integer"},
        "MaKiemTraSHA256": {"type": "string"}, "NoiDungTep": {"type": "string", "format": "byte"},
        "DuongDanTaiTepTin": {"type": "string"}, "IsDeleted": {"type": "boolean"},
        "DuocSoHoa": {"type": "boolean"}, "DuocTaiSuDung": {"type": "boolean"}, "DuocLayTuKhoDMQG": {"type": "boolean"},
    },
}
_PAYLOAD_SCHEMA = {
    "type": "object",
    "required": list(contract.REQUIRED),
    "properties": {
        "MaHoSo": {"type": "string", "maxLength": 60}, "MaTTHC": {"type": "string"},
        "MaTruongHop": {"type": "string"}, "MaDonVi": {"type": "string"}, "DonViXuLy": {"type": "string"},
        "KenhThucHien": {"type": "integer", "enum": [2]}, "NgayNopHoSo": {"type": "string", "pattern": r"^\d{14}$"},
        "TrichYeuHoSo": {"type": "string"}, "ChuHoSo": {"type": "string"},
        "LoaiDoiTuong": {"type": "integer", "minimum": 1, "maximum": 4}, "MaDoiTuong": {"type": "string"},
        "DinhDanhCHS": {"type": "array", "items": {"type": "object", "properties": {
            "LoaiDinhDanh": {"type": "integer"}, "SoDinhDanh": {"type": "string"}}}},
        "SoDienThoai": {"type": "string"}, "Email": {"type": "string"}, "DiaChi": {"type": "string"},
        "TenToChuc": {"type": "string"}, "NguoiDuocUyQuyen": {"type": "string"},
        "TaiKhoanDuocXacThucVoiVNeID": {"type": "boolean"},
        "TaiLieuNop": {"type": "array", "items": _FILE_SCHEMA},
        "DanhSachTepDinhKemKhac": {"type": "array", "items": _FILE_SCHEMA},
    },
}


def _read_body(request: HttpRequest, limit: int) -> bytes:
    """The raw body (the signature covers its exact bytes), refused past ``limit`` before it is read."""
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    too_large = TooLarge(f"Nội dung gửi lên lớn quá {contract.human_size(limit)}.", code="body_too_large",
                         details={"limit": limit})
    if declared > limit:
        raise too_large
    # Read from the stream: request.body would stop at DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB) with a 400.
    body = request._body if hasattr(request, "_body") else request.read(limit + 1)  # noqa: SLF001
    if len(body) > limit:
        raise too_large
    return body


@router.post(
    "/portal/dossiers", auth=None, url_name="portal_dossier_push",
    response={200: PortalAckOut, 400: PortalPushErrorOut, 401: PortalPushErrorOut, 404: PortalPushErrorOut, 409: PortalPushErrorOut,
              413: PortalPushErrorOut, 422: PortalPushErrorOut, 503: PortalPushErrorOut},
    summary="Cổng DVCQG đẩy một hồ sơ trực tuyến",
    openapi_extra={"requestBody": {"required": True, "content": {"application/json": {"schema": _PAYLOAD_SCHEMA}}}},
)
def portal_dossier_push(request: HttpRequest):
    """The national portal pushes one online dossier, signed with the shared secret.

    Headers: ``X-DVCQG-Timestamp`` (Unix seconds) and ``X-DVCQG-Signature: sha256=<hex>``, the
    HMAC-SHA256 of ``timestamp + "." + body``. Accepted: 200 with our dossier code, state 1 (Mới đăng
    ký); a repeat of the same push gets the same answer. Refused: the error code and a Vietnamese message.
    """
    body = b""
    remote = request.META.get("REMOTE_ADDR", "")
    try:
        body = _read_body(request, services.max_body_bytes())
        signature = request.headers.get(contract.SIGNATURE_HEADER)
        timestamp = request.headers.get(contract.TIMESTAMP_HEADER)
        contract.check_headers(signature, timestamp)
        secret = services.shared_secret()
        signed_at = contract.verify(secret, signature or "", timestamp or "", body, now=timezone.now(),
                                    tolerance=services.tolerance_seconds())
        receipt = services.inbound_dossier_receive(actor=services.PORTAL_ACTOR, body=body, signed_at=signed_at,
                                                   remote_addr=remote)
    except DomainError as exc:
        # The portal's code is echoed only from a body whose signature was checked.
        trusted = not isinstance(exc, contract.MalformedJson | contract.Unauthenticated | contract.NotConfigured) \
            and exc.code != "body_too_large"
        portal_code = _code_of(body) if trusted else ""
        logger.warning("DVCQG push refused: %s (%s) MaHoSo=%r from %s", exc.code, exc.message, portal_code, remote)
        return JsonResponse(contract.rejection(exc, portal_code), status=exc.status,
                            json_dumps_params={"ensure_ascii": False})
    response = HttpResponse(receipt.ack.encode("utf-8"), status=200, content_type="application/json")
    if receipt.repeat:
        response["X-Idempotent-Replay"] = "true"
    return response


def _code_of(body: bytes) -> str:
    try:
        return contract.portal_code_of(contract.parse_json(body))
    except DomainError:
        return ""
