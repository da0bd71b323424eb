"""The e-form API: form definition, drafts, multipart upload, submission, Vietnamese errors."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from cchc.accounts.services import token_create
from cchc.dossiers.models import Dossier
from cchc.eforms.models import EformDraft
from cchc.eforms.tests.conftest import PDF, PNG


def bearer(user):
    _, raw = token_create(actor=user, name="t")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_the_form_definition_lists_fields_and_components(cat):
    r = Client().get(f"/api/v1/eforms/{cat.published.procedure.code}")
    assert r.status_code == 200
    body = r.json()
    names = [f["name"] for f in body["fields"]]
    assert names[:3] == ["applicant_name", "applicant_id_number", "applicant_phone"]
    assert names[-3:] == ["ngay_sinh", "muc_dich", "so_ban"]
    select = next(f for f in body["fields"] if f["name"] == "muc_dich")
    assert [c["value"] for c in select["choices"]] == ["Xin việc", "Du học", "khac"]
    assert [(c["name"], c["required"]) for c in body["components"]] == [
        (c.name, c.required) for c in cat.components]
    assert body["citizen_submission_open"] is False and body["max_file_bytes"] == 10 * 1024 * 1024


def test_an_unpublished_procedure_answers_a_vietnamese_error(cat):
    r = Client().get(f"/api/v1/eforms/{cat.unpublished_code}")
    assert r.status_code == 422
    assert r.json()["error"]["code"] == "procedure_not_published"
    assert "chưa được công bố" in r.json()["error"]["message"]


def test_drafts_crud_upload_and_submit(cat, staff, filled):
    client, auth = Client(), bearer(staff["reception"])
    r = client.post("/api/v1/eforms/drafts", {"procedure_code": cat.published.procedure.code, "case_code": "TH1",
                                              "data": {"applicant_name": "Trần Thị Bình"}},
                    content_type="application/json", **auth)
    assert r.status_code == 201, r.content
    draft_id = r.json()["id"]
    assert r.json()["missing_components"] == [c.name for c in cat.components[:2]]
    r = client.patch(f"/api/v1/eforms/drafts/{draft_id}", {"data": {"applicant_phone": "12"}, "strict": True},
                     content_type="application/json", **auth)
    assert r.status_code == 422 and r.json()["error"]["code"] == "eform_invalid"
    r = client.patch(f"/api/v1/eforms/drafts/{draft_id}", {"data": filled, "step": "files"},
                     content_type="application/json", **auth)
    assert r.status_code == 200 and r.json()["data"]["muc_dich"] == "Xin việc"
    r = client.post(f"/api/v1/eforms/drafts/{draft_id}/files",
                    {"component_id": cat.components[0].pk, "file": SimpleUploadedFile("don.pdf", PNG)}, **auth)
    assert r.status_code == 422 and "không khớp" in r.json()["error"]["message"]
    for comp in cat.components[:2]:
        r = client.post(f"/api/v1/eforms/drafts/{draft_id}/files",
                        {"component_id": comp.pk, "file": SimpleUploadedFile("don.pdf", PDF)}, **auth)
        assert r.status_code == 201 and r.json()["kind"] == "pdf" and len(r.json()["sha256"]) == 64
    assert [d["id"] for d in client.get("/api/v1/eforms/drafts", **auth).json()] == [draft_id]
    r = client.post(f"/api/v1/eforms/drafts/{draft_id}/submit", {"channel": "counter"},
                    content_type="application/json", **auth)
    assert r.status_code == 201, r.content
    code = r.json()["code"]
    assert r.json()["state"] == "received" and r.json()["slip_url"] == f"/letters/{code}/slip.pdf"
    assert Dossier.objects.get(code=code).channel == "counter"
    assert client.get("/api/v1/eforms/drafts", **auth).json() == []


def test_an_oversized_upload_answers_413(cat, staff, settings):
    settings.CCHC_EFORM_MAX_BYTES = 100
    client, auth = Client(), bearer(staff["reception"])
    draft_id = client.post("/api/v1/eforms/drafts", {"procedure_code": cat.published.procedure.code},
                           content_type="application/json", **auth).json()["id"]
    r = client.post(f"/api/v1/eforms/drafts/{draft_id}/files",
                    {"component_id": cat.components[0].pk, "file": SimpleUploadedFile("a.pdf", PDF + b"\0" * 200)},
                    **auth)
    assert r.status_code == 413 and "vượt giới hạn" in r.json()["error"]["message"]


def test_another_persons_draft_is_not_found_and_can_be_deleted_only_by_its_owner(cat, staff):
    client = Client()
    draft_id = client.post("/api/v1/eforms/drafts", {"procedure_code": cat.published.procedure.code},
                           content_type="application/json", **bearer(staff["reception"])).json()["id"]
    assert client.get(f"/api/v1/eforms/drafts/{draft_id}", **bearer(staff["reception2"])).status_code == 404
    assert client.delete(f"/api/v1/eforms/drafts/{draft_id}", **bearer(staff["reception2"])).status_code == 404
    assert client.delete(f"/api/v1/eforms/drafts/{draft_id}", **bearer(staff["reception"])).status_code == 204
    assert not EformDraft.objects.exists()


def test_a_citizen_is_refused_by_default_with_the_national_portal_named(cat, citizen):
    r = Client().post("/api/v1/eforms/drafts", {"procedure_code": cat.published.procedure.code},
                      content_type="application/json", **bearer(citizen))
    assert r.status_code == 403 and r.json()["error"]["code"] == "citizen_submission_closed"
