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


# --- dossiers: the pattern of cchc/dossiers/tests/conftest.py ------------------------------------

@pytest.fixture
def cat(registry):
    from cchc.dossiers.testing import make_catalogue

    return make_catalogue(registry["stp"], province=registry["tn"])


@pytest.fixture
def staff(cat, registry):
    """One-stop and Sở Tư pháp staff (and Sở Nội vụ's, the other agency), each with an e-mail address."""
    from cchc.accounts.services import user_create
    from cchc.dossiers.testing import PASSWORD, make_staff

    people = make_staff(cat, registry["stp"], registry["snv"])
    # Sở Nội vụ's division head and signer: never reminded about Sở Tư pháp's dossiers.
    people["other_head"] = user_create(actor=None, username="truongphong.snv", password=PASSWORD,
                                       full_name="Truong Phong Snv", agency=registry["snv"], roles=["division_head"])
    people["other_signer"] = user_create(actor=None, username="giamdoc.snv", password=PASSWORD,
                                         full_name="Giam Doc Snv", agency=registry["snv"], roles=["signer"])
    for user in people.values():
        user.email = f"{user.username}@example.org"
        user.save(update_fields=["email"])
    return people


@pytest.fixture
def make_intake(cat):
    from cchc.dossiers.testing import intake_data

    def make(**overrides):
        return intake_data(cat, **overrides)

    return make


@pytest.fixture(autouse=True)
def _notify_on_commit(settings):
    """These tests follow the immediate path (enqueue after commit); the default minute job has its own test."""
    settings.CCHC_NOTIFY_ON_COMMIT = True


@pytest.fixture(autouse=True)
def _fresh_calendars():
    """The dossier services keep calendars a few seconds per process; a test must not see another test's."""
    from cchc.dossiers.services import _core

    _core._CALENDARS.clear()
    yield
    _core._CALENDARS.clear()


@pytest.fixture
def sms_outbox():
    from cchc.notifications import sms

    sms.outbox.clear()
    yield sms.outbox
    sms.outbox.clear()


def run_queued(task_path: str = "cchc.notifications.tasks.send_dossier_event") -> list:
    """Run the queued django-tasks rows of ``task_path`` as the db_worker would; their return values."""
    from django_tasks_db.models import DBTaskResult

    out = []
    for row in DBTaskResult.objects.filter(task_path=task_path, status="READY").order_by("enqueued_at"):
        row.claim("test-worker")
        value = row.task.call(*row.args_kwargs["args"], **row.args_kwargs["kwargs"])
        row.set_successful(value)
        out.append(value)
    return out
