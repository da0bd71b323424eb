"""Catalogue pages render, search, edit processes (with and without htmx) and import in two steps."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from cchc.procedures import services
from cchc.procedures.models import ImportUpload, Procedure, ProcedureVersion

from .conftest import FIXTURES, make_content


def logged_in(user):
    c = Client()
    c.force_login(user)
    return c


@pytest.fixture
def published(registry, manager):
    v = services.procedure_create(actor=manager, code="2.000488", content=make_content(legal_basis=[
        {"number": "28/2009/QH12", "title": "Luật Lý lịch tư pháp", "date": "17/06/2009", "issuer": "Quốc hội"}]))
    return services.version_publish(actor=manager, version=v)


def test_the_list_searches_without_accents_and_filters(published, manager, officer):
    services.procedure_create(actor=manager, code="1.009975", content=make_content(
        name="Cấp giấy phép xây dựng", sector="Hoạt động xây dựng", levels=["xa"]))
    c = logged_in(officer)
    page = c.get("/procedures/", {"q": "cap giay phep xay dung"}).content.decode()
    assert "Cấp giấy phép xây dựng" in page and "Cấp Phiếu lý lịch" not in page
    page = c.get("/procedures/", {"level": "tinh"}).content.decode()
    assert "Cấp Phiếu lý lịch" in page and "Cấp giấy phép xây dựng" not in page
    page = c.get("/procedures/", {"status": "draft"}).content.decode()
    assert "Cấp giấy phép xây dựng" in page and "Cấp Phiếu lý lịch" not in page
    assert 'href="/procedures/"' in c.get("/").content.decode()  # the navigation links to procedures:list


def test_the_procedure_page_shows_every_part(published, officer):
    page = logged_in(officer).get("/procedures/2.000488/").content.decode()
    for text in ("Cấp Phiếu lý lịch tư pháp", "Thành phần hồ sơ", "Tờ khai", "Phí, lệ phí", "50.000",
                 "Quy trình nội bộ", "Căn cứ pháp lý", "28/2009/QH12", "Sở Tư pháp", "5 ngày làm việc"):
        assert text in page, text
    assert "Công bố phiên bản" not in page and "Bãi bỏ" not in page  # an officer sees no actions


def test_history_lists_versions_and_events(published, manager):
    services.version_create_draft(actor=manager, procedure=published.procedure)
    page = logged_in(manager).get("/procedures/2.000488/history/").content.decode()
    assert "v2" in page and "v1" in page and "Công bố" in page and "Mở bản dự thảo" in page


def test_a_citizen_cannot_open_staff_pages(published, people):
    assert logged_in(people["citizen"]).get("/procedures/").status_code == 403
    assert Client().get("/procedures/").status_code == 302  # to the login page


def test_the_manager_publishes_and_opens_drafts_from_the_page(published, manager):
    c = logged_in(manager)
    r = c.post("/procedures/2.000488/v1/draft/")
    assert r.status_code == 302 and r["Location"].endswith("/procedures/2.000488/v2/")
    r = c.post("/procedures/2.000488/v2/publish/", {"reason": "QĐ 12/QĐ-UBND"})
    assert ProcedureVersion.objects.get(number=2).status == "published"
    r = c.post("/procedures/2.000488/v2/repeal/", {"reason": ""}, follow=True)
    assert "lý do" in r.content.decode() and ProcedureVersion.objects.get(number=2).status == "published"


def test_an_officer_cannot_act(published, officer):
    assert logged_in(officer).post("/procedures/2.000488/v1/draft/").status_code == 403
    assert logged_in(officer).get("/procedures/import/").status_code == 403


def editor_post(c, url, rows, op, htmx=False, **extra):
    data = {"count": str(len(rows)), "op": op, **extra}
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"s{i}-{key}"] = value
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return c.post(url, data, **headers)


ROWS = [
    {"code": "TN", "name": "Tiếp nhận", "role": "reception_officer", "place": "one_stop", "allotted": "4",
     "unit": "working_hours", "successors": "", "actions": ["forward"]},
    {"code": "TD", "name": "Thẩm định", "role": "specialist", "place": "competent", "allotted": "3",
     "unit": "working_days", "successors": "", "actions": ["forward", "supplement"]},
]


def test_the_process_editor_adds_moves_removes_and_saves_into_a_new_draft(published, manager):
    c = logged_in(manager)
    url = "/procedures/2.000488/v1/cases/TH1/process/"
    page = c.get(url).content.decode()
    assert "Lưu thành bản dự thảo mới" in page and 'hx-post="' + url in page
    fragment = editor_post(c, url, ROWS, "add", htmx=True).content.decode()
    assert fragment.startswith('<div id="process-editor">') and 'name="s2-code" value="B3"' in fragment
    fragment = editor_post(c, url, ROWS, "down:0", htmx=True).content.decode()
    assert fragment.index('value="TD"') < fragment.index('value="TN"')
    fragment = editor_post(c, url, ROWS, "remove:1", htmx=True).content.decode()
    assert 'value="TD"' not in fragment and "Có thay đổi chưa lưu" in fragment
    assert not ProcedureVersion.objects.filter(number=2).exists()  # nothing saved before "Lưu"
    r = editor_post(c, url, ROWS, "save", htmx=True)
    assert r.status_code == 204 and r["HX-Redirect"] == "/procedures/2.000488/v2/cases/TH1/process/"
    v2 = ProcedureVersion.objects.get(number=2)
    assert [s.code for s in v2.cases.get().steps.all()] == ["TN", "TD"]
    assert v2.cases.get().steps.get(code="TD").actions == ["forward", "supplement"]


def test_the_editor_shows_the_over_limit_message_inline_and_saves_nothing(published, manager):
    c = logged_in(manager)
    url = "/procedures/2.000488/v1/cases/TH1/process/"
    rows = [dict(ROWS[0]), dict(ROWS[1], allotted="5")]
    fragment = editor_post(c, url, rows, "check", htmx=True).content.decode()
    assert "vượt thời hạn" in fragment and "41,5 giờ làm việc" in fragment
    page = editor_post(c, url, rows, "save").content.decode()  # without htmx: the whole page again
    assert "Chưa lưu:" in page and "<html" in page
    assert not ProcedureVersion.objects.filter(number=2).exists()


def test_the_editor_is_read_only_for_an_officer(published, officer):
    c = logged_in(officer)
    page = c.get("/procedures/2.000488/v1/cases/TH1/process/").content.decode()
    assert "Lưu quy trình" not in page and "Lưu thành bản dự thảo mới" not in page
    editor_post(c, "/procedures/2.000488/v1/cases/TH1/process/", ROWS, "save")
    assert ProcedureVersion.objects.count() == 1


def test_the_draft_edit_form_changes_fields_and_limits(registry, manager):
    services.procedure_create(actor=manager, code="2.000488", content=make_content())
    c = logged_in(manager)
    assert c.get("/procedures/2.000488/v1/edit/").status_code == 200
    data = {"name": "Cấp Phiếu lý lịch tư pháp số 1", "sector": "Lý lịch tư pháp", "levels": ["tinh"],
            "online_level": "toan_trinh", "case-TH1-time_limit": "10", "case-TH1-time_unit": "calendar_days"}
    r = c.post("/procedures/2.000488/v1/edit/", data)
    assert r.status_code == 302
    v = ProcedureVersion.objects.get()
    assert v.name.endswith("số 1") and v.online_level == "toan_trinh" and v.cases.get().time_unit == "calendar_days"
    page = c.post("/procedures/2.000488/v1/edit/", {**data, "case-TH1-time_limit": "-1"}).content.decode()
    assert "không được âm" in page


def test_import_previews_then_applies(manager, db):
    from cchc.org.registry_demo import load_registry_demo

    load_registry_demo()
    c = logged_in(manager)
    files = [SimpleUploadedFile(n, (FIXTURES / n).read_bytes())
             for n in ("danh-sach-tthc.xlsx", "ChiTietTTHC_1.009975.docx")]
    fragment = c.post("/procedures/import/", {"files": files}, HTTP_HX_REQUEST="true").content.decode()
    assert "Kiểm tra xong, chưa ghi: 7 thủ tục" in fragment and "Áp dụng" in fragment
    assert not Procedure.objects.exists()
    token = ImportUpload.objects.values_list("token", flat=True).first()
    r = c.post(f"/procedures/import/{token}/apply/")
    assert r.status_code == 302 and Procedure.objects.count() == 7 and not ImportUpload.objects.exists()


def test_a_refused_import_shows_row_messages_and_no_apply_button(manager, db):
    c = logged_in(manager)
    bad = SimpleUploadedFile("danh-sach-sai-cot.xlsx", (FIXTURES / "danh-sach-sai-cot.xlsx").read_bytes())
    page = c.post("/procedures/import/", {"files": [bad]}).content.decode()
    assert "Tệp bị từ chối" in page and "dòng 2" in page and "/apply/" not in page
    assert not ImportUpload.objects.exists()
