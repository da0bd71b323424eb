"""The adapter to the national payment platform (nền tảng thanh toán trực tuyến, spec §7.4).

Two outbound calls, both JSON over HTTPS, signed with HMAC-SHA256 of the raw body in the
``X-Signature`` header, each with a timeout; the platform's answers are signed the same way and are
believed only when the signature verifies. The contract is in docs/payment-gateway.md; the
callback (inbound) is handled by cchc.payments.services.payment_callback_handle.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from cchc.payments import rules
from cchc.payments.conf import PaymentConf

CREATE_PATH = "/thanh-toan/khoi-tao"
QUERY_PATH = "/thanh-toan/tra-cuu"


class GatewayError(Exception):
    """The platform could not be asked or its answer cannot be believed; nothing is decided from it."""

    def __init__(self, message: str, *, kind: str = "error") -> None:
        super().__init__(message)
        self.kind = kind  # "timeout", "unreachable", "http", "signature", "malformed"


@dataclass(frozen=True)
class CreateResult:
    ok: bool
    error_code: str
    message: str
    redirect_url: str


@dataclass(frozen=True)
class QueryResult:
    status: str  # khoi-tao | thanh-cong | that-bai | khong-ton-tai
    transaction: str
    amount: int | None
    error_code: str
    paid_at_stamp: str
    bank: str
    raw: dict[str, Any]


def _post(cfg: PaymentConf, path: str, payload: dict[str, Any]) -> dict[str, Any]:
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    req = urllib.request.Request(cfg.gateway_url + path, data=body, method="POST", headers={
        "Content-Type": "application/json; charset=utf-8", rules.SIGNATURE_HEADER: rules.sign(cfg.secret, body)})
    try:
        with urllib.request.urlopen(req, timeout=cfg.timeout) as resp:  # noqa: S310 - configured https URL
            raw = resp.read(1_000_000)
            signature = resp.headers.get(rules.SIGNATURE_HEADER)
    except TimeoutError as exc:
        raise GatewayError("Nền tảng thanh toán không trả lời trong thời hạn.", kind="timeout") from exc
    except urllib.error.HTTPError as exc:
        raise GatewayError(f"Nền tảng thanh toán trả lỗi HTTP {exc.code}.", kind="http") from exc
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise GatewayError("Nền tảng thanh toán không trả lời trong thời hạn.", kind="timeout") from exc
        raise GatewayError("Không kết nối được nền tảng thanh toán.", kind="unreachable") from exc
    except OSError as exc:
        raise GatewayError("Không kết nối được nền tảng thanh toán.", kind="unreachable") from exc
    if not rules.verify(cfg.secret, raw, signature):
        raise GatewayError("Chữ ký trả lời của nền tảng thanh toán không hợp lệ.", kind="signature")
    try:
        data = json.loads(raw)
    except ValueError as exc:
        raise GatewayError("Trả lời của nền tảng thanh toán không đúng định dạng.", kind="malformed") from exc
    if not isinstance(data, dict):
        raise GatewayError("Trả lời của nền tảng thanh toán không đúng định dạng.", kind="malformed")
    return data


def create_payment(cfg: PaymentConf, payload: dict[str, Any]) -> CreateResult:
    """Register a payment (khởi tạo) and get the link the citizen pays at; raises GatewayError."""
    data = _post(cfg, CREATE_PATH, payload)
    code = str(data.get("MaLoi", ""))
    url = data.get("UrlThanhToan") or ""
    if code == rules.SUCCESS and not (isinstance(url, str) and url.startswith(("https://", "http://"))):
        raise GatewayError("Nền tảng thanh toán không trả về liên kết thanh toán.", kind="malformed")
    return CreateResult(ok=code == rules.SUCCESS, error_code=code[:10], message=str(data.get("MoTaLoi", ""))[:500],
                        redirect_url=url if code == rules.SUCCESS else "")


def query_status(cfg: PaymentConf, *, reference: str) -> QueryResult:
    """Ask the platform where a payment stands (for reconciliation); raises GatewayError."""
    data = _post(cfg, QUERY_PATH, {"MaThamChieu": reference, "MaDinhDanhDV": cfg.agency_code})
    status = data.get("TrangThai")
    if status not in ("khoi-tao", "thanh-cong", "that-bai", "khong-ton-tai"):
        raise GatewayError("Trạng thái giao dịch không xác định.", kind="malformed")
    amount = data.get("SoTien")
    if amount is not None and (isinstance(amount, bool) or not isinstance(amount, int)):
        raise GatewayError("Số tiền trong trả lời không hợp lệ.", kind="malformed")
    return QueryResult(status=status, transaction=str(data.get("MaGiaoDich") or "")[:64], amount=amount,
                       error_code=str(data.get("MaLoi", ""))[:10], paid_at_stamp=str(data.get("ThoiGianGD") or ""),
                       bank=str(data.get("MaNganHang") or "")[:64], raw=data)
