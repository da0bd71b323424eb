"""The national exports read from files: list XLSX/CSV, detail DOCX/HTML, legacy .doc. Pure, no database."""

import io

import pytest
from openpyxl import Workbook

from cchc.procedures.importer import parse_files, record_content, record_json
from cchc.procedures.importer.legacy import OLE_MAGIC, LegacyRefused, convert_doc, sniff

from .conftest import fixture_bytes


def json_of(batch):
    return {r.code: record_json(r, record_content(r, [])) for r in batch.records}


def test_the_xlsx_list_export_is_read_from_row_3_with_names_as_written():
    batch = parse_files([fixture_bytes("danh-sach-tthc.xlsx")])
    assert batch.errors == []
    items = json_of(batch)
    assert len(items) == 7
    first = items["2.000908"]
    # Trimmed, but otherwise exactly as written; agencies split on the cell's line breaks.
    assert first["name"].endswith("cấp hoặc chứng nhận")
    assert first["implementing_agencies"] == ["Ủy ban nhân dân cấp xã", "Ủy ban nhân dân xã, phường, đặc khu"]
    assert first["issuing_agency"] == "Bộ Tư pháp" and first["field"] == "Chứng thực"
    assert first["sources"] == [{"file": "danh-sach-tthc.xlsx", "row": 3}]
    assert items["2.000488"]["name"].startswith("Cấp Phiếu")
    assert items["1.001193"]["implementing_agencies"] == ["Ủy ban nhân dân cấp xã"]


def test_the_csv_list_gives_the_same_procedures_as_the_xlsx():
    from_csv = json_of(parse_files([fixture_bytes("danh-sach-tthc.csv")]))
    from_xlsx = json_of(parse_files([fixture_bytes("danh-sach-tthc.xlsx")]))
    strip = lambda d: {k: {f: v for f, v in p.items() if f != "sources"} for k, p in d.items()}  # noqa: E731
    assert strip(from_csv) == strip(from_xlsx)


def test_a_list_with_wrong_columns_is_refused_whole_with_row_level_messages():
    batch = parse_files([fixture_bytes("danh-sach-sai-cot.xlsx")])
    assert batch.records == []
    assert batch.errors and all(e.row == 2 and e.file == "danh-sach-sai-cot.xlsx" for e in batch.errors)
    text = " ".join(e.message for e in batch.errors)
    assert "Thiếu cột “Mã số”" in text and "Cả tệp bị từ chối" in text


def test_bad_data_rows_are_reported_with_their_row_numbers():
    book = Workbook()
    sheet = book.active
    sheet.append(["DANH SÁCH THỦ TỤC HÀNH CHÍNH"])
    sheet.append(["Mã số", "Tên", "Cơ quan ban hành", "Cơ quan thực hiện", "Lĩnh vực"])
    sheet.append(["", "Không có mã", "Bộ Tư pháp", "Sở Tư pháp", "Hộ tịch"])
    sheet.append(["1.000001", "", "Bộ Tư pháp", "Sở Tư pháp", "Hộ tịch"])
    sheet.append(["1.000 002", "Mã có dấu cách", "", "", ""])
    sheet.append([1.00061, "Mã gõ thành số", "", "", ""])
    buf = io.BytesIO()
    book.save(buf)
    batch = parse_files([("ds.xlsx", buf.getvalue())])
    assert [e.row for e in batch.errors] == [3, 4, 5]
    assert [r.code for r in batch.records] == ["1.000610"]


def test_the_same_code_twice_with_different_content_is_an_error():
    name, data = fixture_bytes("danh-sach-tthc.csv")
    text = data.decode("utf-8-sig")
    extra = text.splitlines()[1].replace("Chứng thực\r", "Hộ tịch").replace(",Chứng thực", ",Hộ tịch")
    batch = parse_files([(name, (text + extra + "\n").encode())])
    assert any("đã có ở dòng 2" in e.message for e in batch.errors)


def test_the_docx_detail_export_enriches_its_list_row():
    batch = parse_files([fixture_bytes("danh-sach-tthc.xlsx"), fixture_bytes("ChiTietTTHC_1.009975.docx")])
    assert batch.errors == []
    item = json_of(batch)["1.009975"]
    assert item["decision"] == "1234/QĐ-BXD" and item["levels"] == ["tinh"]
    assert [c["name"] for c in item["cases"]] == ["Trường hợp công trình không theo tuyến",
                                                   "Trường hợp công trình theo tuyến trong đô thị"]
    case = item["cases"][0]
    assert (case["time_limit"], case["time_unit"]) == (20, "calendar_days")
    assert case["components"][0] == {"name": "Đơn đề nghị cấp giấy phép xây dựng", "form_name": "Mẫu số 01 Phụ lục II.docx",
                                     "originals": 1, "copies": 0, "required": True}
    assert case["components"][3]["required"] is False  # "(nếu có)"
    assert case["fees"] == [{"kind": "le_phi", "name": "Lệ phí", "amount": 150000,
                             "description": "Cấp giấy phép xây dựng công trình", "collect": "before"}]
    assert [d["number"] for d in item["legal_basis"]] == ["50/2014/QH13", "62/2020/QH14", "175/2024/NĐ-CP"]
    assert item["results"] == [{"code": "KQ.G01.000215", "name": "Giấy phép xây dựng"}]
    assert len(item["sources"]) == 2


def test_the_saved_html_page_is_read_like_the_detail_export():
    batch = parse_files([fixture_bytes("ChiTietTTHC_2.000908.html")])
    assert batch.errors == []
    record = batch.records[0]
    content = record_content(record, [])
    case = content["cases"][0]
    assert record.code == "2.000908" and record.name.startswith("Chứng thực bản sao")
    assert (case["time_limit"], case["time_unit"], case["same_day_cutoff"]) == (0, "same_day", "15:00")
    assert [(f["amount"], f["kind"]) for f in case["fees"]] == [(2000, "phi"), (1000, "phi")]
    assert [(c["originals"], c["copies"]) for c in case["components"]] == [(1, 0), (0, 1)]
    assert content["levels"] == ["xa", "khac"] and content["online_level"] == "mot_phan"
    assert "Tổ chức (không bao gồm doanh nghiệp, HTX)" in content["subjects"]
    assert content["description"] == ""  # the portal's footer is not the procedure's description
    assert content["extra"] == {"intake_address": "Bộ phận Một cửa, Trung tâm Phục vụ hành chính công cấp xã"}


def test_a_legacy_doc_is_refused_with_a_message_that_libreoffice_is_needed(monkeypatch):
    monkeypatch.setattr("cchc.procedures.importer.legacy.shutil.which", lambda name: None)
    doc = OLE_MAGIC + b"\x00" * 512
    batch = parse_files([("ChiTietTTHC_1.001193.doc", doc)])
    assert batch.records == []
    assert len(batch.errors) == 1 and "LibreOffice" in batch.errors[0].message
    with pytest.raises(LegacyRefused):
        convert_doc(doc, "x.doc")


def test_a_legacy_doc_is_converted_when_a_converter_is_available():
    _, docx = fixture_bytes("ChiTietTTHC_1.009975.docx")
    seen = []

    def fake_soffice(data, name):
        seen.append(name)
        return docx

    batch = parse_files([("ChiTietTTHC_1.009975.doc", OLE_MAGIC + b"\x00" * 64)], convert=fake_soffice)
    assert seen == ["ChiTietTTHC_1.009975.doc"] and batch.records[0].code == "1.009975"


def test_a_doc_that_is_really_html_is_read_as_html_without_libreoffice():
    _, html = fixture_bytes("ChiTietTTHC_2.000908.html")
    assert sniff(html, "ChiTietTTHC_2.000908.doc") == "html"
    batch = parse_files([("ChiTietTTHC_2.000908.doc", html)], convert=lambda d, n: pytest.fail("no conversion"))
    assert batch.records[0].code == "2.000908"


@pytest.mark.parametrize("name, data", [("x.xlsx", b"PK\x03\x04broken"), ("y.pdf", b"%PDF-1.7"),
                                        ("z.docx", b"PK\x03\x04zz")])
def test_unreadable_files_are_errors_not_crashes(name, data):
    batch = parse_files([(name, data)])
    assert batch.errors and batch.records == []


def test_no_files_is_an_error():
    assert parse_files([]).errors[0].message == "Chưa chọn tệp nào."
