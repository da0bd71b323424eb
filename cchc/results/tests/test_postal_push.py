"""The postal operator's signed status push (a stand-in client speaking our documented contract)."""

from __future__ import annotations

import json
import time

import pytest
from django.utils import timezone

from cchc.common.models import Event
from cchc.results import services
from cchc.results.models import PostalReturn
from cchc.results.postal_push import sign
from cchc.results.tests.conftest import reload

URL = "/api/v1/results/postal/push"
SECRET = "bi-mat-buu-chinh"


@pytest.fixture
def sent(issued, staff, settings):
    settings.CCHC_RESULTS_POSTAL_SECRET = SECRET
    return services.result_return_postal(
        actor=staff["return"], dossier=reload(staff["return"], issued), recipient_name="Nguyễn Văn An",
        recipient_address="Thái Nguyên", recipient_phone="0912345678", postal_service="VNPost",
        tracking_number="EB100200300VN")


def push(client, body: dict, *, secret: str = SECRET, ts: int | None = None, tamper: bool = False):
    raw = json.dumps(body, default=str).encode()
    stamp = str(ts if ts is not None else int(time.time()))
    signature = sign(secret, stamp, raw)
    if tamper:
        raw = raw.replace(b"delivered", b"returned_to_sender")
    return client.post(URL, raw, content_type="application/json", headers={
        "X-Postal-Timestamp": stamp, "X-Postal-Signature": signature})


def _body(**over):
    body = {"service": "VNPost", "tracking_number": "eb 100 200 300 vn", "status": "delivered",
            "at": timezone.now().isoformat(), "note": "Phát thành công"}
    body.update(over)
    return body


def test_a_signed_push_records_the_delivery_once(client, sent):
    first = push(client, _body())
    assert first.status_code == 200 and first.json()["status"] == "delivered"
    again = push(client, _body())  # the operator retries: nothing changes
    assert again.status_code == 200 and PostalReturn.objects.get(pk=sent.pk).history.count() == 2
    event = Event.objects.get(verb="results.postal_status")
    assert event.actor_name == "system:postal" and event.data["to"] == "delivered"


def test_forged_stale_or_altered_pushes_change_nothing(client, sent):
    assert push(client, _body(), secret="sai").status_code == 401
    assert push(client, _body(), ts=int(time.time()) - 3600).json()["error"]["code"] == "stale_request"
    assert push(client, _body(), tamper=True).status_code == 401
    assert push(client, _body(tracking_number="EB999999999VN")).status_code == 404
    assert PostalReturn.objects.get(pk=sent.pk).status == "sent"


def test_pushes_are_refused_when_no_secret_is_configured(client, sent, settings):
    settings.CCHC_RESULTS_POSTAL_SECRET = ""
    resp = push(client, _body())
    assert resp.status_code == 401 and resp.json()["error"]["code"] == "postal_push_disabled"
