"""Two deliveries of the same success at the same instant, on two real connections: one receipt, one move."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from cchc.dossiers.lifecycle import State
from cchc.dossiers.models import Dossier, ProcessLogEntry
from cchc.payments import services
from cchc.payments.models import PaymentRequest, Receipt

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_concurrent_identical_callbacks_settle_once(processing, staff, gateway):
    req = services.payment_request_create(actor=staff["specialist"], dossier=processing, method="truc-tuyen")
    services.payment_online_start(actor=staff["specialist"], request=req)
    body, sig = gateway.callback(req.reference, dossier_code=processing.code, amount=205000)
    results: list = [None, None]
    barrier = threading.Barrier(2)

    def run(i):
        try:
            barrier.wait()
            results[i] = services.payment_callback_handle(body=body, signature=sig).outcome
        except BaseException as exc:  # noqa: BLE001 - inspected below
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(map(str, results)) == ["duplicate", "paid"], results
    assert Receipt.objects.count() == 1
    assert PaymentRequest.objects.get(pk=req.pk).status == "paid"
    d = Dossier.objects.get(pk=processing.pk)
    assert d.state == State.IN_PROCESS
    assert ProcessLogEntry.objects.filter(dossier=d, action="confirm_payment").count() == 1
