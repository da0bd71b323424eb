"""The SMS adapter (the logging stand-in and the HTTP gateway backend) and the dossier page's panel."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from cchc.conftest import PASSWORD
from cchc.dossiers import services
from cchc.notifications import sms
from cchc.notifications.models import DossierMessage
from cchc.notifications.tests.conftest import run_queued


def test_sms_texts_drop_diacritics_and_phones_are_normalised():
    assert sms.sms_text("Hồ sơ đã được tiếp nhận. Đề nghị") == "Ho so da duoc tiep nhan. De nghi"
    assert sms.normalise_phone("0912 345.678") == "0912345678"
    assert sms.normalise_phone("+84 912-345-678") == "+84912345678"
    assert sms.normalise_phone("không có") == "" and sms.normalise_phone("12") == ""


class Gateway(BaseHTTPRequestHandler):
    received: list = []
    status = 200

    def do_POST(self):  # noqa: N802 - http.server's hook name
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append({"auth": self.headers.get("Authorization"), "body": json.loads(body)})
        self.send_response(type(self).status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(json.dumps({"id": "msg-42"}).encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def gateway():
    Gateway.received, Gateway.status = [], 200
    server = HTTPServer(("127.0.0.1", 0), Gateway)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/sms", Gateway
    finally:
        server.shutdown()
        server.server_close()


def test_the_http_gateway_backend_posts_json_with_the_token(gateway):
    url, handler = gateway
    backend = sms.HttpSmsBackend(url=url, token="bi-mat", sender="TNCCHC")
    assert backend.send(to="0912345678", text="Ho so 1 da co ket qua") == "msg-42"
    assert handler.received == [{"auth": "Bearer bi-mat",
                                  "body": {"to": "0912345678", "text": "Ho so 1 da co ket qua", "sender": "TNCCHC"}}]
    handler.status = 503
    with pytest.raises(sms.SmsError, match="HTTP 503"):
        backend.send(to="0912345678", text="x")


def test_a_citizen_sms_goes_through_the_configured_gateway(gateway, settings, staff, make_intake,
                                                           django_capture_on_commit_callbacks):
    url, handler = gateway
    settings.CCHC_SMS_BACKEND = "cchc.notifications.sms.HttpSmsBackend"
    settings.CCHC_SMS_GATEWAY_URL = url
    with django_capture_on_commit_callbacks(execute=True):
        d = services.dossier_receive(actor=staff["reception"], data=make_intake())
    run_queued()
    assert len(handler.received) == 1 and handler.received[0]["body"]["to"] == "0912345678"
    assert d.code in handler.received[0]["body"]["text"]
    row = DossierMessage.objects.get(channel="sms")
    assert (row.status, row.provider_id) == ("sent", "msg-42")


def test_an_unreachable_gateway_is_a_failure_to_retry(settings, staff, make_intake, django_capture_on_commit_callbacks):
    settings.CCHC_SMS_BACKEND = "cchc.notifications.sms.HttpSmsBackend"
    settings.CCHC_SMS_GATEWAY_URL = "http://127.0.0.1:9/sms"
    with django_capture_on_commit_callbacks(execute=True):
        services.dossier_receive(actor=staff["reception"], data=make_intake())
    assert run_queued() == [{"sent": 0, "failed": 1, "skipped": 0}]
    row = DossierMessage.objects.get(channel="sms")
    assert row.status == "failed" and "cổng SMS" in row.last_error


def test_the_dossier_page_panel_lists_what_the_citizen_was_sent(client, staff, make_intake, sms_outbox,
                                                                django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        d = services.dossier_receive(actor=staff["reception"], data=make_intake())
    run_queued()
    assert client.login(username=staff["reception"].username, password=PASSWORD)
    page = client.get(f"/dossiers/{d.code}/").content.decode()
    assert f"/notifications/dossier/{d.code}/messages/" in page
    panel = client.get(f"/notifications/dossier/{d.code}/messages/")
    html = panel.content.decode()
    assert panel.status_code == 200 and "0912345678" in html and "Đã gửi" in html and '<th scope="col">' in html
    # Another agency's officer cannot read it.
    client.logout()
    assert client.login(username=staff["other_reception"].username, password=PASSWORD)
    assert client.get(f"/notifications/dossier/{d.code}/messages/").status_code == 404
