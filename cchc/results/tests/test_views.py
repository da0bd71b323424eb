"""The staff panel and forms, the public verification page with its key-guarded download, the file check."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cchc.dossiers.models import Dossier
from cchc.results import services
from cchc.results.models import ElectronicResult, PostalReturn
from cchc.results.signing import LocalSigner


@pytest.fixture(scope="module")
def pdf():
    from weasyprint import HTML

    return HTML(string="<h1>Quyết định</h1><p>Kết quả giải quyết.</p>").write_pdf()


@pytest.fixture
def signed(issued, staff, pdf):
    return services.result_sign(actor=staff["signer"], dossier=issued, pdf=pdf)


def test_the_dossier_page_loads_the_panel_with_htmx(client, issued, staff):
    client.force_login(staff["signer"])
    page = client.get(reverse("dossiers:detail", args=[issued.code]))
    assert page.status_code == 200
    assert reverse("results:panel", args=[issued.code]).encode() in page.content


def test_the_panel_offers_signing_to_the_signer_and_nothing_to_another_agency(client, issued, staff):
    client.force_login(staff["signer"])
    html = client.get(reverse("results:panel", args=[issued.code])).content.decode()
    assert 'data-testid="results-sign-form"' in html and "Chưa có kết quả điện tử" in html
    client.force_login(staff["other_specialist"])
    assert client.get(reverse("results:panel", args=[issued.code])).status_code == 404
    client.force_login(staff["return"])
    html = client.get(reverse("results:panel", args=[issued.code])).content.decode()
    assert 'data-testid="results-sign-form"' not in html and 'data-testid="return-postal-form"' in html


def test_signing_through_the_panel_form_stores_a_valid_result(client, issued, staff, pdf):
    client.force_login(staff["signer"])
    resp = client.post(reverse("results:sign", args=[issued.code]),
                       {"file": SimpleUploadedFile("kq.pdf", pdf, content_type="application/pdf"), "title": "QĐ"})
    assert resp.status_code == 302
    r = ElectronicResult.objects.get(dossier=issued)
    assert r.original_name == "kq.pdf" and Dossier.objects.get(pk=issued.pk).result_electronic
    html = client.get(reverse("results:panel", args=[issued.code])).content.decode()
    assert "Chữ ký số hợp lệ" in html and r.sha256[:32] in html
    f = client.get(reverse("results:file", args=[issued.code]))
    assert f["Content-Type"] == "application/pdf" and b"".join(f.streaming_content).startswith(b"%PDF-")


def test_a_fake_pdf_through_the_form_shows_the_refusal(client, issued, staff):
    client.force_login(staff["signer"])
    resp = client.post(reverse("results:sign", args=[issued.code]),
                       {"file": SimpleUploadedFile("kq.pdf", b"MZ\x90\x00 exe", content_type="application/pdf")},
                       follow=True)
    assert "không phải là tệp PDF" in resp.content.decode() and not ElectronicResult.objects.exists()


def test_postal_return_and_status_through_the_panel(client, issued, staff):
    client.force_login(staff["return"])
    resp = client.post(reverse("results:return_postal", args=[issued.code]), {
        "recipient_name": "Nguyễn Văn An", "recipient_address": "Thái Nguyên", "recipient_phone": "0912345678",
        "postal_service": "VNPost", "tracking_number": "EB111222333VN", "fee": "20000"})
    assert resp.status_code == 302
    assert PostalReturn.objects.get(dossier=issued).status == "sent"
    html = client.get(reverse("results:panel", args=[issued.code])).content.decode()
    assert "EB111222333VN" in html and 'data-testid="postal-status-form"' in html
    client.post(reverse("results:postal_status", args=[issued.code]), {"status": "delivered", "note": "Đã phát"})
    assert PostalReturn.objects.get(dossier=issued).status == "delivered"
    html = client.get(reverse("results:panel", args=[issued.code])).content.decode()
    assert "Đã phát thành công" in html and 'data-testid="postal-status-form"' not in html


def test_electronic_return_through_the_panel(client, signed, issued, staff):
    client.force_login(staff["return"])
    html = client.get(reverse("results:panel", args=[issued.code])).content.decode()
    assert 'data-testid="return-electronic-form"' in html
    client.post(reverse("results:return_electronic", args=[issued.code]))
    d = Dossier.objects.get(pk=issued.pk)
    assert d.state == "result_returned" and d.return_method == "electronic"


def test_the_public_page_validates_the_stored_signature(client, signed, issued):
    resp = client.get(reverse("results:verify", args=[issued.code]))
    html = resp.content.decode()
    assert resp.status_code == 200 and 'data-verdict="valid"' in html and "Sở Tư pháp (TN.STP)" in html
    # No personal data on the public page.
    assert "Nguyễn Văn An" not in html and "0912345678" not in html and "019201000123" not in html


def test_a_wrong_key_cannot_download_and_the_right_one_can(client, signed, issued):
    url = reverse("results:verify", args=[issued.code])
    wrong = client.post(url, {"key": "0999999999"})
    assert wrong["Content-Type"].startswith("text/html") and "Không có kết quả điện tử khớp" in wrong.content.decode()
    right = client.post(url, {"key": "0912 345 678"})
    assert right.status_code == 200 and right["Content-Type"] == "application/pdf"
    assert right.content == open(signed.file.path, "rb").read()
    by_id = client.post(url, {"key": "019201000123"})
    assert by_id["Content-Type"] == "application/pdf"


def test_key_guessing_is_limited_per_client(client, signed, issued):
    url = reverse("results:verify", args=[issued.code])
    for _ in range(10):
        client.post(url, {"key": "0900000000"})
    blocked = client.post(url, {"key": "0912345678"})
    assert blocked.status_code == 429 and blocked["Content-Type"].startswith("text/html")


def test_an_unknown_code_and_a_code_without_e_result_look_the_same(client, issued):
    a = client.get(reverse("results:verify", args=["KHONG-CO-MA-NAY"]))
    b = client.get(reverse("results:verify", args=[issued.code]))
    assert a.status_code == b.status_code == 200
    assert 'data-testid="no-result"' in a.content.decode() and 'data-testid="no-result"' in b.content.decode()


def test_an_uploaded_file_is_checked_and_a_tampered_one_shows_invalid(client, signed):
    data = open(signed.file.path, "rb").read()
    url = reverse("results:verify_file")
    ok = client.post(url, {"file": SimpleUploadedFile("kq.pdf", data)})
    assert 'data-verdict="valid"' in ok.content.decode()
    tampered = bytearray(data)
    tampered[300] ^= 0x01
    bad = client.post(url, {"file": SimpleUploadedFile("kq.pdf", bytes(tampered))})
    assert 'data-verdict="invalid"' in bad.content.decode() or 'data-verdict="unreadable"' in bad.content.decode()
    assert 'data-verdict="valid"' not in bad.content.decode()


def test_an_uploaded_file_signed_by_an_unknown_ca_shows_untrusted(client, rogue_ca, pdf, registry):
    data = LocalSigner(rogue_ca).sign(pdf, registry["stp"])
    resp = client.post(reverse("results:verify_file"), {"file": SimpleUploadedFile("gia.pdf", data)})
    html = resp.content.decode()
    assert 'data-verdict="untrusted"' in html and "không thuộc tổ chức chứng thực được tin cậy" in html


def test_the_verification_pages_render_at_phone_width_markup(client, signed, issued):
    html = client.get(reverse("results:verify_file")).content.decode()
    assert '<label class="form-label" for="file">' in html
    html = client.get(reverse("results:verify", args=[issued.code])).content.decode()
    assert '<label class="form-label" for="key">' in html and "Tổ chức chứng thực" in html
