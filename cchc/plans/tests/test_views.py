"""The pages: plan with tasks and approval, task page, queue, report form (with evidence), review,
spreadsheet upload → preview → confirm; an officer is kept to their own agency."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from cchc.plans.models import ProgressReport, Task, WorkItem
from cchc.plans.tests.conftest import work_item
from cchc.plans.tests.test_evidence import PDF


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def login(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_the_plan_page_offers_approval_then_shows_tasks_and_area_counts(plan_v1, people):
    plan, _ = plan_v1
    c = login(people["secretariat"])
    page = c.get(f"/plans/{plan.pk}/").content.decode()
    assert "Phê duyệt làm mốc và tạo nhiệm vụ" in page
    resp = c.post(f"/plans/{plan.pk}/v1/approve/", follow=True)
    page = resp.content.decode()
    assert "Đã phê duyệt phiên bản 1" in page and "Tiến độ theo lĩnh vực" in page
    assert "Cải cách thể chế" in page and "Rà soát văn bản quy phạm pháp luật" in page
    assert 'class="table-responsive"' in page
    assert "Phê duyệt làm mốc" not in page


def test_an_officer_cannot_approve(plan_v1, people):
    plan, _ = plan_v1
    assert login(people["officer_stp"]).post(f"/plans/{plan.pk}/v1/approve/").status_code == 403
    assert not Task.objects.exists()


def test_the_task_page_shows_baseline_assignments_and_report_button(approved, plan_v1, people):
    plan, _ = plan_v1
    task = Task.objects.get(plan=plan, no="1")
    page = login(people["officer_stp"]).get(f"/plans/tasks/{task.pk}/").content.decode()
    assert "Mốc phê duyệt" in page and "30/06/2020" in page
    assert "Ủy ban nhân dân huyện Định Hóa" in page and "qua nhóm" in page
    assert "/plans/work/" in page  # the report button of the officer's own share


def test_a_task_of_another_agency_is_not_found(approved, plan_v1, people):
    plan, _ = plan_v1
    task = Task.objects.get(plan=plan, no="4")
    assert login(people["officer_stp"]).get(f"/plans/tasks/{task.pk}/").status_code == 404


def test_the_queue_page_and_its_scope(approved, people):
    c = login(people["officer_stp"])
    page = c.get("/plans/queue/?bucket=all").content.decode()
    assert "Việc của cơ quan" in page and "Sở Tư pháp" in page and "Còn nợ:" in page
    other = c.get("/plans/queue/?agency=TN.SNV")
    assert other.status_code == 403 and "chỉ xem được việc của cơ quan mình" in other.content.decode()
    manager = login(people["secretariat"]).get("/plans/queue/?agency=TN.STP").content.decode()
    assert 'id="q-agency"' in manager


def test_reporting_with_evidence_from_the_form(approved, people, registry):
    item = work_item("1", registry["stp"])
    c = login(people["officer_stp"])
    assert "Báo cáo tiến độ" in c.get(f"/plans/work/{item.pk}/report/").content.decode()
    resp = c.post(f"/plans/work/{item.pk}/report/", {
        "status": "in_progress", "percent_mode": "manual", "percent": "45", "narrative": "Đang làm",
        "doc_number": "9/STP", "doc_date": "2020-05-04", "files": [SimpleUploadedFile("bc.pdf", PDF)]})
    assert resp.status_code == 302
    report = ProgressReport.objects.get()
    assert report.percent == 45 and report.evidence.count() == 2
    ev = report.evidence.get(kind="file")
    download = c.get(f"/plans/evidence/{ev.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert login(people["officer_snv"]).get(f"/plans/evidence/{ev.pk}/").status_code == 404


def test_a_forbidden_file_in_the_form_shows_the_message_and_writes_nothing(approved, people, registry):
    item = work_item("1", registry["stp"])
    resp = login(people["officer_stp"]).post(f"/plans/work/{item.pk}/report/", {
        "status": "in_progress", "percent_mode": "manual", "percent": "10",
        "files": [SimpleUploadedFile("bc.pdf", b"MZ\x90\x00 exe")]})
    page = resp.content.decode()
    assert resp.status_code == 200 and "không được chấp nhận làm minh chứng" in page
    assert "evidence_type_forbidden" in page and not ProgressReport.objects.exists()


def test_reporting_on_another_agency_s_work_is_refused(approved, people, registry):
    item = work_item("1", registry["stp"])
    resp = login(people["officer_snv"]).get(f"/plans/work/{item.pk}/report/")
    assert resp.status_code == 403 and "task_not_assigned" in resp.content.decode()


def test_the_secretariat_reviews_from_the_review_list(approved, people, registry):
    item = work_item("1", registry["stp"])
    login(people["officer_stp"]).post(f"/plans/work/{item.pk}/report/", {
        "status": "done", "percent_mode": "manual", "completed_on": "2020-06-29"})
    report = ProgressReport.objects.get()
    c = login(people["secretariat"])
    page = c.get("/plans/reviews/").content.decode()
    assert "Báo cáo chờ duyệt (1)" in page and f"/plans/reports/{report.pk}/review/" in page
    resp = c.post(f"/plans/reports/{report.pk}/review/", {"decision": "return", "reason": "Thiếu minh chứng",
                                                          "next": "/plans/reviews/"})
    assert resp.status_code == 302 and resp["Location"] == "/plans/reviews/"
    assert WorkItem.objects.get(pk=item.pk).review == "returned"
    queue = login(people["officer_stp"]).get("/plans/queue/").content.decode()
    assert "Thiếu minh chứng" in queue and "bị trả lại" in queue
    assert login(people["officer_stp"]).get("/plans/reviews/").status_code == 403


def test_the_spreadsheet_upload_previews_then_applies(approved, people, registry):
    from cchc.plans.tests.test_sheet_import import edit

    c = login(people["officer_stp"])
    exported = c.get("/plans/queue/export.xlsx")
    assert exported.status_code == 200
    item = work_item("1", registry["stp"])
    data = edit(exported.content, {item.pk: {"status": "Đang thực hiện", "percent": 35}})
    page = c.post("/plans/progress/import/", {"file": SimpleUploadedFile("t.xlsx", data)}).content.decode()
    assert "1 dòng thay đổi" in page and "Xác nhận ghi các thay đổi" in page
    assert not ProgressReport.objects.exists()
    assert "“Chưa thực hiện” → “Đang thực hiện”" in page
    token = re.search(r"/plans/progress/import/([^/\"]+)/confirm/", page).group(1)
    resp = c.post(f"/plans/progress/import/{token}/confirm/")
    assert resp.status_code == 302 and WorkItem.objects.get(pk=item.pk).percent == 35


def test_a_spreadsheet_with_wrong_columns_shows_a_clear_message(approved, people):
    import io

    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["STT", "Nội dung", "Kết quả"])
    out = io.BytesIO()
    wb.save(out)
    page = login(people["officer_stp"]).post("/plans/progress/import/", {
        "file": SimpleUploadedFile("t.xlsx", out.getvalue())}).content.decode()
    assert "không đúng mẫu" in page and "sheet_wrong_columns" in page


def test_the_task_forms(approved, plan_v1, people):
    plan, _ = plan_v1
    c = login(people["secretariat"])
    assert c.get(f"/plans/{plan.pk}/tasks/new/").status_code == 200
    resp = c.post(f"/plans/{plan.pk}/tasks/new/", {"content": "Kiểm tra CCHC", "lead": ["TN.STP"],
                                                    "due_date": "2021-02-01"})
    assert "date_outside_plan_period" in resp.content.decode()
    resp = c.post(f"/plans/{plan.pk}/tasks/new/", {"content": "Kiểm tra CCHC", "lead": ["TN.STP"],
                                                    "coordinating": ["UBND_CAP_HUYEN"], "due_date": "2020-11-20"})
    assert resp.status_code == 302
    task = Task.objects.get(content="Kiểm tra CCHC")
    occ = task.occurrences.get()
    resp = c.post(f"/plans/tasks/{task.pk}/edit/", {"action": "reschedule", "occurrence": occ.pk,
                                                    "due_date": "2020-12-10", "reason": "Chờ đoàn kiểm tra"})
    assert resp.status_code == 302
    page = c.get(f"/plans/tasks/{task.pk}/").content.decode()
    assert "lùi 20 ngày so với mốc" in page and "Chờ đoàn kiểm tra" in page
    assert login(people["officer_stp"]).get(f"/plans/tasks/{task.pk}/edit/").status_code == 403
    assert c.get(f"/plans/{plan.pk}/export.xlsx").status_code == 200
    assert date(2020, 12, 10) == Task.objects.get(pk=task.pk).due_date
