"""The payments API: scoped reads, creating requests, cash, receipts; the OpenAPI schema declares it all."""

from __future__ import annotations

import pytest

from cchc.accounts.services import token_create
from cchc.dossiers.lifecycle import State
from cchc.dossiers.models import Dossier


def bearer(user):
    _, raw = token_create(actor=user, name="t")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def post(client, url, body, user):
    return client.post(url, body, content_type="application/json", **bearer(user))


def test_a_specialist_creates_an_online_request_and_gets_the_link(client, processing, staff, gateway):
    resp = post(client, f"/api/v1/payments/dossiers/{processing.code}/requests", {"method": "truc-tuyen"},
                staff["specialist"])
    assert resp.status_code == 201, resp.content
    out = resp.json()
    assert out["status"] == "pending" and out["amount"] == 205000 and out["redirect_url"].startswith(gateway.url)
    assert out["moved_dossier"] and len(out["lines"]) == 2
    assert Dossier.objects.get(pk=processing.pk).state == State.AWAITING_PAYMENT


def test_the_dossier_listing_shows_lines_requests_and_receipts(client, processing, staff):
    post(client, f"/api/v1/payments/dossiers/{processing.code}/requests", {"method": "tien-mat"}, staff["specialist"])
    resp = post(client, f"/api/v1/payments/dossiers/{processing.code}/cash", {}, staff["reception"])
    assert resp.status_code == 201, resp.content
    label = resp.json()["label"]
    out = client.get(f"/api/v1/payments/dossiers/{processing.code}", **bearer(staff["specialist"])).json()
    assert out["unpaid_total"] == 0 and all(ln["paid"] for ln in out["lines"])
    assert out["requests"][0]["status"] == "paid" and out["requests"][0]["receipt"] == label
    assert out["receipts"][0]["amount_words"] == "Hai trăm linh năm nghìn đồng"
    series, number = out["receipts"][0]["series"], out["receipts"][0]["number"]
    got = client.get(f"/api/v1/payments/receipts/{series}/{number}", **bearer(staff["reception"]))
    assert got.status_code == 200 and got.json()["label"] == label


def test_another_agency_sees_neither_the_fees_nor_the_receipt(client, processing, staff):
    post(client, f"/api/v1/payments/dossiers/{processing.code}/requests", {"method": "tien-mat"}, staff["specialist"])
    receipt = post(client, f"/api/v1/payments/dossiers/{processing.code}/cash", {}, staff["reception"]).json()
    other = staff["other_specialist"]
    resp = client.get(f"/api/v1/payments/dossiers/{processing.code}", **bearer(other))
    assert resp.status_code == 404 and resp.json()["error"]["code"] == "dossier_not_found"
    resp = client.get(f"/api/v1/payments/receipts/{receipt['series']}/{receipt['number']}", **bearer(other))
    assert resp.status_code == 404
    resp = post(client, f"/api/v1/payments/dossiers/{processing.code}/lines",
                {"description": "x", "amount": 1000}, other)
    assert resp.status_code == 404


def test_bad_input_is_refused_with_the_error_shape(client, processing, staff):
    url = f"/api/v1/payments/dossiers/{processing.code}"
    sp = staff["specialist"]
    assert post(client, url + "/requests", {"method": "bitcoin"}, sp).status_code == 422
    assert post(client, url + "/requests", {"extra": 1}, sp).status_code == 422
    assert post(client, url + "/lines", {"description": "x", "amount": 0}, sp).status_code == 422
    resp = post(client, url + "/cash", {}, staff["reception"])
    assert resp.status_code == 409 and resp.json()["error"]["code"] == "not_awaiting_payment"
    resp = post(client, url + "/requests", {"method": "tien-mat"}, staff["reception"])
    assert resp.status_code == 403
    assert client.get(url).status_code == 401
    assert client.get("/api/v1/payments/receipts/TN-26E/0", **bearer(sp)).status_code == 404


def test_a_staff_line_and_cancellation_through_the_api(client, processing, staff):
    sp = staff["specialist"]
    resp = post(client, f"/api/v1/payments/dossiers/{processing.code}/lines",
                {"description": "Phí sao lục", "amount": 12000, "kind": "phi"}, sp)
    assert resp.status_code == 201 and resp.json()["from_catalogue"] is False
    lines = post(client, f"/api/v1/payments/dossiers/{processing.code}/lines/generate", {}, sp).json()
    assert len(lines) == 3
    req = post(client, f"/api/v1/payments/dossiers/{processing.code}/requests", {"method": "tien-mat"}, sp).json()
    assert req["amount"] == 217000
    resp = post(client, f"/api/v1/payments/requests/{req['reference']}/cancel", {"reason": "Đổi hình thức"}, sp)
    assert resp.status_code == 200 and resp.json()["status"] == "cancelled"
    resp = post(client, f"/api/v1/payments/requests/{req['reference']}/cancel", {"reason": "lại"}, sp)
    assert resp.status_code == 409
    resp = post(client, f"/api/v1/payments/requests/{req['reference']}/cancel", {"reason": "x"},
                staff["other_specialist"])
    assert resp.status_code == 404


@pytest.mark.django_db
def test_the_schema_declares_every_payment_operation_and_the_callback_needs_no_login(client):
    schema = client.get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    cb = paths["/api/v1/payments/callback"]["post"]
    assert "security" not in cb or cb["security"] in ([], [{}])
    assert {"200", "400", "401", "404", "409", "413", "422"} <= set(cb["responses"])
    assert cb["requestBody"]["content"]["application/json"]["schema"]["required"][0] == "MaThamChieu"
    for path in ("/api/v1/payments/dossiers/{code}", "/api/v1/payments/dossiers/{code}/requests",
                 "/api/v1/payments/dossiers/{code}/cash", "/api/v1/payments/receipts/{series}/{number}"):
        assert path in paths
