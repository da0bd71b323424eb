"""Fixtures: the approved 2020 plan of the plans tests, and a real SMTP server on a free local port."""

from __future__ import annotations

import email
import email.policy
import socket
import threading

import pytest
from django.apps import apps

# Until "cchc.notifications" is in INSTALLED_APPS these tests cannot import its models: skip them rather
# than break the whole suite's collection. Once the app is installed they run.
if not apps.is_installed("cchc.notifications"):
    collect_ignore_glob = ["test_*.py"]


@pytest.fixture
def approved(registry, people):
    from cchc.plans.services.generation import plan_version_approve
    from cchc.plans.tests.conftest import make_plan

    _plan, version = make_plan(registry)
    return plan_version_approve(actor=people["secretariat"], version=version)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Inbox:
    """What the SMTP server received: one entry per message (envelope recipients and the raw content)."""

    def __init__(self) -> None:
        self.messages: list[dict] = []
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        with self._lock:
            self.messages.append({"to": list(envelope.rcpt_tos),
                                  "content": envelope.original_content or envelope.content})
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[dict]:
        return [m for m in self.messages if address in m["to"]]

    def texts(self, address: str) -> list[tuple[str, str]]:
        """(subject, body) of each message to ``address``, decoded."""
        out = []
        for m in self.to(address):
            msg = email.message_from_bytes(m["content"], policy=email.policy.default)
            out.append((str(msg["subject"]).strip(), msg.get_content()))
        return out


@pytest.fixture
def smtp(settings):
    """A local aiosmtpd server; Django's SMTP backend pointed at it."""
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield inbox
    finally:
        controller.stop()
