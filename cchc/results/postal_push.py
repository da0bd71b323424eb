"""Authentication of the postal operator's status pushes: HMAC-SHA256 over timestamp and body (pure + settings).

Our contract (the operator's real API is not public): headers ``X-Postal-Timestamp`` (Unix seconds)
and ``X-Postal-Signature: sha256=<lowercase hex>`` of HMAC-SHA256(key = ``CCHC_RESULTS_POSTAL_SECRET``,
message = timestamp + "." + raw body). Pushes older or newer than five minutes are refused, so a
captured push cannot be replayed later; within the window a replay changes nothing (same status).
"""

from __future__ import annotations

import hashlib
import hmac
import time

from cchc.common.errors import DomainError
from cchc.results.signing import setting

WINDOW_SECONDS = 300


class Unauthorised(DomainError):
    status = 401
    default_code = "bad_signature"


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """The signature header value for ``body`` at ``timestamp``."""
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"sha256={mac}"


def check_signature(body: bytes, timestamp: str, signature: str, *, now: float | None = None) -> None:
    """Raise :class:`Unauthorised` unless the push is signed with the shared secret and recent."""
    secret = setting("CCHC_RESULTS_POSTAL_SECRET", "") or ""
    if not secret:
        raise Unauthorised("Chưa cấu hình khoá bí mật cho đơn vị bưu chính.", code="postal_push_disabled")
    try:
        ts = int(timestamp)
    except (TypeError, ValueError):
        raise Unauthorised("Thiếu hoặc sai X-Postal-Timestamp.") from None
    if abs((now if now is not None else time.time()) - ts) > WINDOW_SECONDS:
        raise Unauthorised("Yêu cầu đã quá hạn (lệch thời gian quá 5 phút).", code="stale_request")
    if not hmac.compare_digest(sign(secret, timestamp, body).encode(), (signature or "").encode()):
        raise Unauthorised("Chữ ký HMAC không đúng.")
