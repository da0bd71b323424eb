"""Fee lines from the catalogue and payment requests: T14 in the same transaction, all or nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cchc.common.errors import Conflict, PermissionDenied, ValidationFailed
from cchc.common.models import Event
from cchc.dossiers import services as dossier_services
from cchc.dossiers.lifecycle import State
from cchc.dossiers.models import Dossier
from cchc.payments import services
from cchc.payments.models import FeeLine, PaymentRequest


def test_fee_lines_are_copied_from_the_case_once_without_exempt_or_unpriced_fees(processing, staff):
    lines = services.fee_lines_create_for(actor=staff["specialist"], dossier=processing)
    assert [(ln.kind, int(ln.amount)) for ln in lines] == [("le_phi", 200000), ("phi", 5000)]
    again = services.fee_lines_create_for(actor=staff["specialist"], dossier=processing)
    assert [ln.pk for ln in again] == [ln.pk for ln in lines]
    assert Event.objects.filter(verb="payment.fee_lines", subject_id=processing.code).count() == 1


def test_staff_of_another_agency_cannot_touch_the_fees(processing, staff):
    with pytest.raises(PermissionDenied) as exc:
        services.fee_lines_create_for(actor=staff["other_specialist"], dossier=processing)
    assert exc.value.code == "not_your_agency"
    assert not FeeLine.objects.exists()


def test_a_specialist_adds_a_fee_the_catalogue_does_not_fix(processing, staff):
    line = services.fee_line_add(actor=staff["specialist"], dossier=processing, description="Phí sao lục 3 trang",
                                 amount=15000, kind="phi")
    assert line.added_by == staff["specialist"] and line.fee_id is None and line.amount == 15000
    for bad in (0, -5, "abc", "1.5", 10**13):
        with pytest.raises(ValidationFailed, match="Số tiền"):
            services.fee_line_add(actor=staff["specialist"], dossier=processing, description="x", amount=bad)
    with pytest.raises(ValidationFailed):
        services.fee_line_add(actor=staff["specialist"], dossier=processing, description="  ", amount=1)
    assert FeeLine.objects.count() == 1


def test_a_cash_request_moves_the_dossier_to_awaiting_payment_in_the_same_transaction(processing, staff):
    req = services.payment_request_create(actor=staff["specialist"], dossier=processing, method="tien-mat")
    assert req.status == "pending" and req.moved_dossier
    assert req.amount == Decimal(205000) and req.amount_le_phi == 200000 and req.amount_phi == 5000
    assert req.lines.count() == 2 and req.reference.startswith("TT")
    d = Dossier.objects.get(pk=processing.pk)
    assert d.state == State.AWAITING_PAYMENT and d.fee_amount == 205000 and d.paused_since is not None
    assert d.log.order_by("-seq").first().action == "request_payment"
    assert Event.objects.filter(verb="payment.request", subject_id=req.reference).exists()


def test_online_payment_needs_a_configured_platform(processing, staff):
    with pytest.raises(Conflict) as exc:
        services.payment_request_create(actor=staff["specialist"], dossier=processing, method="truc-tuyen")
    assert exc.value.code == "gateway_not_configured"
    assert Dossier.objects.get(pk=processing.pk).state == State.IN_PROCESS


def test_a_request_refused_by_the_dossier_leaves_nothing_behind(processing, staff):
    # The clerk may not request payment (T14 is the competent agency's): no lines, no request, no move.
    with pytest.raises(PermissionDenied):
        services.payment_request_create(actor=staff["reception"], dossier=processing, method="tien-mat")
    assert not PaymentRequest.objects.exists() and not FeeLine.objects.exists()
    assert Dossier.objects.get(pk=processing.pk).state == State.IN_PROCESS


def test_a_request_is_refused_before_the_dossier_is_being_processed(received, staff):
    with pytest.raises(Conflict) as exc:
        services.payment_request_create(actor=staff["specialist"], dossier=received, method="tien-mat")
    assert exc.value.code == "payment_not_allowed" and "Đã tiếp nhận" in exc.value.message


def test_a_dossier_has_at_most_one_pending_request(processing, staff):
    services.payment_request_create(actor=staff["specialist"], dossier=processing, method="tien-mat")
    d = Dossier.objects.get(pk=processing.pk)
    with pytest.raises(Conflict) as exc:
        services.payment_request_create(actor=staff["specialist"], dossier=d, method="tien-mat")
    assert exc.value.code == "payment_pending"
    assert PaymentRequest.objects.count() == 1


def test_a_request_without_anything_due_is_refused(processing, staff):
    from cchc.procedures.models import Fee

    Fee.objects.all().delete()
    with pytest.raises(ValidationFailed) as exc:
        services.payment_request_create(actor=staff["specialist"], dossier=processing, method="tien-mat")
    assert exc.value.code == "no_fee_lines"
    assert Dossier.objects.get(pk=processing.pk).state == State.IN_PROCESS


def test_a_dossier_already_awaiting_payment_gets_a_request_without_moving_again(processing, staff):
    d = dossier_services.dossier_request_payment(actor=staff["specialist"], dossier=processing, amount=205000)
    seq = d.log_seq
    req = services.payment_request_create(actor=staff["specialist"], dossier=d, method="tien-mat")
    assert not req.moved_dossier and req.amount == 205000
    assert Dossier.objects.get(pk=d.pk).log_seq == seq


def test_after_a_cancelled_request_its_lines_can_be_requested_again(processing, staff):
    req = services.payment_request_create(actor=staff["specialist"], dossier=processing, method="tien-mat")
    with pytest.raises(ValidationFailed):
        services.payment_request_cancel(actor=staff["specialist"], request=req, reason=" ")
    services.payment_request_cancel(actor=staff["specialist"], request=req, reason="Sai số tiền")
    with pytest.raises(Conflict):
        services.payment_request_cancel(actor=staff["specialist"], request=req, reason="lần hai")
    d = Dossier.objects.get(pk=processing.pk)
    again = services.payment_request_create(actor=staff["specialist"], dossier=d, method="tien-mat")
    assert again.amount == req.amount and set(again.lines.all()) == set(req.lines.all())


def test_only_chosen_lines_of_this_dossier_can_be_requested(processing, staff):
    lines = services.fee_lines_create_for(actor=staff["specialist"], dossier=processing)
    with pytest.raises(ValidationFailed) as exc:
        services.payment_request_create(actor=staff["specialist"], dossier=processing, method="tien-mat",
                                        line_ids=[lines[0].pk, 999999])
    assert exc.value.code == "bad_fee_lines"
    req = services.payment_request_create(actor=staff["specialist"], dossier=processing, method="tien-mat",
                                          line_ids=[lines[1].pk])
    assert req.amount == 5000
