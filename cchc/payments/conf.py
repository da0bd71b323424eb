"""Settings of the payments app, read from Django settings with an environment fallback.

``cchc/settings.py`` does not declare them yet (another app owns it); each name is read from
settings first, then from the environment, then a default. Bad values fail loudly.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def _get(name: str, default: str) -> str:
    value = getattr(settings, name, None)
    if value is None:
        value = os.environ.get(name, default)
    return str(value)


def _int(name: str, default: int, *, minimum: int = 1) -> int:
    raw = _get(name, str(default)).strip()
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not an integer.") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name}={value} must be at least {minimum}.")
    return value


def _float(name: str, default: float) -> float:
    raw = _get(name, str(default)).strip()
    try:
        value = float(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a number.") from None
    if not 0 < value <= 120:
        raise ImproperlyConfigured(f"{name}={value} must be between 0 and 120 seconds.")
    return value


@dataclass(frozen=True)
class PaymentConf:
    gateway_url: str  # base URL of the national payment platform; empty: online payment is off
    secret: str  # shared HMAC secret (both directions)
    timeout: float  # seconds for each HTTP call to the platform
    expiry_minutes: int  # how long a payment link stays valid
    reconcile_after_minutes: int  # pending requests older than this are queried
    agency_code: str  # MaDinhDanhDV of the collecting unit
    beneficiary_account: str
    beneficiary_name: str
    beneficiary_bank: str
    paid_online_code: str  # what dossier_confirm_payment records: "1" national portal, "2" provincial
    receipt_form: str  # mẫu số biên lai
    receipt_series: str  # ký hiệu biên lai (prefix; the two-digit year is appended)
    site_url: str

    @property
    def online_enabled(self) -> bool:
        return bool(self.gateway_url and self.secret)


def conf() -> PaymentConf:
    """The current payment settings (read each call, so tests can override them)."""
    code = _get("CCHC_PAYMENT_PAID_ONLINE_CODE", "1")
    if code not in ("1", "2"):
        raise ImproperlyConfigured("CCHC_PAYMENT_PAID_ONLINE_CODE must be 1 (national portal) or 2 (provincial).")
    return PaymentConf(
        gateway_url=_get("CCHC_PAYMENT_GATEWAY_URL", "").rstrip("/"),
        secret=_get("CCHC_PAYMENT_SECRET", ""),
        timeout=_float("CCHC_PAYMENT_TIMEOUT", 10.0),
        expiry_minutes=_int("CCHC_PAYMENT_EXPIRY_MINUTES", 24 * 60),
        reconcile_after_minutes=_int("CCHC_PAYMENT_RECONCILE_AFTER_MINUTES", 15),
        agency_code=_get("CCHC_PAYMENT_AGENCY_CODE", "") or str(getattr(settings, "CCHC_HOME_AGENCY", "")),
        beneficiary_account=_get("CCHC_PAYMENT_BENEFICIARY_ACCOUNT", ""),
        beneficiary_name=_get("CCHC_PAYMENT_BENEFICIARY_NAME", ""),
        beneficiary_bank=_get("CCHC_PAYMENT_BENEFICIARY_BANK", ""),
        paid_online_code=code,
        receipt_form=_get("CCHC_RECEIPT_FORM", "01BLP0-001"),
        receipt_series=_get("CCHC_RECEIPT_SERIES", "TN"),
        site_url=_get("CCHC_SITE_URL", "").rstrip("/"),
    )
