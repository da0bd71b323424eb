"""Pure rules of the payment-gateway contract (no ORM, no Django): signatures, the callback's fields,
timestamps and the amount in Vietnamese words printed on a receipt.

The contract itself is written down in docs/payment-gateway.md.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
SUCCESS = "00"  # MaLoi of a successful operation (spec §3.8: ma_loi "00" = success)
SIGNATURE_HEADER = "X-Signature"  # "sha256=<hex>" of the raw body
STAMP = "%Y%m%d%H%M%S"  # spec §7.2: yyyyMMddHHmmss in Asia/Ho_Chi_Minh

_REF = re.compile(r"^[A-Z0-9]{6,40}$")
_TX = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
_CODE = re.compile(r"^[A-Za-z0-9._-]{1,60}$")
_ERR = re.compile(r"^[A-Za-z0-9]{1,10}$")
_STAMP_RE = re.compile(r"^\d{14}$")


def sign(secret: str, body: bytes) -> str:
    """The signature header value of ``body``: ``sha256=`` + hex HMAC-SHA256 with the shared secret."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify(secret: str, body: bytes, header: str | None) -> bool:
    """Whether ``header`` is the signature of ``body``; compared in constant time. An empty secret never verifies."""
    if not secret or not header or len(header) > 200:
        return False
    expected = sign(secret, body)
    return hmac.compare_digest(expected.encode(), header.strip().encode("utf-8", "replace"))


def stamp(value: datetime) -> str:
    """A timestamp in the platform's format (local time of Việt Nam)."""
    return value.astimezone(TZ).strftime(STAMP)


def parse_stamp(value: str) -> datetime:
    """Read ``yyyyMMddHHmmss`` (Việt Nam time) into an aware datetime; ValueError if it is not one."""
    if not isinstance(value, str) or not _STAMP_RE.match(value):
        raise ValueError("thời gian phải có dạng yyyyMMddHHmmss")
    return datetime.strptime(value, STAMP).replace(tzinfo=TZ)


@dataclass(frozen=True)
class CallbackData:
    reference: str  # MaThamChieu: our payment request's reference
    transaction: str  # MaGiaoDich: the platform's transaction code
    dossier_code: str  # MaHoSo
    amount: int  # SoTien, VND
    error_code: str  # MaLoi: "00" success, anything else a failure
    message: str  # MoTaLoi
    paid_at: datetime | None  # ThoiGianGD
    bank: str  # MaNganHang
    channel: str  # MaKenhThanhToan

    @property
    def succeeded(self) -> bool:
        return self.error_code == SUCCESS


class BadPayload(ValueError):
    """The payload does not have the documented shape; the message says which field, in Vietnamese."""


def _text(data: dict, key: str, pattern: re.Pattern[str] | None = None, *, required: bool = True,
          max_len: int = 255) -> str:
    value = data.get(key, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise BadPayload(f"Trường {key} phải là chuỗi ký tự.")
    if required and not value:
        raise BadPayload(f"Thiếu trường {key}.")
    if len(value) > max_len or "\x00" in value:
        raise BadPayload(f"Trường {key} không hợp lệ.")
    if value and pattern is not None and not pattern.match(value):
        raise BadPayload(f"Trường {key} không đúng định dạng.")
    return value


def parse_callback(data: object) -> CallbackData:
    """Check the fields of a callback body (already a JSON value) and return them; raises BadPayload."""
    if not isinstance(data, dict):
        raise BadPayload("Nội dung phải là một đối tượng JSON.")
    amount = data.get("SoTien")
    if isinstance(amount, bool) or not isinstance(amount, int) or not 0 < amount <= 10**12:
        raise BadPayload("Trường SoTien phải là số nguyên dương (đồng).")
    when = _text(data, "ThoiGianGD", required=False, max_len=14)
    try:
        paid_at = parse_stamp(when) if when else None
    except ValueError:
        raise BadPayload("Trường ThoiGianGD phải có dạng yyyyMMddHHmmss.") from None
    return CallbackData(
        reference=_text(data, "MaThamChieu", _REF, max_len=40),
        transaction=_text(data, "MaGiaoDich", _TX, max_len=64),
        dossier_code=_text(data, "MaHoSo", _CODE, max_len=60),
        amount=amount,
        error_code=_text(data, "MaLoi", _ERR, max_len=10),
        message=_text(data, "MoTaLoi", required=False, max_len=500),
        paid_at=paid_at,
        bank=_text(data, "MaNganHang", _TX, required=False, max_len=64),
        channel=_text(data, "MaKenhThanhToan", _TX, required=False, max_len=64),
    )


# --- the amount in words (số tiền bằng chữ) --------------------------------------------------

_DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
_GROUPS = ["", " nghìn", " triệu", " tỷ", " nghìn tỷ", " triệu tỷ"]


def _three(n: int, full: bool) -> str:
    """Words for 0 < n < 1000; ``full``: a group after a higher one ("không trăm linh năm")."""
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or full:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and (hundreds or full):
            words.append("linh")
    elif tens == 1:
        words.append("mười")
    else:
        words += [_DIGITS[tens], "mươi"]
    if units:
        if units == 1 and tens >= 2:
            words.append("mốt")
        elif units == 5 and tens >= 1:
            words.append("lăm")
        elif units == 4 and tens >= 2:
            words.append("tư")
        else:
            words.append(_DIGITS[units])
    return " ".join(words)


def amount_in_words(amount: int) -> str:
    """``150000`` → ``"Một trăm năm mươi nghìn đồng"``: the amount in words as receipts print it."""
    if amount < 0:
        raise ValueError("amount must not be negative")
    if amount == 0:
        return "Không đồng"
    groups: list[int] = []
    while amount:
        amount, g = divmod(amount, 1000)
        groups.append(g)
    if len(groups) > len(_GROUPS):
        raise ValueError("amount too large")
    parts: list[str] = []
    top = len(groups) - 1
    for i in range(top, -1, -1):
        g = groups[i]
        if g == 0:
            continue
        parts.append(_three(g, full=i < top) + _GROUPS[i])
    text = " ".join(parts)
    return text[0].upper() + text[1:] + " đồng"
