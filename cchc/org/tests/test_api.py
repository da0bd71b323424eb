"""The registry API: public reads, secretariat writes, one error shape."""

import pytest
from django.test import Client

from cchc.accounts.services import token_create


@pytest.fixture
def client():
    return Client()


def bearer(user):
    _, raw = token_create(actor=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_listing_as_of_2024_has_the_districts_and_bac_kan(client, registry):
    body = client.get("/api/v1/agencies", {"as_of": "2024-12-31", "limit": 1000}).json()
    codes = {a["code"] for a in body["items"]}
    assert {"TN.H164", "TN.H167", "BK.UBND"} <= codes
    after = {a["code"] for a in client.get("/api/v1/agencies", {"as_of": "2025-07-01", "limit": 1000}).json()["items"]}
    assert not {"TN.H164", "TN.H167", "BK.UBND"} & after


def test_it_filters_by_type_and_text(client, registry):
    body = client.get("/api/v1/agencies", {"type": "ubnd_huyen", "q": "dinh hoa"}).json()
    assert [a["code"] for a in body["items"]] == ["TN.H167"]


def test_a_limit_over_1000_gets_the_error_shape(client, registry):
    resp = client.get("/api/v1/agencies", {"limit": 1001})
    assert resp.status_code == 422
    assert resp.json()["error"]["code"] == "validation_failed"


def test_an_unknown_agency_is_a_404_in_the_error_shape(client, registry):
    resp = client.get("/api/v1/agencies/KHONG.CO")
    assert resp.status_code == 404
    assert set(resp.json()["error"]) == {"code", "message", "details"}


def test_one_agency_shows_its_history(client, registry):
    body = client.get("/api/v1/agencies/TN.SNV").json()
    assert [p["agency"]["code"] for p in body["predecessors"]] == ["BK.SNV"]
    assert body["predecessors"][0]["effective_date"] == "2025-07-01"


def test_the_tree_and_groups_are_public(client, registry):
    tree = client.get("/api/v1/agency-tree", {"as_of": "2020-01-01", "root": "TN.UBND"}).json()
    assert tree[0]["code"] == "TN.UBND"
    members = client.get("/api/v1/groups/UBND_CAP_HUYEN", {"as_of": "2020-01-01"}).json()["members"]
    assert {m["code"] for m in members} == {"TN.H164", "TN.H167"}


def test_name_resolution_reports_unresolved_names(client, registry):
    body = client.post("/api/v1/names/resolve", {"names": ["VP UBND tỉnh", "Sở Ma"], "as_of": "2020-01-01"},
                       content_type="application/json").json()
    assert [(r["kind"], (r["agency"] or {}).get("code")) for r in body] == [("agency", "TN.VPUB"), ("unresolved", None)]


NEW = {"code": "TN.SYT", "name": "Sở Y tế", "type": "so", "parent": "TN.UBND", "valid_from": "2000-01-01"}


def test_writes_need_authentication(client, registry):
    resp = client.post("/api/v1/agencies", NEW, content_type="application/json")
    assert resp.status_code == 401
    assert resp.json()["error"]["code"] == "not_authenticated"


def test_an_officer_may_not_write(client, registry, people):
    resp = client.post("/api/v1/agencies", NEW, content_type="application/json", **bearer(people["officer_stp"]))
    assert resp.status_code == 403


def test_the_secretariat_creates_and_updates(client, registry, people):
    auth = bearer(people["secretariat"])
    resp = client.post("/api/v1/agencies", NEW, content_type="application/json", **auth)
    assert resp.status_code == 201, resp.content
    resp = client.patch("/api/v1/agencies/TN.SYT", {"short_name": "SYT"}, content_type="application/json", **auth)
    assert resp.json()["short_name"] == "SYT"
    dup = client.post("/api/v1/agencies", NEW, content_type="application/json", **auth)
    assert dup.status_code == 409 and dup.json()["error"]["code"] == "duplicate_code"


def test_unknown_fields_get_a_422(client, registry, people):
    resp = client.post("/api/v1/agencies", {**NEW, "colour": "red"}, content_type="application/json",
                       **bearer(people["secretariat"]))
    assert resp.status_code == 422
    assert resp.json()["error"]["details"][0]["loc"][-1] == "colour"


def test_reorganise_through_the_api(client, registry, people):
    resp = client.post("/api/v1/reorganisations", {
        "kind": "merge", "effective_date": "2026-01-01", "predecessors": ["TN.STP", "TN.BQLKCN"],
        "successors": ["TN.STP"], "legal_basis": "QĐ minh hoạ",
    }, content_type="application/json", **bearer(people["admin"]))
    assert resp.status_code == 201, resp.content
    assert client.get("/api/v1/agencies/TN.BQLKCN").json()["valid_to"] == "2025-12-31"


def test_a_session_write_needs_csrf(registry, people):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people["secretariat"])
    resp = client.post("/api/v1/agencies", NEW, content_type="application/json")
    assert resp.status_code in (401, 403)
