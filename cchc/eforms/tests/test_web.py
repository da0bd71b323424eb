"""The e-form pages: steps, a draft resumed in a new session, the citizen gate, scanned components."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from cchc.dossiers.models import Dossier
from cchc.dossiers.testing import PASSWORD, intake_data
from cchc.eforms.models import ComponentFile, EformDraft
from cchc.eforms.tests.conftest import PDF, PNG


def login(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_a_draft_is_saved_on_each_step_and_resumed_in_a_new_session(cat, staff, filled):
    clerk = staff["reception"]
    first = login(clerk)
    r = first.post("/eforms/assisted/", {"procedure": cat.published.procedure.code, "case": "TH1"})
    draft = EformDraft.objects.get(owner=clerk)
    assert r.status_code == 302 and r.url == f"/eforms/drafts/{draft.pk}/"
    # htmx autosave keeps what is typed, even unfinished
    r = first.post(f"/eforms/drafts/{draft.pk}/autosave/", {"applicant_name": "Trần Thị Bình", "applicant_phone": "09"},
                   HTTP_HX_REQUEST="true")
    assert "Đã tự động lưu nháp" in r.content.decode()
    draft.refresh_from_db()
    assert draft.data["applicant_name"] == "Trần Thị Bình" and draft.data["applicant_phone"] == "09"
    # the browser is closed: a new session finds the draft in "my drafts" and resumes it
    second = login(clerk)
    page = second.get("/eforms/drafts/").content.decode()
    assert f"/eforms/drafts/{draft.pk}/" in page and "Trần Thị Bình" in page
    page = second.get(f"/eforms/drafts/{draft.pk}/").content.decode()
    assert 'value="Trần Thị Bình"' in page and 'value="09"' in page


def test_the_fields_step_shows_errors_and_keeps_what_was_typed(cat, staff):
    client = login(staff["reception"])
    client.post("/eforms/assisted/", {"procedure": cat.published.procedure.code, "case": "TH1"})
    draft = EformDraft.objects.get()
    r = client.post(f"/eforms/drafts/{draft.pk}/fields/", {"applicant_name": "An", "applicant_phone": "12", "go": "next"})
    page = r.content.decode()
    assert r.status_code == 422 and "không đúng dạng số điện thoại" in page and "Chưa nhập “Ngày sinh”" in page
    draft.refresh_from_db()
    assert draft.data["applicant_name"] == "An" and draft.step == "fields"


def test_the_whole_assisted_flow_ends_with_the_slip_and_lookup_links(cat, staff, filled):
    client = login(staff["reception"])
    client.post("/eforms/assisted/", {"procedure": cat.published.procedure.code, "case": "TH1"})
    draft = EformDraft.objects.get()
    r = client.post(f"/eforms/drafts/{draft.pk}/fields/", {**filled, "go": "next"})
    assert r.status_code == 302 and r.url.endswith("?step=files")
    bad = client.post(f"/eforms/drafts/{draft.pk}/files/",
                      {"component": cat.components[0].pk, "file": SimpleUploadedFile("to-khai.pdf", PNG)}, follow=True)
    assert "nội dung thật là ảnh PNG" in bad.content.decode()
    for comp in cat.components[:2]:
        client.post(f"/eforms/drafts/{draft.pk}/files/",
                    {"component": comp.pk, "file": SimpleUploadedFile(f"tp{comp.order}.pdf", PDF)})
    assert ComponentFile.objects.filter(draft=draft).count() == 2
    client.post(f"/eforms/drafts/{draft.pk}/files/next/")
    summary = client.get(f"/eforms/drafts/{draft.pk}/?step=summary").content.decode()
    assert "Trần Thị Bình" in summary and "Xin việc" in summary and "Nộp hồ sơ" in summary
    r = client.post(f"/eforms/drafts/{draft.pk}/submit/", {"channel": "kiosk", "receive_now": "1"})
    dossier = Dossier.objects.get()
    assert r.status_code == 302 and dossier.state == "received" and dossier.channel == "kiosk"
    done = client.get(r.url).content.decode()
    assert f"/letters/{dossier.code}/slip.pdf" in done and f"/public/lookup/?code={dossier.code}" in done


def test_citizens_see_the_national_portal_unless_the_setting_opens_self_service(cat, citizen, settings):
    client = login(citizen)
    r = client.get("/eforms/")
    assert r.status_code == 403 and "Cổng Dịch vụ công quốc gia" in r.content.decode()
    assert "https://dichvucong.gov.vn" in r.content.decode()
    settings.CCHC_EFORM_CITIZEN_SUBMISSION = True
    r = client.post("/eforms/", {"procedure": cat.published.procedure.code, "case": "TH1"})
    assert r.status_code == 302 and EformDraft.objects.get().mode == "citizen"


def test_an_unpublished_procedure_gets_a_clear_message_and_no_draft(cat, staff):
    client = login(staff["reception"])
    r = client.post("/eforms/assisted/", {"procedure": cat.unpublished_code})
    assert "chưa được công bố" in r.content.decode()
    assert not EformDraft.objects.exists()


def test_a_clerk_attaches_a_scan_to_an_existing_dossier(cat, staff):
    from cchc.dossiers.services import dossier_receive

    data = intake_data(cat)
    for c in data.components:
        c.digitised = False
    dossier = dossier_receive(actor=staff["reception"], data=data)
    client = login(staff["reception"])
    r = client.post(f"/eforms/dossiers/{dossier.code}/files/",
                    {"component": cat.components[0].pk, "file": SimpleUploadedFile("don.pdf", PDF)}, follow=True)
    assert "Đã đính kèm bản quét" in r.content.decode()
    dossier.refresh_from_db()
    assert dossier.has_digitised_components
    panel = client.get(f"/eforms/dossiers/{dossier.code}/panel/").content.decode()
    assert "don.pdf" in panel
    f = ComponentFile.objects.get()
    assert client.get(f"/eforms/files/{f.pk}/").getvalue() == PDF
    assert login(staff["other_reception"]).get(f"/eforms/files/{f.pk}/").status_code == 404
    detail = client.get(f"/dossiers/{dossier.code}/").content.decode()
    assert f"/eforms/dossiers/{dossier.code}/files/" in detail


@pytest.mark.parametrize("path", ["/eforms/", "/eforms/assisted/", "/eforms/drafts/"])
def test_pages_need_a_login(path, db):
    r = Client().get(path)
    assert r.status_code == 302 and "/accounts/login" in r.url


def test_a_procedure_can_be_found_by_words_of_its_name(cat, staff):
    from cchc.common.text import fold

    cat.published.search_text = fold(cat.published.name)
    cat.published.save(update_fields=["search_text"])
    page = login(staff["reception"]).get("/eforms/assisted/", {"procedure": "ly lich tu phap"}).content.decode()
    assert f"?procedure={cat.published.procedure.code}" in page and "Cấp phiếu lý lịch tư pháp" in page


def test_staff_without_the_reception_role_get_a_clear_refusal(cat, staff):
    r = login(staff["specialist"]).get("/eforms/assisted/")
    assert r.status_code == 403 and "cán bộ tiếp nhận" in r.content.decode()
