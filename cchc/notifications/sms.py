"""The SMS adapter: one interface, a backend chosen by the ``CCHC_SMS_BACKEND`` setting.

- ``cchc.notifications.sms.LoggingSmsBackend`` (the default; tests and development): sends
  nothing, writes each message to the log and keeps it in :data:`outbox`.
- ``cchc.notifications.sms.HttpSmsBackend``: a generic HTTP gateway (brand-name SMS providers
  expose one): ``POST CCHC_SMS_GATEWAY_URL`` with the JSON body ``{"to": "0912345678", "text": "…",
  "sender": CCHC_SMS_SENDER}`` and, when ``CCHC_SMS_GATEWAY_TOKEN`` is set, the header
  ``Authorization: Bearer <token>``. Any 2xx answer is a success; a JSON answer's ``"id"`` (or
  ``"message_id"``) is kept as the provider's message id. Anything else raises :class:`SmsError`.

A backend is any class with ``send(*, to: str, text: str) -> str`` (the provider's message id, or "")
that raises on failure. Texts are sent without diacritics (:func:`sms_text`): brand-name SMS in
Vietnam is usually sent in plain Latin letters, and it keeps a message within fewer segments.
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
import urllib.error
import urllib.request
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

log = logging.getLogger("cchc.notifications.sms")

DEFAULT_BACKEND = "cchc.notifications.sms.LoggingSmsBackend"

# What the logging stand-in "sent", for tests and the development console: (to, text) pairs.
outbox: list[tuple[str, str]] = []


class SmsError(Exception):
    """The gateway refused the message or could not be reached."""


class SmsBackend(Protocol):
    def send(self, *, to: str, text: str) -> str: ...


class LoggingSmsBackend:
    """Sends nothing: logs the message and appends it to :data:`outbox`."""

    def send(self, *, to: str, text: str) -> str:
        outbox.append((to, text))
        log.info("SMS to %s: %s", to, text)
        return f"log-{len(outbox)}"


class HttpSmsBackend:
    """A JSON-over-HTTP SMS gateway (see the module docstring for the contract)."""

    def __init__(self, url: str | None = None, token: str | None = None, sender: str | None = None,
                 timeout: float | None = None) -> None:
        self.url = url or getattr(settings, "CCHC_SMS_GATEWAY_URL", "")
        self.token = token if token is not None else getattr(settings, "CCHC_SMS_GATEWAY_TOKEN", "")
        self.sender = sender if sender is not None else getattr(settings, "CCHC_SMS_SENDER", "")
        self.timeout = timeout or float(getattr(settings, "CCHC_SMS_GATEWAY_TIMEOUT", 10))

    def send(self, *, to: str, text: str) -> str:
        if not self.url:
            raise SmsError("Chưa cấu hình địa chỉ cổng SMS (CCHC_SMS_GATEWAY_URL).")
        body = json.dumps({"to": to, "text": text, "sender": self.sender}).encode()
        request = urllib.request.Request(self.url, data=body, method="POST",
                                         headers={"Content-Type": "application/json"})
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 - configured URL
                raw = response.read()
        except urllib.error.HTTPError as exc:
            raise SmsError(f"Cổng SMS trả lỗi HTTP {exc.code}.") from exc
        except (urllib.error.URLError, OSError) as exc:
            raise SmsError(f"Không kết nối được cổng SMS: {exc}") from exc
        try:
            answer = json.loads(raw or b"{}")
        except ValueError:
            return ""
        return str(answer.get("id") or answer.get("message_id") or "") if isinstance(answer, dict) else ""


def get_backend() -> SmsBackend:
    """The configured backend (a new instance each call: settings may change between calls)."""
    return import_string(getattr(settings, "CCHC_SMS_BACKEND", DEFAULT_BACKEND))()


# đ/Đ are letters of their own, not d + a combining mark: NFD does not split them.
_FOLD = str.maketrans({"đ": "d", "Đ": "D"})
_PHONE_JUNK = re.compile(r"[\s.\-()]")


def normalise_phone(phone: str) -> str:
    """Digits (and a leading +) only: "0912 345 678" → "0912345678"; "" when nothing usable is left."""
    value = _PHONE_JUNK.sub("", phone or "")
    return value if re.fullmatch(r"\+?\d{8,15}", value) else ""


def sms_text(text: str) -> str:
    """The text without diacritics ("Hồ sơ" → "Ho so"), case kept."""
    decomposed = unicodedata.normalize("NFD", text.translate(_FOLD))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
