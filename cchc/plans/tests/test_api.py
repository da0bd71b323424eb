"""The plan-execution API: approve, tasks, queue, reports, reviews, evidence (multipart), spreadsheet;
every read scoped to the reader's agency — another agency's data is not found."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from cchc.plans import sheet
from cchc.plans.models import ProgressReport, Task, WorkItem
from cchc.plans.tests.conftest import work_item
from cchc.plans.tests.test_evidence import PDF

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def client_for(user) -> Client:
    from cchc.accounts.services import token_create

    _token, raw = token_create(actor=user, name="api")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def post_json(client, url, body):
    return client.post(url, body, content_type="application/json")


def test_the_secretariat_approves_a_version_through_the_api(plan_v1, people):
    plan, _ = plan_v1
    officer = client_for(people["officer_stp"]).post(f"/api/v1/plans/{plan.pk}/versions/1/approve")
    assert officer.status_code == 403 and officer.json()["error"]["code"] == "plan_approve_forbidden"
    api = client_for(people["secretariat"])
    resp = api.post(f"/api/v1/plans/{plan.pk}/versions/1/approve")
    assert resp.status_code == 200, resp.content
    assert resp.json()["created"] == 13 and "các Sở, Ban, ngành liên quan" in resp.json()["unresolved"]
    again = api.post(f"/api/v1/plans/{plan.pk}/versions/1/approve")
    assert again.status_code == 409 and again.json()["error"]["code"] == "version_already_approved"
    assert api.post(f"/api/v1/plans/{plan.pk}/versions/9/approve").status_code == 404
    listed = api.get("/api/v1/plans").json()
    assert listed[0]["baseline_version"] == 1 and listed[0]["period_end"] == "2020-12-31"


def test_an_agency_lists_only_the_tasks_it_is_assigned(approved, plan_v1, people):
    plan, _ = plan_v1
    mine = client_for(people["officer_stp"]).get(f"/api/v1/plans/{plan.pk}/tasks?limit=500").json()
    nos = {t["no"] for t in mine["items"]}
    assert "1" in nos and "4" not in nos  # task 4 is the Office's alone
    everyone = client_for(people["secretariat"]).get(f"/api/v1/plans/{plan.pk}/tasks?limit=500").json()
    assert everyone["count"] > mine["count"]
    t1 = next(t for t in mine["items"] if t["no"] == "1")
    assert [a["agency"]["code"] for a in t1["lead"]] == ["TN.STP"] and t1["work_items"] == 1


def test_cannot_see_another_agency_s_data(approved, plan_v1, people, registry):
    plan, _ = plan_v1
    snv_item = work_item("2", registry["snv"])
    snv_report = ProgressReport.objects.get(pk=client_for(people["officer_snv"]).post(
        f"/api/v1/work-items/{snv_item.pk}/reports", {"status": "in_progress", "percent": 10},
        content_type="application/json").json()["id"])
    evidence = client_for(people["officer_snv"]).post(f"/api/v1/reports/{snv_report.pk}/evidence",
                                                      {"file": SimpleUploadedFile("bc.pdf", PDF)}).json()
    stp = client_for(people["officer_stp"])
    office_only = Task.objects.get(plan=plan, no="4")
    for url in (f"/api/v1/tasks/{office_only.pk}", f"/api/v1/work-items/{snv_item.pk}",
                f"/api/v1/reports/{snv_report.pk}", f"/api/v1/evidence/{evidence['id']}/file"):
        resp = stp.get(url)
        assert resp.status_code == 404, (url, resp.content)
    assert stp.get("/api/v1/queue?agency=TN.SNV").status_code == 403
    assert snv_report.pk not in [r["id"] for r in stp.get("/api/v1/reports?limit=500").json()["items"]]
    counts = stp.get(f"/api/v1/plans/{plan.pk}/progress?by=agency").json()
    assert [r["label"] for r in counts["rows"]] == ["Sở Tư pháp"]
    rows = stp.get("/api/v1/queue.xlsx")
    assert rows.status_code == 200
    assert {r.values["agency"] for r in sheet.read(rows.content)} == {"Sở Tư pháp"}
    # Writing on another agency's work item: not found either.
    resp = post_json(stp, f"/api/v1/work-items/{snv_item.pk}/reports", {"status": "in_progress"})
    assert resp.status_code == 404 and ProgressReport.objects.count() == 1


def test_report_review_and_evidence_through_the_api(approved, people, registry):
    item = work_item("1", registry["stp"])
    stp = client_for(people["officer_stp"])
    resp = post_json(stp, f"/api/v1/work-items/{item.pk}/reports", {
        "status": "done", "completed_on": "2020-06-29",
        "narrative": "Đã ban hành kế hoạch", "references": [{"number": "12/KH-STP", "date": "2020-06-29"}]})
    assert resp.status_code == 201, resp.content
    report = resp.json()
    assert report["kind"] == "report" and report["status"] == "done_on_time" and report["percent"] == 100
    assert report["evidence"][0]["doc_number"] == "12/KH-STP"
    upload = stp.post(f"/api/v1/reports/{report['id']}/evidence", {"file": SimpleUploadedFile("kh.pdf", PDF)})
    assert upload.status_code == 201 and upload.json()["file_type"] == "pdf" and len(upload.json()["sha256"]) == 64
    download = stp.get(f"/api/v1/evidence/{upload.json()['id']}/file")
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == PDF
    secretariat = client_for(people["secretariat"])
    pending = secretariat.get("/api/v1/reports?review=submitted&kind=report").json()
    assert [r["id"] for r in pending["items"]] == [report["id"]]
    ok = post_json(secretariat, f"/api/v1/reports/{report['id']}/review", {"decision": "return", "reason": "Bổ sung"})
    assert ok.status_code == 200 and ok.json()["review"] == "returned"
    twice = post_json(secretariat, f"/api/v1/reports/{report['id']}/review", {"decision": "accept"})
    assert twice.status_code == 409 and twice.json()["error"]["code"] == "report_not_pending"
    assert WorkItem.objects.get(pk=item.pk).is_open


@pytest.mark.parametrize(("name", "data", "status", "code"), [
    ("virus.pdf", b"MZ\x90\x00\x03", 422, "evidence_type_forbidden"),
    ("anh.gif", b"GIF89a....", 422, "evidence_type_forbidden"),
    ("lon.pdf", PDF + b"0" * 4096, 413, "evidence_too_large"),
])
def test_bad_evidence_is_refused_through_the_api(approved, people, registry, settings, name, data, status, code):
    settings.CCHC_EVIDENCE_MAX_BYTES = 2048
    item = work_item("1", registry["stp"])
    stp = client_for(people["officer_stp"])
    report = post_json(stp, f"/api/v1/work-items/{item.pk}/reports", {"status": "in_progress", "percent": 5}).json()
    resp = stp.post(f"/api/v1/reports/{report['id']}/evidence", {"file": SimpleUploadedFile(name, data)})
    assert resp.status_code == status and resp.json()["error"]["code"] == code
    assert not ProgressReport.objects.get(pk=report["id"]).evidence.exists()


def test_the_queue_api(approved, people):
    resp = client_for(people["officer_stp"]).get("/api/v1/queue?bucket=all&limit=500")
    assert resp.status_code == 200
    body = resp.json()
    assert body["agency"]["code"] == "TN.STP" and body["at_risk_days"] == 5 and body["count"] == len(body["items"])
    row = next(i for i in body["items"] if i["task_no"] == "1")
    assert {a["code"] for a in row["owed_by"]} == {"TN.VPUB", "TN.H164", "TN.H167"}
    assert client_for(people["admin"]).get("/api/v1/queue").json()["error"]["code"] == "agency_required"


def test_tasks_are_added_rescheduled_reassigned_and_cancelled_through_the_api(approved, plan_v1, people):
    plan, _ = plan_v1
    api = client_for(people["secretariat"])
    bad = post_json(api, f"/api/v1/plans/{plan.pk}/tasks", {"content": "X", "lead": ["TN.STP"],
                                                            "due_date": "2021-03-01"})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "date_outside_plan_period"
    made = post_json(api, f"/api/v1/plans/{plan.pk}/tasks", {"content": "Tập huấn", "lead": ["TN.STP"],
                                                             "coordinating": ["UBND_CAP_HUYEN"], "due_date": "2020-10-01"})
    assert made.status_code == 201, made.content
    tid = made.json()["id"]
    moved = post_json(api, f"/api/v1/tasks/{tid}/reschedule", {"due_date": "2020-10-20", "reason": "Lùi lịch"})
    assert moved.status_code == 200 and moved.json()["variance_days"] == 19
    detail = api.get(f"/api/v1/tasks/{tid}").json()
    assert detail["deadline_changes"][0]["reason"] == "Lùi lịch" and len(detail["assignments"]) == 3
    assert detail["occurrences"][0]["baseline_due"] == "2020-10-01"
    again = api.put(f"/api/v1/tasks/{tid}/assignees", {"lead": ["TN.SNV"]}, content_type="application/json")
    assert again.status_code == 200
    patched = api.patch(f"/api/v1/tasks/{tid}", {"content": "Tập huấn nghiệp vụ"}, content_type="application/json")
    assert patched.json()["content"] == "Tập huấn nghiệp vụ"
    officer = client_for(people["officer_stp"])
    assert post_json(officer, f"/api/v1/tasks/{tid}/cancel", {"reason": "x"}).status_code in (403, 404)
    assert post_json(api, f"/api/v1/tasks/{tid}/cancel", {"reason": "Trùng"}).json()["state"] == "cancelled"
    assert post_json(api, f"/api/v1/tasks/{tid}/cancel", {"reason": "Trùng"}).status_code == 409


def test_the_spreadsheet_through_the_api(approved, people, registry):
    from cchc.plans.tests.test_sheet_import import edit

    stp = client_for(people["officer_stp"])
    exported = stp.get("/api/v1/queue.xlsx")
    assert exported.status_code == 200 and exported["Content-Type"] == XLSX
    item = work_item("1", registry["stp"])
    good = edit(exported.content, {item.pk: {"status": "Đang thực hiện", "percent": 25}})
    dry = stp.post("/api/v1/progress/import", {"file": SimpleUploadedFile("t.xlsx", good)})
    assert dry.status_code == 200 and dry.json()["dry_run"] and len(dry.json()["changes"]) == 1
    assert not ProgressReport.objects.exists()
    bad = edit(exported.content, {item.pk: {"status": "Không thực hiện được"}})
    refused = stp.post("/api/v1/progress/import", {"file": SimpleUploadedFile("t.xlsx", bad), "dry_run": "false"})
    assert refused.status_code == 422 and refused.json()["error"]["code"] == "sheet_has_errors"
    assert refused.json()["error"]["details"][0]["code"] == "reason_required"
    applied = stp.post("/api/v1/progress/import", {"file": SimpleUploadedFile("t.xlsx", good), "dry_run": "false"})
    assert applied.status_code == 200 and applied.json()["applied"]
    assert WorkItem.objects.get(pk=item.pk).percent == 25
    wrong = stp.post("/api/v1/progress/import", {"file": SimpleUploadedFile("t.xlsx", b"a,b,c\n1,2,3")})
    assert wrong.status_code == 422 and wrong.json()["error"]["code"] == "sheet_not_xlsx"


def test_the_schema_declares_the_upload_refusals():
    from cchc.api.main import api

    paths = api.get_openapi_schema()["paths"]
    upload = paths["/api/v1/reports/{report_id}/evidence"]["post"]
    assert {"201", "413", "403", "404", "409", "422"} <= {str(k) for k in upload["responses"]}
    assert "multipart/form-data" in upload["requestBody"]["content"]
    assert XLSX in paths["/api/v1/queue.xlsx"]["get"]["responses"][200]["content"]
