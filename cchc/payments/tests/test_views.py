"""The staff panel on the dossier page, its forms, and the receipt page and PDF."""

from __future__ import annotations

from io import BytesIO

from cchc.dossiers.lifecycle import State
from cchc.dossiers.models import Dossier
from cchc.payments import services
from cchc.payments.models import PaymentRequest, Receipt


def test_the_dossier_page_loads_the_panel_with_htmx(client, processing, staff):
    client.force_login(staff["specialist"])
    page = client.get(f"/dossiers/{processing.code}/").content.decode()
    assert f'hx-get="/payments/dossiers/{processing.code}/panel/"' in page and 'hx-trigger="load"' in page


def test_the_panel_lists_fees_and_offers_a_request_to_the_specialist(client, processing, staff):
    services.fee_lines_create_for(actor=staff["specialist"], dossier=processing)
    client.force_login(staff["specialist"])
    html = client.get(f"/payments/dossiers/{processing.code}/panel/").content.decode()
    assert "Lệ phí cấp phiếu lý lịch tư pháp" in html and "205.000" in html
    assert 'data-testid="payment-request-form"' in html and 'data-testid="cash-confirm-form"' not in html
    assert '<th scope="col">' in html


def test_the_panel_of_another_agencys_dossier_is_not_found(client, processing, staff):
    client.force_login(staff["other_specialist"])
    assert client.get(f"/payments/dossiers/{processing.code}/panel/").status_code == 404


def test_the_forms_create_a_request_then_confirm_cash_and_show_the_receipt(client, processing, staff):
    client.force_login(staff["specialist"])
    resp = client.post(f"/payments/dossiers/{processing.code}/requests/", {"method": "tien-mat"})
    assert resp.status_code == 302 and resp["Location"] == f"/dossiers/{processing.code}/"
    assert Dossier.objects.get(pk=processing.pk).state == State.AWAITING_PAYMENT
    client.force_login(staff["reception"])
    html = client.get(f"/payments/dossiers/{processing.code}/panel/").content.decode()
    assert 'data-testid="cash-confirm-form"' in html and "Chờ thanh toán" in html
    client.post(f"/payments/dossiers/{processing.code}/cash/", {"method": "tien-mat"})
    receipt = Receipt.objects.get()
    assert PaymentRequest.objects.get().status == "paid"
    follow = client.get(f"/dossiers/{processing.code}/").content.decode()
    assert receipt.label in follow  # the success message names the receipt
    page = client.get(f"/payments/receipts/{receipt.series}/{receipt.number}/").content.decode()
    assert "BIÊN LAI THU PHÍ, LỆ PHÍ" in page and "Hai trăm linh năm nghìn đồng" in page and processing.code in page


def test_a_refused_action_comes_back_as_a_message(client, processing, staff):
    client.force_login(staff["reception"])
    client.post(f"/payments/dossiers/{processing.code}/cash/", {"method": "tien-mat"})
    html = client.get(f"/dossiers/{processing.code}/").content.decode()
    assert "Chỉ xác nhận đã nộp phí khi tiếp nhận, khi trả kết quả" in html
    assert not Receipt.objects.exists()


def test_the_receipt_pdf_has_a_text_layer_with_number_dossier_and_amount(client, processing, staff):
    from pdfminer.high_level import extract_text

    services.payment_request_create(actor=staff["specialist"], dossier=processing, method="tien-mat")
    receipt = services.payment_cash_confirm(actor=staff["reception"], dossier=Dossier.objects.get(pk=processing.pk))
    client.force_login(staff["reception"])
    resp = client.get(f"/payments/receipts/{receipt.series}/{receipt.number}/pdf/")
    assert resp.status_code == 200 and resp["Content-Type"] == "application/pdf"
    text = extract_text(BytesIO(resp.content))
    assert processing.code in text and "0000001" in text and "205.000" in text and "BIÊN LAI" in text
    client.force_login(staff["other_reception"])
    assert client.get(f"/payments/receipts/{receipt.series}/{receipt.number}/pdf/").status_code == 404


def test_a_pending_online_request_shows_its_link_and_a_qr_code(client, processing, staff, gateway):
    req = services.payment_request_create(actor=staff["specialist"], dossier=processing, method="truc-tuyen")
    req = services.payment_online_start(actor=staff["specialist"], request=req)
    client.force_login(staff["reception"])
    html = client.get(f"/payments/dossiers/{processing.code}/panel/").content.decode()
    assert req.redirect_url.replace("&", "&amp;") in html or req.redirect_url in html
    assert 'data-testid="payment-qr"' in html and "<svg" in html
