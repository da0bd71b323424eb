"""The adapter against a local stand-in of the national payment platform, and the callback endpoint.

A dossier moves only on a verified success: signature right, reference ours, dossier code and amount
matching. Duplicates are acknowledged without a second receipt or transition.
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from cchc.common.models import Event
from cchc.dossiers.lifecycle import State
from cchc.dossiers.models import Dossier, ProcessLogEntry
from cchc.payments import services
from cchc.payments.models import GatewayMessage, PaymentRequest, Receipt

URL = "/api/v1/payments/callback"


@pytest.fixture
def online(processing, staff, gateway):
    """An online request registered with the stand-in: the dossier awaits payment."""
    req = services.payment_request_create(actor=staff["specialist"], dossier=processing, method="truc-tuyen")
    return services.payment_online_start(actor=staff["specialist"], request=req)


def post_callback(client, body: bytes, signature: str | None):
    headers = {"X-Signature": signature} if signature is not None else {}
    return client.post(URL, data=body, content_type="application/json", headers=headers)


def snapshot(req):
    d = Dossier.objects.get(pk=req.dossier_id)
    r = PaymentRequest.objects.get(pk=req.pk)
    return (d.state, d.log_seq, d.fee_paid, r.status, r.gateway_transaction, Receipt.objects.count())


def test_the_platform_registers_the_payment_and_gives_the_citizen_a_link(online, gateway, processing):
    assert online.status == "pending" and online.redirect_url.startswith(gateway.url + "/thanh-toan?")
    path, sent = gateway.received[-1]
    assert path == "/thanh-toan/khoi-tao"
    assert sent["MaThamChieu"] == online.reference and sent["MaHoSo"] == processing.code
    assert sent["SoTien"] == 205000 and sent["MaDinhDanhDV"] == "TN.STP"
    assert sent["TaiKhoanThuHuong"] == "3751.0.1234567"
    assert [(f["LoaiPhiLePhi"], f["Gia"]) for f in sent["DanhSachLePhi"]] == [("le_phi", 200000), ("phi", 5000)]
    assert len(sent["ThoiHan"]) == 14 and sent["UrlCallback"].endswith("/api/v1/payments/callback")


def test_a_verified_success_marks_paid_issues_a_receipt_and_resumes_the_dossier(online, gateway, client, processing):
    body, sig = gateway.callback(online.reference, dossier_code=processing.code, amount=205000)
    resp = post_callback(client, body, sig)
    assert resp.status_code == 200, resp.content
    ack = resp.json()
    assert ack["MaLoi"] == "00" and ack["KetQua"] == "paid" and ack["SoBienLai"]
    req = PaymentRequest.objects.get(pk=online.pk)
    assert req.status == "paid" and req.gateway_transaction.startswith("GD") and req.bank_code == "VCB"
    receipt = Receipt.objects.get(request=req)
    assert receipt.label == ack["SoBienLai"] and receipt.amount == 205000 and receipt.number == 1
    assert receipt.amount_words == "Hai trăm linh năm nghìn đồng"
    assert receipt.payer_name == "Nguyễn Văn An" and receipt.collector_name == "Nền tảng thanh toán trực tuyến"
    d = Dossier.objects.get(pk=processing.pk)
    assert d.state == State.IN_PROCESS and d.fee_paid and d.paid_online == "1" and d.paused_since is None
    entry = ProcessLogEntry.objects.filter(dossier=d).order_by("-seq").first()
    assert entry.action == "confirm_payment" and entry.role == "system:thanhtoan"
    assert entry.actor_name == "Nền tảng thanh toán trực tuyến" and receipt.label in entry.note
    assert Event.objects.filter(verb="payment.paid", subject_id=req.reference, actor_name="system:thanhtoan").exists()


def test_a_duplicate_callback_is_acknowledged_without_a_second_receipt_or_transition(online, gateway, client,
                                                                                     processing):
    body, sig = gateway.callback(online.reference, dossier_code=processing.code, amount=205000)
    assert post_callback(client, body, sig).status_code == 200
    before = snapshot(online)
    again = post_callback(client, body, sig)
    assert again.status_code == 200 and again.json()["KetQua"] == "duplicate"
    assert again.json()["SoBienLai"] == Receipt.objects.get().label
    assert snapshot(online) == before and Receipt.objects.count() == 1
    assert Event.objects.filter(verb="payment.paid").count() == 1


def test_a_second_successful_transaction_for_a_paid_request_is_refused_for_review(online, gateway, client,
                                                                                  processing):
    body, sig = gateway.callback(online.reference, dossier_code=processing.code, amount=205000)
    post_callback(client, body, sig)
    before = snapshot(online)
    body2, sig2 = gateway.callback(online.reference, dossier_code=processing.code, amount=205000)
    resp = post_callback(client, body2, sig2)
    assert resp.status_code == 409 and resp.json()["error"]["code"] == "already_paid"
    assert "hoàn phí" in resp.json()["error"]["message"]
    assert snapshot(online) == before


def test_a_forged_signature_changes_nothing_and_is_logged(online, gateway, client, processing):
    before = snapshot(online)
    body, sig = gateway.callback(online.reference, dossier_code=processing.code, amount=205000, key="khoa-doan-mo")
    resp = post_callback(client, body, sig)
    assert resp.status_code == 401
    err = resp.json()["error"]
    assert err["code"] == "invalid_signature" and "Chữ ký" in err["message"]
    assert snapshot(online) == before
    logged = GatewayMessage.objects.get(kind="callback")
    assert logged.outcome == "invalid_signature" and online.reference in logged.body
    assert post_callback(client, body, None).status_code == 401


def test_a_replayed_callback_with_a_changed_body_fails_the_signature(online, gateway, client, processing):
    body, sig = gateway.callback(online.reference, dossier_code=processing.code, amount=205000, ok=False)
    changed = body.replace(b'"MaLoi": "24"', b'"MaLoi": "00"')
    assert changed != body
    before = snapshot(online)
    assert post_callback(client, changed, sig).status_code == 401
    assert snapshot(online) == before


def test_a_wrong_amount_is_refused_even_when_signed(online, gateway, client, processing):
    before = snapshot(online)
    body, sig = gateway.callback(online.reference, dossier_code=processing.code, amount=5000)
    resp = post_callback(client, body, sig)
    assert resp.status_code == 409
    assert resp.json()["error"]["code"] == "amount_mismatch" and "không khớp" in resp.json()["error"]["message"]
    assert snapshot(online) == before
    assert GatewayMessage.objects.filter(kind="callback", outcome="amount_mismatch").exists()


def test_an_unknown_reference_or_another_dossier_code_is_refused(online, gateway, client, processing):
    before = snapshot(online)
    body, sig = gateway.callback("TT000000UNKNOWN", dossier_code=processing.code, amount=205000)
    resp = post_callback(client, body, sig)
    assert resp.status_code == 404 and resp.json()["error"]["code"] == "unknown_reference"
    body, sig = gateway.callback(online.reference, dossier_code="H99-OTHER", amount=205000)
    resp = post_callback(client, body, sig)
    assert resp.status_code == 409 and resp.json()["error"]["code"] == "dossier_mismatch"
    assert snapshot(online) == before


@pytest.mark.parametrize("body", [b"", b"not json", b"[]", b"{}", b'{"SoTien": "a lot"}', b"\xff\xfe",
                                  b'{"a":' * 5000, json.dumps({"MaThamChieu": 1}).encode()])
def test_garbage_gets_a_4xx_and_never_a_500(online, gateway, client, body):
    from cchc.payments import rules

    before = snapshot(online)
    for sig in (None, "sha256=00", rules.sign(gateway.secret, body)):
        resp = post_callback(client, body, sig)
        assert 400 <= resp.status_code < 500, (body[:40], sig, resp.status_code)
        assert "error" in resp.json()
    assert snapshot(online) == before


def test_an_oversized_callback_is_refused(online, client):
    resp = post_callback(client, b"{" + b" " * (70 * 1024) + b"}", "sha256=00")
    assert resp.status_code == 413


def test_a_failed_payment_is_recorded_and_the_dossier_keeps_waiting(online, gateway, client, processing):
    body, sig = gateway.callback(online.reference, dossier_code=processing.code, amount=205000, ok=False)
    resp = post_callback(client, body, sig)
    assert resp.status_code == 200 and resp.json()["KetQua"] == "failed"
    req = PaymentRequest.objects.get(pk=online.pk)
    assert req.status == "failed" and req.gateway_error == "24"
    assert Dossier.objects.get(pk=processing.pk).state == State.AWAITING_PAYMENT
    assert not Receipt.objects.exists()
    assert post_callback(client, body, sig).json()["KetQua"] == "duplicate"


def test_a_success_after_a_failed_attempt_still_settles(online, gateway, client, processing):
    body, sig = gateway.callback(online.reference, dossier_code=processing.code, amount=205000, ok=False)
    post_callback(client, body, sig)
    body, sig = gateway.callback(online.reference, dossier_code=processing.code, amount=205000)
    assert post_callback(client, body, sig).json()["KetQua"] == "paid"
    assert Dossier.objects.get(pk=processing.pk).state == State.IN_PROCESS


def test_a_refusal_by_the_platform_marks_the_request_failed(processing, staff, gateway):
    gateway.mode = "refuse"
    req = services.payment_request_create(actor=staff["specialist"], dossier=processing, method="truc-tuyen")
    req = services.payment_online_start(actor=staff["specialist"], request=req)
    assert req.status == "failed" and req.gateway_error == "51" and "thụ hưởng" in req.gateway_message
    assert not req.redirect_url
    assert Dossier.objects.get(pk=processing.pk).state == State.AWAITING_PAYMENT


def test_an_answer_signed_with_another_key_is_not_believed(processing, staff, gateway):
    gateway.mode = "forge"
    req = services.payment_request_create(actor=staff["specialist"], dossier=processing, method="truc-tuyen")
    req = services.payment_online_start(actor=staff["specialist"], request=req)
    assert req.status == "pending" and not req.redirect_url and "Chữ ký" in req.gateway_message
    assert GatewayMessage.objects.get(kind="create").outcome == "signature"


def test_a_timeout_leaves_the_request_pending_and_reconciliation_settles_it_later(processing, staff, gateway):
    gateway.mode, gateway.delay = "slow", 1.5
    req = services.payment_request_create(actor=staff["specialist"], dossier=processing, method="truc-tuyen")
    req = services.payment_online_start(actor=staff["specialist"], request=req)
    assert req.status == "pending" and not req.redirect_url and "thời hạn" in req.gateway_message
    assert GatewayMessage.objects.get(kind="create").outcome == "timeout"
    # The platform did register it, and the citizen paid; the callback never came.
    gateway.mode = "ok"
    gateway.payments[req.reference] = {"request": {}, "status": "khoi-tao", "amount": 205000, "tx": ""}
    gateway.settle(req.reference)
    later = timezone.now() + timedelta(minutes=20)
    counts = services.payments_reconcile(now=later)
    assert counts["checked"] == 1 and counts["paid"] == 1
    req.refresh_from_db()
    assert req.status == "paid" and Receipt.objects.filter(request=req).exists()
    assert Dossier.objects.get(pk=processing.pk).state == State.IN_PROCESS
    # A second run finds nothing left to ask about.
    assert services.payments_reconcile(now=later + timedelta(minutes=5))["checked"] == 0


def test_reconciliation_skips_young_requests_and_marks_failures_and_expiries(online, gateway, staff):
    assert services.payments_reconcile()["checked"] == 0  # younger than 15 minutes
    gateway.settle(online.reference, ok=False)
    counts = services.payments_reconcile(now=timezone.now() + timedelta(minutes=20))
    assert counts["failed"] == 1 and PaymentRequest.objects.get(pk=online.pk).status == "failed"

    d = Dossier.objects.get(pk=online.dossier_id)
    second = services.payment_request_create(actor=staff["specialist"], dossier=d, method="truc-tuyen")
    services.payment_online_start(actor=staff["specialist"], request=second)
    counts = services.payments_reconcile(now=timezone.now() + timedelta(days=2))
    assert counts["expired"] == 1 and PaymentRequest.objects.get(pk=second.pk).status == "expired"
    assert Dossier.objects.get(pk=d.pk).state == State.AWAITING_PAYMENT


def test_reconciliation_does_not_settle_when_the_platform_reports_another_amount(online, gateway):
    gateway.settle(online.reference, amount=1000)
    counts = services.payments_reconcile(now=timezone.now() + timedelta(minutes=20))
    assert counts["mismatch"] == 1 and PaymentRequest.objects.get(pk=online.pk).status == "pending"


def test_reconciliation_survives_a_platform_that_is_down(online, gateway):
    gateway.mode = "down"
    counts = services.payments_reconcile(now=timezone.now() + timedelta(minutes=20))
    assert counts["errors"] == 1 and PaymentRequest.objects.get(pk=online.pk).status == "pending"


def test_the_reconcile_command_prints_its_counts(online, gateway):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("payments_reconcile", "--older-than", "0", stdout=out)
    assert "checked=1" in out.getvalue() and "pending=1" in out.getvalue()


def test_a_signed_body_that_is_not_json_is_a_bad_request_and_bad_fields_are_named(online, gateway, client):
    from cchc.payments import rules

    body = b"MaThamChieu=TT1&SoTien=1"
    resp = post_callback(client, body, rules.sign(gateway.secret, body))
    assert resp.status_code == 400 and resp.json()["error"]["code"] == "bad_request"
    body = json.dumps({"MaThamChieu": online.reference, "SoTien": -1}).encode()
    resp = post_callback(client, body, rules.sign(gateway.secret, body))
    assert resp.status_code == 422 and "SoTien" in resp.json()["error"]["message"]


def test_a_huge_declared_body_is_refused_before_it_is_read(online, client):
    resp = client.generic("POST", URL, b"{}", content_type="application/json", CONTENT_LENGTH="5000000",
                          HTTP_X_SIGNATURE="sha256=00")
    assert resp.status_code == 413 and resp.json()["error"]["code"] == "too_large"
