"""Fees paid at the counter: a clerk confirms, a receipt is issued, processing resumes (T15 as the clerk)."""

from __future__ import annotations

import pytest

from cchc.common.errors import Conflict, PermissionDenied, ValidationFailed
from cchc.dossiers import services as dossier_services
from cchc.dossiers.lifecycle import State
from cchc.dossiers.models import Dossier
from cchc.dossiers.testing import intake_data
from cchc.payments import services
from cchc.payments.models import FeeLine, PaymentRequest, Receipt


def test_a_clerk_confirms_cash_with_a_receipt_and_the_dossier_resumes(processing, staff):
    req = services.payment_request_create(actor=staff["specialist"], dossier=processing, method="tien-mat")
    d = Dossier.objects.get(pk=processing.pk)
    receipt = services.payment_cash_confirm(actor=staff["reception"], dossier=d)
    assert receipt.request_id == req.pk and receipt.method == "tien-mat" and receipt.amount == 205000
    assert receipt.collector_name == staff["reception"].display_name()
    assert [ln["amount"] for ln in receipt.lines] == [200000, 5000]
    req.refresh_from_db()
    assert req.status == "paid" and req.collector == staff["reception"] and req.gateway_transaction == ""
    d.refresh_from_db()
    assert d.state == State.IN_PROCESS and d.fee_paid and d.paid_online == ""
    entry = d.log.order_by("-seq").first()
    assert entry.action == "confirm_payment" and entry.actor_id == staff["reception"].pk


def test_receipts_are_numbered_in_sequence_within_a_series(processing, staff, received, cat):
    services.payment_request_create(actor=staff["specialist"], dossier=processing, method="tien-mat")
    first = services.payment_cash_confirm(actor=staff["reception"], dossier=Dossier.objects.get(pk=processing.pk))
    d2 = dossier_services.dossier_receive(actor=staff["reception"], data=intake_data(cat, applicant_name="Lê Thị Cúc"))
    d2 = dossier_services.dossier_transfer(actor=staff["reception"], dossier=d2)
    services.payment_request_create(actor=staff["specialist"], dossier=d2, method="tien-mat")
    second = services.payment_cash_confirm(actor=staff["return"], dossier=Dossier.objects.get(pk=d2.pk))
    assert first.series == second.series and (first.number, second.number) == (1, 2)
    assert second.payer_name == "Lê Thị Cúc"


def test_cash_after_a_bare_payment_request_builds_the_request_from_the_catalogue(processing, staff):
    d = dossier_services.dossier_request_payment(actor=staff["specialist"], dossier=processing, amount=205000)
    receipt = services.payment_cash_confirm(actor=staff["reception"], dossier=d, method="chuyen-khoan")
    assert receipt.amount == 205000 and receipt.method == "chuyen-khoan"
    assert Dossier.objects.get(pk=d.pk).state == State.IN_PROCESS


def test_cash_with_no_catalogue_fee_uses_the_amount_the_dossier_asked_for(processing, staff):
    from cchc.procedures.models import Fee

    Fee.objects.all().delete()
    d = dossier_services.dossier_request_payment(actor=staff["specialist"], dossier=processing, amount=70000)
    receipt = services.payment_cash_confirm(actor=staff["reception"], dossier=d)
    assert receipt.amount == 70000 and FeeLine.objects.get().kind == "khac"


def test_cash_is_refused_when_the_dossier_is_not_awaiting_payment(processing, staff):
    with pytest.raises(Conflict) as exc:
        services.payment_cash_confirm(actor=staff["reception"], dossier=processing)
    assert exc.value.code == "not_awaiting_payment"
    assert not Receipt.objects.exists()


def test_a_clerk_of_another_agency_cannot_confirm_and_nothing_is_written(processing, staff):
    services.payment_request_create(actor=staff["specialist"], dossier=processing, method="tien-mat")
    d = Dossier.objects.get(pk=processing.pk)
    with pytest.raises(PermissionDenied):
        services.payment_cash_confirm(actor=staff["other_reception"], dossier=d)
    assert PaymentRequest.objects.get().status == "pending" and not Receipt.objects.exists()
    assert Dossier.objects.get(pk=d.pk).state == State.AWAITING_PAYMENT


def test_fees_collected_at_intake_get_a_receipt_and_the_dossier_stays_where_it_is(received, staff):
    seq = received.log_seq
    receipt = services.payment_cash_confirm(actor=staff["reception"], dossier=received)
    assert receipt.amount == 205000 and not receipt.request.moved_dossier
    d = Dossier.objects.get(pk=received.pk)
    assert d.state == State.RECEIVED and d.log_seq == seq
    # Later the specialist finds nothing left to ask for.
    d = dossier_services.dossier_transfer(actor=staff["reception"], dossier=d)
    with pytest.raises(ValidationFailed) as exc:
        services.payment_request_create(actor=staff["specialist"], dossier=d, method="tien-mat")
    assert exc.value.code == "no_fee_lines"


def test_only_the_receiving_clerk_collects_at_intake(received, staff):
    for who in ("specialist", "other_reception"):
        with pytest.raises(PermissionDenied):
            services.payment_cash_confirm(actor=staff[who], dossier=received)
    assert not Receipt.objects.exists() and not PaymentRequest.objects.exists()


def test_fees_collected_at_the_return_of_the_result_get_a_receipt(processing, staff):
    from cchc.procedures.models import Fee

    Fee.objects.filter(code="P01").update(collect="after")
    d = dossier_services.dossier_forward(actor=staff["specialist"], dossier=processing)
    d = dossier_services.dossier_forward(actor=staff["head"], dossier=d)
    d = dossier_services.dossier_issue_result(actor=staff["signer"], dossier=d, result_number="12/PLL")
    assert d.state == State.RESULT_READY
    with pytest.raises(PermissionDenied):
        services.payment_cash_confirm(actor=staff["specialist"], dossier=d)
    receipt = services.payment_cash_confirm(actor=staff["return"], dossier=d)
    assert receipt.amount == 205000 and Dossier.objects.get(pk=d.pk).state == State.RESULT_READY
    d = dossier_services.dossier_return_result(actor=staff["return"], dossier=Dossier.objects.get(pk=d.pk),
                                               fee_collected=True)
    assert d.state == State.RESULT_RETURNED
