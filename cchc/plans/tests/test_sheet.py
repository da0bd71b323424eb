"""The progress spreadsheet out and in (pure): same columns both ways, clear refusals, cell parsing."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from openpyxl import Workbook, load_workbook

from cchc.plans import sheet

ROW = {"id": 12, "plan": "KH 2020", "no": "1", "task": "Rà soát", "agency": "Sở Tư pháp", "role": "Chủ trì",
       "period": "", "due": date(2020, 6, 30), "status": "in_progress", "percent": 40, "completed_on": None,
       "narrative": "Đang rà soát", "reason": "", "doc_number": "", "doc_date": None, "stamp": 5}


def test_what_is_written_reads_back_the_same():
    rows = sheet.read(sheet.write([ROW]))
    assert len(rows) == 1 and rows[0].line == 2
    v = rows[0].values
    assert v["id"] == 12 and v["status"] == "Đang thực hiện" and v["percent"] == 40 and v["stamp"] == 5
    assert sheet.parse_date(v["due"]) == date(2020, 6, 30)


def test_the_workbook_offers_the_statuses_as_a_list_and_a_guide():
    wb = load_workbook(io.BytesIO(sheet.write([ROW])))
    assert wb.sheetnames == [sheet.SHEET_TITLE, sheet.GUIDE_TITLE]
    lists = [dv for dv in wb[sheet.SHEET_TITLE].data_validations.dataValidation if dv.type == "list"]
    assert "Chưa thực hiện" in lists[0].formula1


def _book(header):
    wb = Workbook()
    wb.active.append(header)
    wb.active.append([1] * len(header))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.mark.parametrize(("header", "words"), [
    ([c.label for c in sheet.COLUMNS[:-1]], "thiếu: Mã báo cáo gần nhất"),
    ([c.label for c in sheet.COLUMNS] + ["Ghi chú"], "thừa: Ghi chú"),
    ([c.label for c in reversed(sheet.COLUMNS)], "sai thứ tự"),
])
def test_wrong_columns_are_refused_with_what_is_wrong(header, words):
    with pytest.raises(sheet.SheetError) as err:
        sheet.read(_book(header))
    assert err.value.code == "sheet_wrong_columns" and words in err.value.message


@pytest.mark.parametrize("data", [b"", b"not a spreadsheet", b"PK\x03\x04broken"])
def test_a_file_that_is_not_xlsx_is_refused(data):
    with pytest.raises(sheet.SheetError) as err:
        sheet.read(data)
    assert err.value.code == "sheet_not_xlsx"


@pytest.mark.parametrize(("value", "expected"), [
    ("Hoàn thành", "done"), ("hoan thanh dung han", "done_on_time"), ("Không thực hiện được", "not_feasible"),
    ("in_progress", "in_progress"), ("", None), (None, None),
])
def test_statuses_by_their_labels(value, expected):
    assert sheet.parse_status(value) == expected


def test_an_unknown_status_is_a_cell_error():
    with pytest.raises(sheet.CellError) as err:
        sheet.parse_status("Xong rồi")
    assert err.value.code == "invalid_status"


@pytest.mark.parametrize(("value", "expected"), [
    ("30/06/2020", date(2020, 6, 30)), ("2020-06-30", date(2020, 6, 30)), (datetime(2020, 6, 30, 0, 0),
                                                                            date(2020, 6, 30)),
    ("", None),
])
def test_dates(value, expected):
    assert sheet.parse_date(value) == expected


@pytest.mark.parametrize("value", ["31/02/2020", "tháng 6", "2020/6"])
def test_bad_dates(value):
    with pytest.raises(sheet.CellError):
        sheet.parse_date(value)


@pytest.mark.parametrize(("value", "expected"), [("50", 50), (75, 75), ("100%", 100), (None, None), (60.0, 60)])
def test_percents(value, expected):
    assert sheet.parse_percent(value) == expected


@pytest.mark.parametrize("value", ["abc", 101, -1, 12.5, True])
def test_bad_percents(value):
    with pytest.raises(sheet.CellError):
        sheet.parse_percent(value)
