"""End to end over real HTTP: the stand-in platform calls our live server's callback endpoint."""

from __future__ import annotations

import pytest

from cchc.dossiers.lifecycle import State
from cchc.dossiers.models import Dossier
from cchc.payments import services
from cchc.payments.models import PaymentRequest, Receipt
from cchc.payments.tests.standin import deliver

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_platform_posts_the_result_over_http_and_a_repeat_is_harmless(live_server, processing, staff, gateway):
    req = services.payment_request_create(actor=staff["specialist"], dossier=processing, method="truc-tuyen")
    req = services.payment_online_start(actor=staff["specialist"], request=req)
    url = f"{live_server.url}/api/v1/payments/callback"
    body, sig = gateway.callback(req.reference, dossier_code=processing.code, amount=205000, key="sai-khoa")
    status, answer = deliver(url, body, sig)
    assert status == 401 and answer["error"]["code"] == "invalid_signature"
    assert PaymentRequest.objects.get(pk=req.pk).status == "pending"

    body, sig = gateway.callback(req.reference, dossier_code=processing.code, amount=205000)
    assert deliver(url, body, sig) == (200, {"MaLoi": "00", "MoTaLoi": "Đã ghi nhận thanh toán.", "KetQua": "paid",
                                             "SoBienLai": Receipt.objects.get().label})
    status, answer = deliver(url, body, sig)
    assert status == 200 and answer["KetQua"] == "duplicate"
    assert Receipt.objects.count() == 1
    assert Dossier.objects.get(pk=processing.pk).state == State.IN_PROCESS
