"""The API under /api/v1/results/: public verification and download, file check, staff writes."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cchc.dossiers.models import Dossier
from cchc.results import services

API = "/api/v1/results"


@pytest.fixture(scope="module")
def pdf():
    from weasyprint import HTML

    return HTML(string="<h1>Giấy chứng nhận</h1>").write_pdf()


def test_public_verification_and_download_by_key(client, issued, staff, pdf):
    assert client.get(f"{API}/{issued.code}/verification").status_code == 404
    services.result_sign(actor=staff["signer"], dossier=issued, pdf=pdf)
    body = client.get(f"{API}/{issued.code}/verification").json()
    assert body["verification"]["verdict"] == "valid" and body["verification"]["trusted"]
    assert body["verification"]["signatures"][0]["signer_common_name"] == "Sở Tư pháp (TN.STP)"
    assert body["issuing_agency"] == "Sở Tư pháp" and body["result_number"] == "123/PLLTP"
    wrong = client.post(f"{API}/{issued.code}/download", {"key": "0000000000"}, content_type="application/json")
    assert wrong.status_code == 404 and wrong.json()["error"]["code"] == "no_match"
    right = client.post(f"{API}/{issued.code}/download", {"key": "0912345678"}, content_type="application/json")
    assert right.status_code == 200 and right["Content-Type"] == "application/pdf" and right.content[:5] == b"%PDF-"
    unknown = client.post(f"{API}/NO-SUCH-CODE/download", {"key": "0912345678"}, content_type="application/json")
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "no_match"


def test_the_download_is_rate_limited(client, issued, staff, pdf):
    services.result_sign(actor=staff["signer"], dossier=issued, pdf=pdf)
    codes = [client.post(f"{API}/{issued.code}/download", {"key": "0900000000"},
                         content_type="application/json").status_code for _ in range(11)]
    assert codes[:10] == [404] * 10 and codes[10] == 429


def test_verify_file_reports_valid_and_tampered(client, issued, staff, pdf):
    r = services.result_sign(actor=staff["signer"], dossier=issued, pdf=pdf)
    data = open(r.file.path, "rb").read()
    ok = client.post(f"{API}/verify-file", {"file": SimpleUploadedFile("a.pdf", data)}).json()
    assert ok["verdict"] == "valid" and ok["sha256"] == r.sha256
    flipped = bytearray(data)
    flipped[len(pdf) // 2] ^= 0x01
    bad = client.post(f"{API}/verify-file", {"file": SimpleUploadedFile("a.pdf", bytes(flipped))}).json()
    assert bad["verdict"] == "invalid" and not bad["valid"]
    unsigned = client.post(f"{API}/verify-file", {"file": SimpleUploadedFile("a.pdf", pdf)}).json()
    assert unsigned["verdict"] == "unsigned"
    assert client.post(f"{API}/verify-file").status_code == 422


def test_staff_sign_return_and_postal_status_over_the_api(client, issued, staff, pdf):
    client.force_login(staff["signer"])
    resp = client.post(f"{API}/{issued.code}/sign", {"file": SimpleUploadedFile("kq.pdf", pdf)})
    assert resp.status_code == 201 and resp.json()["issuing_agency"] == "TN.STP"
    client.force_login(staff["return"])
    resp = client.post(f"{API}/{issued.code}/return/postal", {
        "recipient_name": "Nguyễn Văn An", "recipient_address": "Thái Nguyên", "recipient_phone": "0912345678",
        "postal_service": "VNPost", "tracking_number": "EB555666777VN", "fee": 22000}, content_type="application/json")
    assert resp.status_code == 201 and resp.json()["status"] == "sent"
    resp = client.post(f"{API}/{issued.code}/postal/status", {"status": "delivered", "note": "ok"},
                       content_type="application/json")
    assert resp.status_code == 200 and [h["status"] for h in resp.json()["history"]] == ["sent", "delivered"]
    body = client.get(f"{API}/{issued.code}").json()
    assert body["result_electronic"] and body["return_method"] == "postal" and body["postal"]["status"] == "delivered"
    assert body["verification"]["verdict"] == "valid"
    again = client.post(f"{API}/{issued.code}/postal/status", {"status": "returned_to_sender"},
                        content_type="application/json")
    assert again.status_code == 409 and again.json()["error"]["code"] == "illegal_postal_status"


def test_another_agency_gets_404_and_a_wrong_role_403(client, issued, staff, pdf):
    client.force_login(staff["other_specialist"])
    resp = client.post(f"{API}/{issued.code}/sign", {"file": SimpleUploadedFile("kq.pdf", pdf)})
    assert resp.status_code == 404
    client.force_login(staff["return"])  # sees the dossier (receiving agency) but does not sign
    resp = client.post(f"{API}/{issued.code}/sign", {"generate": "true"})
    assert resp.status_code == 403 and not Dossier.objects.get(pk=issued.pk).result_electronic
    assert client.post(f"{API}/{issued.code}/return/electronic", {}, content_type="application/json").status_code == 409


def test_the_staff_api_needs_authentication(client, issued):
    assert client.get(f"{API}/{issued.code}").status_code == 401
