"""Catalogue API: public reads, writes for catalogue managers only, processes, import."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from cchc.procedures import services
from cchc.procedures.models import Procedure, ProcedureVersion

from .conftest import FIXTURES, make_content

API = "/api/v1"


def client_for(user=None):
    if user is None:
        return Client()
    from cchc.accounts.services import token_create

    _, raw = token_create(actor=user, name="t")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def send(client, method, url, body):
    return getattr(client, method)(url, json.dumps(body), content_type="application/json")


@pytest.fixture
def published(registry, manager):
    v = services.procedure_create(actor=manager, code="2.000488", content=make_content())
    return services.version_publish(actor=manager, version=v)


def test_anyone_can_search_the_catalogue_without_accents(published, manager):
    services.procedure_create(actor=manager, code="9.000001", content=make_content(name="Thủ tục chưa công bố"))
    page = Client().get(f"{API}/procedures", {"q": "cap phieu ly lich"}).json()
    assert [i["code"] for i in page["items"]] == ["2.000488"] and page["count"] == 1
    everything = Client().get(f"{API}/procedures").json()
    assert [i["code"] for i in everything["items"]] == ["2.000488"]  # drafts are not public


def test_anyone_reads_the_version_in_force_with_its_cases(published):
    body = Client().get(f"{API}/procedures/2.000488").json()
    assert body["number"] == 1 and body["status"] == "published"
    case = body["cases"][0]
    assert (case["code"], case["time_limit"], case["time_unit"]) == ("TH1", 5.0, "working_days")
    assert case["components"][0]["originals"] == 1 and case["fees"][0]["amount"] == 50000
    assert body["competent_agencies"] == [{"code": "TN.STP", "name": "Sở Tư pháp"}]


def test_a_procedure_not_in_force_is_404_with_the_error_shape(published):
    r = Client().get(f"{API}/procedures/2.000488", {"as_of": "2001-01-01"})
    assert r.status_code == 404 and r.json()["error"]["code"] == "procedure_not_in_force"
    r = Client().get(f"{API}/procedures/nope")
    assert r.status_code == 404


def test_an_out_of_range_date_is_refused(published):
    r = Client().get(f"{API}/procedures/2.000488", {"as_of": "1900-01-01"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "date_out_of_range"


def test_the_public_history_leaves_drafts_out(published, manager):
    services.version_create_draft(actor=manager, procedure=published.procedure)
    history = Client().get(f"{API}/procedures/2.000488/versions").json()
    assert [h["number"] for h in history] == [1]


def test_a_manager_creates_updates_and_publishes_through_the_api(registry, manager):
    c = client_for(manager)
    r = send(c, "post", f"{API}/procedures", {"code": "2.000908", **make_content(name="Chứng thực bản sao")})
    assert r.status_code == 201, r.content
    assert r.json()["status"] == "draft"
    r = send(c, "patch", f"{API}/procedures/2.000908/versions/1", {"keywords": "chứng thực", "reason": "bổ sung"})
    assert r.status_code == 200 and r.json()["keywords"] == "chứng thực"
    r = send(c, "post", f"{API}/procedures/2.000908/versions/1/publish", {})
    assert r.status_code == 200 and r.json()["status"] == "published"
    r = send(c, "post", f"{API}/procedures/2.000908/versions/1/publish", {})
    assert r.status_code == 409 and r.json()["error"]["code"] == "version_not_draft"
    r = send(c, "post", f"{API}/procedures/2.000908/versions", {})
    assert r.status_code == 201 and r.json()["number"] == 2 and r.json()["based_on"] == 1
    r = send(c, "post", f"{API}/procedures/2.000908/versions/1/repeal", {"reason": "Bãi bỏ theo QĐ 1/QĐ-UBND"})
    assert r.status_code == 200 and r.json()["status"] == "repealed"


def test_a_negative_time_limit_is_422_with_the_rule_code(registry, manager):
    r = send(client_for(manager), "post", f"{API}/procedures",
             {"code": "2.000908", **make_content(case={"time_limit": -2})})
    assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_time_limit"
    assert "âm" in r.json()["error"]["message"] and not Procedure.objects.exists()


def test_loose_types_are_refused_by_the_schema(registry, manager):
    r = send(client_for(manager), "post", f"{API}/procedures",
             {"code": "2.000908", **make_content(case={"time_limit": "5"})})
    assert r.status_code == 422 and r.json()["error"]["code"] == "validation_failed"


def test_an_agency_officer_cannot_write(published, officer):
    c = client_for(officer)
    r = send(c, "post", f"{API}/procedures", {"code": "2.000908", **make_content()})
    assert r.status_code == 403 and r.json()["error"]["code"] == "catalogue_forbidden"
    r = send(c, "post", f"{API}/procedures/2.000488/versions", {})
    assert r.status_code == 403
    r = send(c, "put", f"{API}/procedures/2.000488/versions/1/cases/TH1/steps", {"steps": []})
    assert r.status_code == 403
    assert ProcedureVersion.objects.count() == 1


def test_anonymous_writes_are_401(published):
    r = send(Client(), "post", f"{API}/procedures/2.000488/versions", {})
    assert r.status_code == 401


def test_drafts_are_for_staff_only(published, manager, people):
    services.version_create_draft(actor=manager, procedure=published.procedure)
    assert client_for(people["officer_stp"]).get(f"{API}/procedures/2.000488/versions/2").status_code == 200
    r = client_for(people["citizen"]).get(f"{API}/procedures/2.000488/versions/2")
    assert r.status_code == 403 and r.json()["error"]["code"] == "draft_forbidden"
    assert client_for(people["citizen"]).get(f"{API}/procedures/2.000488/versions/1").status_code == 200


def test_steps_are_read_and_written_and_over_limit_is_refused(published, manager):
    c = client_for(manager)
    steps = [{"code": "TN", "name": "Tiếp nhận", "role": "reception_officer", "place": "one_stop", "allotted": 4,
              "successors": ["TD"]},
             {"code": "TD", "name": "Thẩm định", "role": "specialist", "allotted": 3.5, "unit": "working_days"}]
    r = send(c, "put", f"{API}/procedures/2.000488/versions/1/cases/TH1/steps", {"steps": steps})
    assert r.status_code == 200, r.content
    body = r.json()
    # The version in force is not edited: a new draft holds the process.
    assert (body["version"], body["version_status"], body["total_hours"], body["limit_hours"]) == (2, "draft", 30.25, 37.5)
    assert c.get(f"{API}/procedures/2.000488/versions/1/cases/TH1/steps").json()["steps"] == []
    steps[1]["allotted"] = 5
    r = send(c, "put", f"{API}/procedures/2.000488/versions/2/cases/TH1/steps", {"steps": steps})
    assert r.status_code == 422 and r.json()["error"]["code"] == "process_over_limit"
    r = send(c, "put", f"{API}/procedures/2.000488/versions/2/cases/TH9/steps", {"steps": []})
    assert r.status_code == 404 and r.json()["error"]["code"] == "case_not_found"


def test_the_import_endpoint_previews_then_writes(manager, db):
    from cchc.org.registry_demo import load_registry_demo

    load_registry_demo()
    c = client_for(manager)

    def upload(name):
        return SimpleUploadedFile(name, (FIXTURES / name).read_bytes())

    r = c.post(f"{API}/procedures/import", {"files": [upload("danh-sach-tthc.xlsx"),
                                                      upload("ChiTietTTHC_2.000908.html")], "dry_run": "true"})
    assert r.status_code == 200, r.content
    assert r.json()["count"] == 7 and not Procedure.objects.exists()
    r = c.post(f"{API}/procedures/import", {"files": [upload("danh-sach-tthc.xlsx")]})
    assert r.status_code == 201 and Procedure.objects.count() == 7
    r = c.post(f"{API}/procedures/import", {"files": [upload("danh-sach-sai-cot.xlsx")]})
    assert r.status_code == 422 and r.json()["error"]["code"] == "import_refused"
    assert r.json()["error"]["details"]["errors"][0]["row"] == 2


def test_an_import_without_files_is_refused_in_the_error_shape(manager):
    r = client_for(manager).post(f"{API}/procedures/import", {"dry_run": "true"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "import_refused"
    assert r.json()["error"]["details"]["errors"][0]["message"] == "Chưa chọn tệp nào."


def test_an_officer_cannot_import(people, db):
    r = client_for(people["officer_stp"]).post(f"{API}/procedures/import", {
        "files": [SimpleUploadedFile("a.csv", b"x")]})
    assert r.status_code == 403
