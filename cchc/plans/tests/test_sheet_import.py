"""Excel round-trip: export, edit offline, re-import with a dry-run diff and row errors, apply all or nothing."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from cchc.common.errors import ValidationFailed
from cchc.common.models import Event
from cchc.plans import sheet
from cchc.plans.models import ProgressReport, WorkItem
from cchc.plans.selectors.sheet import sheet_rows
from cchc.plans.services.progress import ReportInput, progress_report_submit
from cchc.plans.services.sheet import progress_sheet_import
from cchc.plans.tests.conftest import work_item

TODAY = date(2020, 7, 10)


def exported(user, **kw) -> bytes:
    return sheet.write(sheet_rows(user=user, **kw))


def edit(data: bytes, changes: dict[int, dict[str, object]]) -> bytes:
    """Change cells by work item id and column key, as a person would in Excel."""
    wb = load_workbook(io.BytesIO(data))
    ws = wb[sheet.SHEET_TITLE]
    cols = {c.key: i for i, c in enumerate(sheet.COLUMNS, 1)}
    for row in ws.iter_rows(min_row=2):
        wid = row[0].value
        for key, value in changes.get(wid, {}).items():
            row[cols[key] - 1].value = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_an_officer_exports_only_their_agency_rows(approved, people, registry):
    rows = sheet_rows(user=people["officer_stp"])
    assert rows and {r["agency"] for r in rows} == {"Sở Tư pháp"}
    everything = sheet_rows(user=people["secretariat"])
    assert len({r["agency"] for r in everything}) > 3


def test_dry_run_shows_the_diff_and_writes_nothing(approved, people, registry):
    item = work_item("1", registry["stp"])
    data = edit(exported(people["officer_stp"]), {item.pk: {
        "status": "Đang thực hiện", "percent": 70, "narrative": "Đã rà soát 70 văn bản"}})
    result = progress_sheet_import(actor=people["officer_stp"], data=data, dry_run=True, today=TODAY)
    assert not result.errors and not result.applied and len(result.changes) == 1
    change = result.changes[0]
    assert change.work_item == item.pk and change.fields["percent"] == {"old": None, "new": 70}
    assert change.fields["status"] == {"old": "not_started", "new": "in_progress"}
    assert result.unchanged == result.rows - 1
    assert not ProgressReport.objects.exists() and not Event.objects.filter(verb__startswith="progress").exists()


def test_apply_writes_every_changed_row(approved, people, registry):
    one, two = work_item("1", registry["stp"]), work_item("II.1.a", registry["stp"])
    data = edit(exported(people["officer_stp"]), {
        one.pk: {"status": "Hoàn thành", "completed_on": "05/07/2020", "doc_number": "77/BC-STP",
                 "doc_date": "06/07/2020"},
        two.pk: {"status": "Đang thực hiện", "percent": "30"}})
    result = progress_sheet_import(actor=people["officer_stp"], data=data, dry_run=False, today=TODAY)
    assert result.applied and len(result.changes) == 2
    one.refresh_from_db()
    assert one.status == "done_late" and one.completed_on == date(2020, 7, 5)  # due 30/06
    report = one.latest_report
    assert report.channel == "sheet" and report.evidence.get().doc_number == "77/BC-STP"
    assert WorkItem.objects.get(pk=two.pk).percent == 30
    assert Event.objects.filter(verb="progress.sheet_import").count() == 1
    # Exported again and re-imported unchanged: nothing to do.
    again = progress_sheet_import(actor=people["officer_stp"], data=exported(people["officer_stp"]), dry_run=True,
                                  today=TODAY)
    assert not again.changes and not again.errors


def test_one_bad_row_blocks_the_whole_sheet(approved, people, registry):
    one, two = work_item("1", registry["stp"]), work_item("II.1.a", registry["stp"])
    data = edit(exported(people["officer_stp"]), {
        one.pk: {"status": "Đang thực hiện", "percent": 50},
        two.pk: {"status": "Hoàn thành", "completed_on": "15/08/2020"}})  # in the future on 10/07
    result = progress_sheet_import(actor=people["officer_stp"], data=data, dry_run=False, today=TODAY)
    assert not result.applied and [e.code for e in result.errors] == ["date_in_future"]
    assert result.errors[0].line > 1 and "Dòng" in result.errors[0].message
    assert not ProgressReport.objects.exists()


@pytest.mark.parametrize(("cells", "code"), [
    ({"status": "Xong"}, "invalid_status"),
    ({"percent": "nhiều"}, "invalid_percent"),
    ({"completed_on": "31/02/2020", "status": "Hoàn thành"}, "invalid_date"),
    ({"status": "Hoàn thành", "completed_on": "01/12/2019"}, "date_outside_plan_period"),
    ({"status": "Không thực hiện được"}, "reason_required"),
    ({"status": "Hoàn thành", "percent": 40}, "percent_status_mismatch"),
    ({"status": ""}, "status_required"),
])
def test_row_errors_name_the_line_and_the_problem(approved, people, registry, cells, code):
    item = work_item("1", registry["stp"])
    data = edit(exported(people["officer_stp"]), {item.pk: cells})
    result = progress_sheet_import(actor=people["officer_stp"], data=data, dry_run=True, today=TODAY)
    assert [e.code for e in result.errors] == [code]
    assert result.errors[0].work_item == item.pk


def test_rows_of_another_agency_are_refused(approved, people, registry):
    theirs = work_item("1", registry["stp"])
    data = edit(exported(people["secretariat"]), {theirs.pk: {"status": "Đang thực hiện", "percent": 10}})
    result = progress_sheet_import(actor=people["officer_snv"], data=data, dry_run=False, today=TODAY)
    assert [e.code for e in result.errors] == ["task_not_assigned"] and not result.applied
    assert not ProgressReport.objects.exists()


def test_a_row_changed_since_the_export_is_refused(approved, people, registry):
    item = work_item("1", registry["stp"])
    data = edit(exported(people["officer_stp"]), {item.pk: {"status": "Đang thực hiện", "percent": 20}})
    progress_report_submit(actor=people["officer_stp"], work_item=item, today=TODAY,
                           data=ReportInput(status="in_progress", percent=40))
    result = progress_sheet_import(actor=people["officer_stp"], data=data, dry_run=True, today=TODAY)
    assert [e.code for e in result.errors] == ["row_outdated"]


def test_unknown_and_duplicate_rows_are_errors(approved, people, registry):
    item = work_item("1", registry["stp"])
    wb = load_workbook(io.BytesIO(exported(people["officer_stp"])))
    ws = wb[sheet.SHEET_TITLE]
    ws.append([999999] + [None] * (len(sheet.COLUMNS) - 1))
    first = [c.value for c in next(r for r in ws.iter_rows(min_row=2) if r[0].value == item.pk)]
    ws.append(first)
    out = io.BytesIO()
    wb.save(out)
    result = progress_sheet_import(actor=people["officer_stp"], data=out.getvalue(), dry_run=True, today=TODAY)
    assert sorted(e.code for e in result.errors) == ["duplicate_row", "work_item_not_found"]


def test_a_sheet_with_wrong_columns_is_refused_as_a_whole(approved, people):
    wb = load_workbook(io.BytesIO(exported(people["officer_stp"])))
    ws = wb[sheet.SHEET_TITLE]
    ws.delete_cols(10)  # "Tiến độ (%)"
    out = io.BytesIO()
    wb.save(out)
    with pytest.raises(ValidationFailed) as err:
        progress_sheet_import(actor=people["officer_stp"], data=out.getvalue(), dry_run=True, today=TODAY)
    assert err.value.code == "sheet_wrong_columns" and "Tiến độ (%)" in err.value.message
    assert err.value.details["missing"] == ["Tiến độ (%)"]


def test_a_file_that_is_not_a_spreadsheet_is_refused(approved, people):
    with pytest.raises(ValidationFailed) as err:
        progress_sheet_import(actor=people["officer_stp"], data=b"%PDF-1.4 not a sheet", dry_run=True)
    assert err.value.code == "sheet_not_xlsx"
