"""Payments API (mounted under /api/v1): a dossier's fees, requests and receipts (staff, scoped by the
dossier's agency), creating requests, cash confirmation, and the payment platform's callback.

The callback takes no login: it is believed only when its HMAC-SHA256 signature verifies
(docs/payment-gateway.md); any other input gets a 4xx with the house error shape.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from cchc.api.auth import AUTH
from cchc.api.schemas import COMMON_ERRORS, WRITE_ERRORS, ErrorOut, StrictIn
from cchc.common.errors import TooLarge
from cchc.dossiers.selectors import dossier_get
from cchc.payments import rules, selectors, services
from cchc.payments.models import FeeLine, PaymentRequest, Receipt

router = Router(tags=["phí, lệ phí, thanh toán"])

READ = {**COMMON_ERRORS, 401: ErrorOut, 404: ErrorOut}
CODE = r"^[A-Za-z0-9._-]{1,60}$"


class PaymentFeeLineOut(Schema):
    id: int
    kind: str
    code: str
    description: str
    amount: int
    collect: str
    from_catalogue: bool
    paid: bool


class PaymentRequestOut(Schema):
    reference: str
    dossier: str
    amount: int
    amount_phi: int
    amount_le_phi: int
    method: str
    gateway: str
    status: str
    status_label: str
    moved_dossier: bool
    created_at: datetime
    expires_at: datetime
    paid_at: datetime | None
    redirect_url: str
    transaction_code: str
    gateway_message: str
    lines: list[int]
    receipt: str | None


class PaymentReceiptLineOut(Schema):
    description: str
    kind: str
    code: str = ""
    amount: int


class PaymentReceiptOut(Schema):
    label: str
    form_number: str
    series: str
    number: int
    dossier: str
    request: str
    issued_at: datetime
    method: str
    payer_name: str
    payer_id_number: str
    procedure_name: str
    collecting_agency: str
    lines: list[PaymentReceiptLineOut]
    amount: int
    amount_phi: int
    amount_le_phi: int
    amount_words: str
    transaction_code: str
    collector_name: str


class PaymentDossierOut(Schema):
    dossier: str
    state: str
    unpaid_total: int
    lines: list[PaymentFeeLineOut]
    requests: list[PaymentRequestOut]
    receipts: list[PaymentReceiptOut]


def _line(ln: FeeLine, paid: set[int]) -> dict[str, Any]:
    return {"id": ln.pk, "kind": ln.kind, "code": ln.code, "description": ln.description, "amount": int(ln.amount),
            "collect": ln.collect, "from_catalogue": ln.fee_id is not None, "paid": ln.pk in paid}


def _request(r: PaymentRequest, code: str) -> dict[str, Any]:
    receipt = Receipt.objects.filter(request=r).first() if r.status == PaymentRequest.Status.PAID else None
    return {
        "reference": r.reference, "dossier": code, "amount": int(r.amount), "amount_phi": int(r.amount_phi),
        "amount_le_phi": int(r.amount_le_phi), "method": r.method, "gateway": r.gateway, "status": r.status,
        "status_label": r.get_status_display(), "moved_dossier": r.moved_dossier, "created_at": r.created_at,
        "expires_at": r.expires_at, "paid_at": r.paid_at, "redirect_url": r.redirect_url,
        "transaction_code": r.gateway_transaction, "gateway_message": r.gateway_message,
        "lines": [ln.pk for ln in r.lines.all()], "receipt": receipt.label if receipt else None,
    }


def _receipt(b: Receipt) -> dict[str, Any]:
    return {
        "label": b.label, "form_number": b.form_number, "series": b.series, "number": b.number,
        "dossier": b.dossier.code, "request": b.request.reference, "issued_at": b.issued_at, "method": b.method,
        "payer_name": b.payer_name, "payer_id_number": b.payer_id_number, "procedure_name": b.procedure_name,
        "collecting_agency": b.collecting_agency, "lines": b.lines, "amount": int(b.amount),
        "amount_phi": int(b.amount_phi), "amount_le_phi": int(b.amount_le_phi), "amount_words": b.amount_words,
        "transaction_code": b.transaction_code, "collector_name": b.collector_name,
    }


class PaymentLineIn(StrictIn):
    description: str = Field(..., min_length=1, max_length=255, pattern=r"\S")
    amount: int = Field(..., ge=1, le=10**12, description="Số tiền (đồng).")
    kind: Literal["phi", "le_phi", "khac"] = "phi"
    note: str = Field("", max_length=500)


class PaymentRequestIn(StrictIn):
    method: Literal["truc-tuyen", "tien-mat", "chuyen-khoan"] = Field(
        "truc-tuyen", description="truc-tuyen: qua nền tảng thanh toán (trả về liên kết); tiền mặt, chuyển khoản: tại quầy.")
    lines: list[int] | None = Field(None, max_length=100, description="Mã các khoản; bỏ trống: mọi khoản chưa nộp.")
    note: str = Field("", max_length=2000)


class PaymentCashIn(StrictIn):
    method: Literal["tien-mat", "chuyen-khoan"] = "tien-mat"
    note: str = Field("", max_length=2000)


class PaymentCancelIn(StrictIn):
    reason: str = Field(..., min_length=1, max_length=500, pattern=r"\S")


class PaymentCallbackAck(Schema):
    MaLoi: str = Field(..., description="00: đã nhận.")
    MoTaLoi: str
    KetQua: str = Field(..., description="paid: ghi nhận thanh toán; failed: ghi nhận thất bại; duplicate: đã nhận trước đó.")
    SoBienLai: str | None = None


def _payments(request: HttpRequest, code: str) -> dict[str, Any]:
    d = dossier_get(user=request.user, code=code)
    p = selectors.dossier_payments(user=request.user, dossier=d)
    return {"dossier": d.code, "state": d.state, "unpaid_total": int(p.unpaid_total),
            "lines": [_line(ln, p.paid_line_ids) for ln in p.lines],
            "requests": [_request(r, d.code) for r in p.requests],
            "receipts": [_receipt(b) for b in p.receipts]}


@router.get("/payments/dossiers/{code}", auth=AUTH, response={200: PaymentDossierOut, **READ},
            summary="Phí, lệ phí, yêu cầu thanh toán và biên lai của hồ sơ")
def get_payments(request: HttpRequest, code: str):
    """Everything about a dossier's fees; another agency's dossier is not found."""
    return _payments(request, code)


@router.post("/payments/dossiers/{code}/lines/generate", auth=AUTH, response={200: list[PaymentFeeLineOut], **WRITE_ERRORS},
             summary="Lập danh sách phí, lệ phí theo danh mục")
def generate_lines(request: HttpRequest, code: str):
    """Copy the case's catalogue fees onto the dossier (idempotent)."""
    d = dossier_get(user=request.user, code=code)
    services.fee_lines_create_for(actor=request.user, dossier=d)
    return _payments(request, code)["lines"]


@router.post("/payments/dossiers/{code}/lines", auth=AUTH, response={201: PaymentFeeLineOut, **WRITE_ERRORS},
             summary="Thêm khoản phí do cán bộ xác định")
def add_line(request: HttpRequest, code: str, body: PaymentLineIn):
    """A fee the catalogue does not fix; it is due until paid."""
    d = dossier_get(user=request.user, code=code)
    line = services.fee_line_add(actor=request.user, dossier=d, description=body.description, amount=body.amount,
                                 kind=body.kind, note=body.note)
    return Status(201, _line(line, set()))


@router.post("/payments/dossiers/{code}/requests", auth=AUTH, response={201: PaymentRequestOut, **WRITE_ERRORS},
             summary="Tạo yêu cầu thanh toán (T14 nếu hồ sơ đang xử lý)")
def create_request(request: HttpRequest, code: str, body: PaymentRequestIn):
    """Create the request from the unpaid lines; online: registered with the platform, the link is returned
    (``redirect_url``; empty with ``gateway_message`` if the platform did not answer in time)."""
    d = dossier_get(user=request.user, code=code)
    req = services.payment_request_create(actor=request.user, dossier=d, method=body.method, note=body.note,
                                          line_ids=body.lines)
    if req.method == PaymentRequest.Method.ONLINE:
        req = services.payment_online_start(actor=request.user, request=req)
    return Status(201, _request(req, d.code))


@router.post("/payments/requests/{reference}/cancel", auth=AUTH, response={200: PaymentRequestOut, **WRITE_ERRORS},
             summary="Hủy yêu cầu thanh toán đang chờ")
def cancel_request(request: HttpRequest, reference: str, body: PaymentCancelIn):
    """Cancel a pending request with a reason; the dossier does not move."""
    req = selectors.payment_request_get(user=request.user, reference=reference)
    req = services.payment_request_cancel(actor=request.user, request=req, reason=body.reason)
    return _request(req, req.dossier.code)


@router.post("/payments/dossiers/{code}/cash", auth=AUTH, response={201: PaymentReceiptOut, **WRITE_ERRORS},
             summary="Xác nhận đã nộp tại quầy và lập biên lai (T15)")
def confirm_cash(request: HttpRequest, code: str, body: PaymentCashIn):
    """The clerk received the fees in cash (or saw the transfer): receipt issued, processing resumes."""
    d = dossier_get(user=request.user, code=code)
    receipt = services.payment_cash_confirm(actor=request.user, dossier=d, method=body.method, note=body.note)
    return Status(201, _receipt(receipt))


@router.get("/payments/receipts/{series}/{number}", auth=AUTH, response={200: PaymentReceiptOut, **READ},
            summary="Một biên lai điện tử")
def get_receipt(request: HttpRequest, series: str, number: int):
    """A receipt of a dossier the caller may read."""
    if not 0 < number < 2**31:
        from cchc.common.errors import NotFound

        raise NotFound("Không tìm thấy biên lai.", code="receipt_not_found")
    return _receipt(selectors.receipt_get(user=request.user, series=series[:20], number=number))


CALLBACK_BODY = {
    "required": True,
    "content": {"application/json": {"schema": {
        "type": "object",
        "required": ["MaThamChieu", "MaGiaoDich", "MaHoSo", "SoTien", "MaLoi"],
        "properties": {
            "MaThamChieu": {"type": "string", "description": "Mã tham chiếu của yêu cầu thanh toán."},
            "MaGiaoDich": {"type": "string", "description": "Mã giao dịch của nền tảng thanh toán."},
            "MaHoSo": {"type": "string"},
            "SoTien": {"type": "integer", "description": "Số tiền (đồng)."},
            "MaLoi": {"type": "string", "description": "00: thành công; mã khác: thất bại."},
            "MoTaLoi": {"type": "string"},
            "ThoiGianGD": {"type": "string", "description": "yyyyMMddHHmmss, giờ Việt Nam."},
            "MaNganHang": {"type": "string"},
            "MaKenhThanhToan": {"type": "string"},
        },
    }}},
}


@router.post("/payments/callback", auth=None, summary="Nền tảng thanh toán gửi kết quả giao dịch (callback)",
             response={200: PaymentCallbackAck, 400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut, 413: ErrorOut,
                       422: ErrorOut},
             openapi_extra={"requestBody": CALLBACK_BODY, "parameters": [{
                 "in": "header", "name": rules.SIGNATURE_HEADER, "required": True,
                 "schema": {"type": "string"}, "description": "sha256=<hex HMAC-SHA256 của nội dung với khóa chung>"}]})
def callback(request: HttpRequest):
    """Server-to-server result from the payment platform. Believed only with a valid signature; the reference,
    dossier code and amount must match. A repeat of the same transaction is acknowledged without effect."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > services.MAX_CALLBACK_BYTES:  # refuse before reading a huge body into memory
        raise TooLarge("Nội dung callback quá lớn.", code="too_large")
    result = services.payment_callback_handle(body=request.body, signature=request.headers.get(rules.SIGNATURE_HEADER),
                                              remote_addr=request.META.get("REMOTE_ADDR", ""))
    text = {"paid": "Đã ghi nhận thanh toán.", "failed": "Đã ghi nhận giao dịch không thành công.",
            "duplicate": "Giao dịch đã được ghi nhận trước đó."}[result.outcome]
    return {"MaLoi": rules.SUCCESS, "MoTaLoi": text, "KetQua": result.outcome,
            "SoBienLai": result.receipt.label if result.receipt else None}
