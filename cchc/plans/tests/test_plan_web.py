"""Web and API import: upload → preview with unresolved agencies → confirm; the API returns the same JSON."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from cchc.plans.models import Plan

SEED = Path(__file__).resolve().parent / "corpus" / "4203-QD-UBND-2019-thai-nguyen.txt"


@pytest.fixture
def secretariat(db):
    from cchc.accounts.services import user_create
    from cchc.org.models import Agency
    from cchc.org.registry_demo import load_registry_demo

    load_registry_demo()
    return user_create(actor=None, username="tt", password="ThaiNguyen@2026", agency=Agency.objects.get(code="TN.SNV"),
                       roles=["secretariat"])


def upload(name="4203.txt", data=None):
    return SimpleUploadedFile(name, data if data is not None else SEED.read_bytes(), content_type="text/plain")


def test_upload_previews_then_confirm_creates_the_plan(secretariat):
    client = Client()
    client.force_login(secretariat)
    text = SEED.read_text().replace("Sở Nội vụ\n\nVăn phòng UBND tỉnh, các Sở", "Phòng CCHC\n\nVăn phòng UBND tỉnh, các Sở", 1)
    page = client.post("/plans/import/", {"file": upload(data=text.encode())}, HTTP_HX_REQUEST="true").content.decode()
    assert "4203/QĐ-UBND" in page and "Phòng CCHC" in page and 'name="mapping"' in page
    assert Plan.objects.count() == 0
    token = page.split("/plans/import/")[1].split("/confirm/")[0]
    resp = client.post(f"/plans/import/{token}/confirm/", {"unresolved": ["Phòng CCHC"], "mapping": ["TN.SNV"]})
    assert resp.status_code == 302
    plan = Plan.objects.get()
    detail = client.get(resp["Location"]).content.decode()
    assert "Kế hoạch cải cách hành chính năm 2020" in detail and "chưa nhận diện" not in detail
    assert plan.current.key_tasks.count() == 21


def test_a_bad_upload_shows_a_vietnamese_message(secretariat):
    client = Client()
    client.force_login(secretariat)
    page = client.post("/plans/import/", {"file": upload("x.docx", b"PK\x03\x04xx")}).content.decode()
    assert "invalid-feedback" in page or "alert-danger" in page
    assert Plan.objects.count() == 0


def test_an_officer_cannot_open_the_import_page(secretariat):
    from cchc.accounts.services import user_create
    from cchc.org.models import Agency

    officer = user_create(actor=None, username="cb", password="ThaiNguyen@2026", agency=Agency.objects.get(code="TN.STP"),
                          roles=["agency_officer"])
    client = Client()
    client.force_login(officer)
    assert client.get("/plans/import/").status_code == 403
    assert client.get("/plans/").status_code == 200


def test_the_api_imports_with_the_same_json(secretariat):
    from cchc.accounts.services import token_create

    _, raw = token_create(actor=secretariat, name="t")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    dry = client.post("/api/v1/plans/import", {"file": upload(), "dry_run": "true"})
    assert dry.status_code == 200, dry.content
    assert dry.json()["document_number"] == "4203/QĐ-UBND" and Plan.objects.count() == 0
    made = client.post("/api/v1/plans/import", {"file": upload()})
    assert made.status_code == 201
    assert made.json()["plan_id"] == Plan.objects.get().pk
    bad = client.post("/api/v1/plans/import", {"file": upload("e.txt", b"")})
    assert bad.status_code in (400, 422) and "error" in bad.json()
    got = client.get(f"/api/v1/plans/{made.json()['plan_id']}").json()
    assert len(got["key_tasks"]) == 21
