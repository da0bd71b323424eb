"""Settings of the public pages, read with defaults so the app works before settings.py names them.

Each can be set in settings.py or, failing that, in the environment (same name):

- ``CCHC_PUBLIC_LOOKUP_RATE`` (default 30): lookups (and rating attempts) per client address per minute.
- ``CCHC_PUBLIC_CLIENT_IP_HEADER`` (default empty): a WSGI header such as ``HTTP_X_FORWARDED_FOR`` set by
  *our own* reverse proxy; the right-most address in it is the client. Empty: ``REMOTE_ADDR``.
- ``CCHC_NATIONAL_PORTAL_PROCEDURE_URL``: the national portal's page of a procedure, ``{code}`` replaced.
"""

from __future__ import annotations

import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEFAULT_PORTAL_URL = "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc={code}"


def _get(name: str, default: str) -> str:
    value = getattr(settings, name, None)
    if value is None:
        value = os.environ.get(name, default)
    return str(value)


def lookup_rate() -> int:
    """Lookups allowed per client address per minute (at least 1)."""
    raw = _get("CCHC_PUBLIC_LOOKUP_RATE", "30")
    try:
        value = int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"CCHC_PUBLIC_LOOKUP_RATE={raw!r} must be a whole number.") from exc
    if value < 1:
        raise ImproperlyConfigured("CCHC_PUBLIC_LOOKUP_RATE must be at least 1.")
    return value


def client_ip_header() -> str:
    return _get("CCHC_PUBLIC_CLIENT_IP_HEADER", "").strip()


def portal_procedure_url(code: str) -> str:
    """The national portal's page of procedure ``code``."""
    template = _get("CCHC_NATIONAL_PORTAL_PROCEDURE_URL", DEFAULT_PORTAL_URL)
    from urllib.parse import quote

    return template.replace("{code}", quote(code, safe=""))
