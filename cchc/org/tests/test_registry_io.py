"""Registry spreadsheets: export and re-import round-trip; bad files are refused whole."""

import csv
import io

import pytest

from cchc.common.errors import ValidationFailed
from cchc.common.models import Event
from cchc.org.models import Agency
from cchc.org.registry_io import COLUMNS, registry_export, registry_import


def csv_bytes(rows, header=COLUMNS):
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue().encode("utf-8")


def row(code, name, type_="so", parent="TN.UBND", start="2020-01-01", end="", aliases=""):
    return [code, name, "", aliases, type_, parent, start, end, "", "", "", "V", "test"]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_an_export_reimports_unchanged(registry, fmt):
    data = registry_export(agencies=list(Agency.objects.prefetch_related("aliases").select_related("parent")), fmt=fmt)
    report = registry_import(actor=None, data=data, filename=f"co-quan.{fmt}")
    assert report.created == [] and report.updated == []
    assert len(report.unchanged) == Agency.objects.count()


def test_it_creates_children_after_their_parents_whatever_the_row_order(registry):
    data = csv_bytes([
        row("TN.SYT.P1", "Phòng Nghiệp vụ Y", "khac", "TN.SYT"),
        row("TN.SYT", "Sở Y tế"),
    ])
    report = registry_import(actor=None, data=data, filename="a.csv")
    assert sorted(report.created) == ["TN.SYT", "TN.SYT.P1"]
    assert Agency.objects.get(code="TN.SYT.P1").parent.code == "TN.SYT"


def test_an_unknown_parent_refuses_the_whole_file(registry):
    events = Event.objects.count()
    data = csv_bytes([row("TN.SYT", "Sở Y tế"), row("TN.SXX", "Sở X", parent="KHONG.CO")])
    with pytest.raises(ValidationFailed) as err:
        registry_import(actor=None, data=data, filename="a.csv")
    assert err.value.code == "import_rejected"
    assert err.value.details == [{"row": 3, "column": "parent_code", "message": "Không có cơ quan cấp trên mã “KHONG.CO”."}]
    assert not Agency.objects.filter(code="TN.SYT").exists()
    assert Event.objects.count() == events


def test_overlapping_validity_of_the_same_agency_is_refused(registry):
    data = csv_bytes([
        row("TN.SYT", "Sở Y tế", start="2000-01-01", end="2021-12-31"),
        row("TN.SYT2", "Sở Y tế", start="2021-06-01"),
    ])
    with pytest.raises(ValidationFailed) as err:
        registry_import(actor=None, data=data, filename="a.csv")
    assert err.value.details[0]["row"] == 3
    assert "chồng lấn" in err.value.details[0]["message"]


def test_wrong_columns_are_refused_with_a_message_naming_them(registry):
    with pytest.raises(ValidationFailed) as err:
        registry_import(actor=None, data=csv_bytes([["x"]], header=["mã số", "tên cơ quan"]), filename="a.csv")
    assert err.value.code == "wrong_columns"
    assert "thiếu cột" in err.value.message


def test_row_errors_are_all_reported_at_once(registry):
    data = csv_bytes([row("", "Sở A"), row("TN.B", "Sở B", type_="khong-co"), row("TN.C", "Sở C", start="31/02/2020")])
    with pytest.raises(ValidationFailed) as err:
        registry_import(actor=None, data=data, filename="a.csv")
    assert {(e["row"], e["column"]) for e in err.value.details} == {(2, "code"), (3, "type"), (4, "valid_from")}


def test_a_dry_run_writes_nothing(registry):
    report = registry_import(actor=None, data=csv_bytes([row("TN.SYT", "Sở Y tế")]), filename="a.csv", dry_run=True)
    assert report.created == ["TN.SYT"]
    assert not Agency.objects.filter(code="TN.SYT").exists()


def test_an_officer_cannot_import(registry, people):
    from cchc.common.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        registry_import(actor=people["officer_stp"], data=csv_bytes([row("TN.SYT", "Sở Y tế")]), filename="a.csv")


def test_a_file_that_is_not_a_spreadsheet_is_refused(registry):
    with pytest.raises(ValidationFailed) as err:
        registry_import(actor=None, data=b"PK\x03\x04garbage", filename="a.xlsx")
    assert err.value.code == "bad_xlsx"
