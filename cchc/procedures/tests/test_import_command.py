"""``cchc import-procedures``: the JSON it prints, re-imports without duplicates, refusals that write nothing."""

import json

import pytest
from django.core.management import call_command

from cchc.procedures.importer.legacy import OLE_MAGIC
from cchc.procedures.models import Procedure, ProcedureVersion

from .conftest import FIXTURES


def run(capsys, *args):
    code = 0
    try:
        call_command("import_procedures", *args)
    except SystemExit as exc:
        code = exc.code
    out = capsys.readouterr()
    return code, out.out, out.err


def files(*names):
    return [str(FIXTURES / n) for n in names]


@pytest.fixture
def demo_registry(db):
    from cchc.org.registry_demo import load_registry_demo

    load_registry_demo()


def test_json_lists_the_procedures_with_names_as_written(capsys, demo_registry):
    code, out, _ = run(capsys, *files("danh-sach-tthc.xlsx"), "--json", "--dry-run")
    payload = json.loads(out)
    assert code == 0 and payload["count"] == 7 and payload["errors"] == []
    first = payload["procedures"][0]
    assert {"code", "name", "issuing_agency", "implementing_agencies", "field"} <= set(first)
    assert first["implementing_agencies"] == ["Ủy ban nhân dân cấp xã", "Ủy ban nhân dân xã, phường, đặc khu"]
    assert first["action"] == "created" and len(first["competent_agencies"]) == 92  # every commune of the demo
    assert first["unresolved_agencies"] == ["Ủy ban nhân dân xã, phường, đặc khu"]
    assert not Procedure.objects.exists()  # dry run


def test_import_then_reimport_creates_nothing_twice(capsys, demo_registry):
    args = files("danh-sach-tthc.xlsx", "ChiTietTTHC_1.009975.docx", "ChiTietTTHC_2.000908.html")
    code, out, _ = run(capsys, *args)
    assert code == 0 and "Đã nhập 7 thủ tục" in out
    assert Procedure.objects.count() == 7 and ProcedureVersion.objects.count() == 7
    building = ProcedureVersion.objects.get(procedure__code="1.009975")
    assert building.cases.count() == 2 and building.levels == ["tinh"]
    assert list(building.competent_agencies.values_list("code", flat=True)) == ["TN.SXD"]

    code, out, _ = run(capsys, *args, "--json")
    assert code == 0 and json.loads(out)["summary"]["unchanged"] == 7
    # The same list from the CSV, without the details, changes nothing either: details are kept.
    code, out, _ = run(capsys, *files("danh-sach-tthc.csv"), "--json")
    assert json.loads(out)["summary"]["unchanged"] == 7
    assert ProcedureVersion.objects.count() == 7


def test_changed_content_becomes_a_new_draft_version(capsys, demo_registry, tmp_path):
    from cchc.procedures.services import version_publish

    run(capsys, *files("danh-sach-tthc.xlsx", "ChiTietTTHC_1.009975.docx"))
    version_publish(actor=None, version=ProcedureVersion.objects.get(procedure__code="1.009975"))
    changed = (FIXTURES / "danh-sach-tthc.csv").read_text(encoding="utf-8-sig").replace(
        "Đăng ký kết hôn", "Đăng ký kết hôn (sửa đổi)")
    path = tmp_path / "ds.csv"
    path.write_text(changed, encoding="utf-8")
    code, out, _ = run(capsys, str(path), "--json")
    summary = json.loads(out)["summary"]
    assert summary == {"created": 0, "new_version": 0, "updated_draft": 1, "unchanged": 6}
    marriage = ProcedureVersion.objects.get(procedure__code="1.000894")
    assert marriage.number == 1 and marriage.name == "Đăng ký kết hôn (sửa đổi)"

    path.write_text(changed.replace("Cấp giấy phép xây dựng mới", "Cấp giấy phép xây dựng"), encoding="utf-8")
    code, out, _ = run(capsys, str(path), "--json")
    assert json.loads(out)["summary"]["new_version"] == 1
    versions = dict(ProcedureVersion.objects.filter(procedure__code="1.009975").values_list("number", "status"))
    assert versions == {1: "published", 2: "draft"}
    v2 = ProcedureVersion.objects.get(procedure__code="1.009975", number=2)
    assert v2.cases.count() == 2  # the detail of the earlier import was carried into the new draft


def test_wrong_columns_refuse_the_whole_import_and_write_nothing(capsys, demo_registry):
    code, out, err = run(capsys, *files("danh-sach-tthc.csv", "danh-sach-sai-cot.xlsx"), "--json")
    payload = json.loads(out)
    assert code == 1 and not Procedure.objects.exists()
    assert payload["errors"][0] == {"file": "danh-sach-sai-cot.xlsx", "row": 2,
                                    "message": "Thiếu cột “Mã số” ở dòng tiêu đề."}


def test_a_legacy_doc_without_libreoffice_is_refused_with_a_message(capsys, demo_registry, tmp_path, monkeypatch):
    monkeypatch.setattr("cchc.procedures.importer.legacy.shutil.which", lambda name: None)
    doc = tmp_path / "ChiTietTTHC_1.001193.doc"
    doc.write_bytes(OLE_MAGIC + b"\x00" * 256)
    code, out, err = run(capsys, *files("danh-sach-tthc.xlsx"), str(doc))
    assert code == 1 and "LibreOffice" in err and not Procedure.objects.exists()


def test_a_missing_file_is_an_error(capsys, db):
    code, _, err = run(capsys, "/nonexistent/ds.xlsx")
    assert code == 1 and "không tìm thấy" in err
