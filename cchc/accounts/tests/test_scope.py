"""An officer of one agency can neither read nor change another agency's records (UI and API)."""

from django.test import Client

from cchc.accounts.services import token_create


def bearer(user):
    _, raw = token_create(actor=user, name="t")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_a_leader_sees_only_their_agency_in_the_ui(people):
    client = Client()
    client.force_login(people["leader_stp"])
    page = client.get("/accounts/users/").content.decode()
    assert "canbo.stp" in page and "canbo.snv" not in page
    assert client.get("/accounts/users/canbo.snv/").status_code == 404


def test_a_leader_cannot_change_another_agencys_person_in_the_ui(people):
    client = Client()
    client.force_login(people["leader_stp"])
    resp = client.post("/accounts/users/canbo.snv/", {"roles": ["agency_leader"]})
    assert resp.status_code == 404
    assert people["officer_snv"].role_assignments.get().role == "agency_officer"


def test_an_officer_cannot_list_people(people):
    client = Client()
    client.force_login(people["officer_stp"])
    assert client.get("/accounts/users/").status_code == 403


def test_the_api_scopes_people_to_the_leaders_agency(people):
    client = Client()
    auth = bearer(people["leader_stp"])
    names = {u["username"] for u in client.get("/api/v1/users", **auth).json()}
    assert names == {"lanhdao.stp", "canbo.stp"}
    assert client.get("/api/v1/users/canbo.snv", **auth).status_code == 404
    resp = client.put("/api/v1/users/canbo.snv/roles", {"roles": ["agency_leader"]}, content_type="application/json",
                      **auth)
    assert resp.status_code == 404


def test_an_officer_gets_403_from_the_people_api(people):
    resp = Client().get("/api/v1/users", **bearer(people["officer_stp"]))
    assert resp.status_code == 403
    assert resp.json()["error"]["code"] == "cannot_manage_users"


def test_a_leader_cannot_grant_secretariat(people):
    client = Client()
    resp = client.put("/api/v1/users/canbo.stp/roles", {"roles": ["secretariat"]}, content_type="application/json",
                      **bearer(people["leader_stp"]))
    assert resp.status_code == 403
    assert resp.json()["error"]["code"] == "role_not_grantable"


def test_a_leader_grants_an_operational_role_in_their_agency(people):
    client = Client()
    resp = client.put("/api/v1/users/canbo.stp/roles", {"roles": ["agency_officer", "specialist"]},
                      content_type="application/json", **bearer(people["leader_stp"]))
    assert resp.status_code == 200
    assert resp.json()["roles"] == ["agency_officer", "specialist"]
