"""The print pages and the API: staff only, scoped to the dossier's agencies, 404 with the reason."""

from __future__ import annotations

import pytest
from django.test import Client

from cchc.accounts.services import token_create
from cchc.dossiers.testing import PASSWORD


def login(user) -> Client:
    c = Client()
    assert c.login(username=user.username, password=PASSWORD)
    return c


def bearer(user) -> dict[str, str]:
    _, raw = token_create(actor=user, name="t")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_the_print_page_answers_an_inline_pdf(received, staff):
    resp = login(staff["reception"]).get(f"/letters/{received.code}/slip.pdf")
    assert resp.status_code == 200 and resp["Content-Type"] == "application/pdf"
    assert resp["Content-Disposition"] == f'inline; filename="giay-tiep-nhan-{received.code}.pdf"'
    assert resp.content.startswith(b"%PDF-") and "no-store" in resp["Cache-Control"]


def test_the_competent_agency_prints_too(apologised, staff):
    for who in ("specialist", "signer"):
        resp = login(staff[who]).get(f"/letters/{apologised.code}/apology.pdf")
        assert resp.status_code == 200 and resp.content.startswith(b"%PDF-")


def test_a_letter_the_dossier_does_not_have_is_a_404_with_the_reason(received, staff):
    resp = login(staff["reception"]).get(f"/letters/{received.code}/apology.pdf")
    assert resp.status_code == 404
    assert "chưa có lần xin lỗi, hẹn lại nào" in resp.content.decode()


def test_an_unknown_kind_is_a_404(received, staff):
    resp = login(staff["reception"]).get(f"/letters/{received.code}/receipt.pdf")
    assert resp.status_code == 404 and "Không có loại phiếu này." in resp.content.decode()


def test_another_agencys_staff_cannot_print(received, staff):
    for who in ("other_reception", "other_specialist"):
        resp = login(staff[who]).get(f"/letters/{received.code}/slip.pdf")
        assert resp.status_code == 404 and b"%PDF" not in resp.content
        assert "Không tìm thấy hồ sơ" in resp.content.decode()


def test_a_citizen_cannot_print_from_the_staff_page(received, people):
    resp = login(people["citizen"]).get(f"/letters/{received.code}/slip.pdf")
    assert resp.status_code == 403 and "cán bộ" in resp.content.decode()


def test_anonymous_is_sent_to_the_login_page(received):
    resp = Client().get(f"/letters/{received.code}/slip.pdf")
    assert resp.status_code == 302 and "login" in resp["Location"]


def test_the_panel_lists_the_letters_with_print_links(supplemented, staff):
    c = login(staff["specialist"])
    page = c.get(f"/dossiers/{supplemented.code}/").content.decode()
    assert f'hx-get="/letters/{supplemented.code}/panel/"' in page
    panel = c.get(f"/letters/{supplemented.code}/panel/").content.decode()
    for kind in ("slip", "supplement", "control"):
        assert f'href="/letters/{supplemented.code}/{kind}.pdf"' in panel
    assert "apology.pdf" not in panel and "refusal.pdf" not in panel


def test_the_panel_of_another_agencys_dossier_is_not_found(received, staff):
    resp = login(staff["other_reception"]).get(f"/letters/{received.code}/panel/")
    assert resp.status_code == 404


# --- API -------------------------------------------------------------------------------------

def test_the_api_answers_application_pdf(refused, staff):
    resp = Client().get(f"/api/v1/letters/{refused.code}/refusal", **bearer(staff["reception"]))
    assert resp.status_code == 200 and resp["Content-Type"] == "application/pdf"
    assert resp.content.startswith(b"%PDF-") and "phieu-tu-choi" in resp["Content-Disposition"]


def test_the_api_lists_the_letters(refused, staff):
    resp = Client().get(f"/api/v1/letters/{refused.code}", **bearer(staff["reception"]))
    assert resp.status_code == 200
    assert [(x["kind"], x["url"]) for x in resp.json()] == [("refusal", f"/letters/{refused.code}/refusal.pdf")]


@pytest.mark.parametrize(("who", "kind", "status", "code"), [
    ("reception", "slip", 404, "letter_not_available"),
    ("other_reception", "refusal", 404, "dossier_not_found"),
])
def test_the_api_refuses_with_the_error_shape(refused, staff, who, kind, status, code):
    resp = Client().get(f"/api/v1/letters/{refused.code}/{kind}", **bearer(staff[who]))
    assert resp.status_code == status and resp.json()["error"]["code"] == code
    assert resp.json()["error"]["message"]


def test_the_api_refuses_a_citizen_and_anonymous(received, people):
    assert Client().get(f"/api/v1/letters/{received.code}/slip").status_code == 401
    resp = Client().get(f"/api/v1/letters/{received.code}/slip", **bearer(people["citizen"]))
    assert resp.status_code == 403 and resp.json()["error"]["code"] == "staff_only"


def test_the_api_refuses_an_unknown_kind(received, staff):
    resp = Client().get(f"/api/v1/letters/{received.code}/receipt", **bearer(staff["reception"]))
    assert resp.status_code == 422


def test_the_openapi_schema_declares_the_pdf(client):
    op = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/letters/{code}/{kind}"]["get"]
    assert op["responses"]["200"]["content"] == {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}
    assert {"401", "403", "404"} <= set(op["responses"])
