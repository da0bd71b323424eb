"""Bad input is refused before anything else happens, each case with its own code and Vietnamese message."""

from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc.plans.importer import ImportRefused, parse_document
from cchc.plans.importer.errors import FileTooLarge
from cchc.plans.tests._importer_helpers import CORPUS, SEED, _fast_password_hashing  # noqa: F401

SEED_TEXT = SEED.read_text(encoding="utf-8")
DOCX = (CORPUS / "qd-2456-ubnd-bac-kan-2022.docx").read_bytes()
EMPTY_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
             b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R>>endobj\n"
             b"4 0 obj<</Length 31>>stream\n0 0 m 100 100 l S 10 10 50 50 re f\nendstream endobj\n"
             b"trailer<</Root 1 0 R>>\n%%EOF\n")


def _zip(names: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in names.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _refusal(data: bytes, filename: str, **kw) -> ImportRefused:
    with pytest.raises(ImportRefused) as info:
        parse_document(data, filename, **kw)
    err = info.value
    assert err.message and any(ch in err.message for ch in "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệ"), err.message
    assert err.as_dict()["error"]["code"] == err.code
    return err


CASES = [
    ("empty_file", b"", "ke-hoach.txt"),
    ("empty_file", b"  \r\n\t \n", "ke-hoach.txt"),
    ("empty_file", b"\xef\xbb\xbf", "ke-hoach.txt"),
    ("binary_file", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "scan.png"),
    ("binary_file", bytes(range(256)) * 8, "ke-hoach.txt"),
    ("binary_file", _zip({"xl/workbook.xml": b"<workbook/>"}), "danh-muc.xlsx"),
    ("not_a_word_file", b"this is not a zip at all \x00\x01\x02" * 10, "ke-hoach.docx"),
    ("not_a_word_file", _zip({"xl/workbook.xml": b"<workbook/>"}), "ke-hoach.docx"),
    ("not_a_word_file", DOCX[: len(DOCX) // 2], "ke-hoach.docx"),
    ("not_a_word_file", _zip({"word/document.xml": b"<w:document><unclosed"}), "ke-hoach.docx"),
    ("legacy_word_file", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "ke-hoach.doc"),
    ("undecodable_encoding", "Céng hßa x· héi chñ nghÜa ViÖt Nam\nKÕ ho¹ch c¶i c¸ch hµnh chÝnh".encode("cp1252"),
     "tcvn3.txt"),
    ("undecodable_encoding", b"K\x81 ho\x8ach \x9d\x9e" * 20, "ke-hoach.txt"),
    ("undecodable_encoding", b"\xff\xfe" + "Kế hoạch".encode("utf-16-le") + b"\x00\xd8", "ke-hoach.txt"),
    ("pdf_without_text", EMPTY_PDF, "ban-chup.pdf"),
    ("pdf_unreadable", b"%PDF-1.7\n" + b"\x00garbage" * 50, "hong.pdf"),
    ("not_a_plan", "Hôm nay trời đẹp. Chúng tôi đi chơi công viên và ăn kem.\n".encode() * 5, "tin-tuc.txt"),
    ("not_a_plan", "ỦY BAN NHÂN DÂN\nTỈNH THÁI NGUYÊN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 12/QĐ-UBND\n"
                   "QUYẾT ĐỊNH\nVề việc bổ nhiệm cán bộ\nĐiều 1. Bổ nhiệm ông Nguyễn Văn A.\n".encode(), "qd.txt"),
    ("not_a_plan", b"<html><body><nav>Trang ch\xe1\xbb\xa7</nav><p>Xin ch\xc3\xa0o</p></body></html>", "a.html"),
]


@pytest.mark.parametrize(("code", "data", "filename"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_it_refuses_bad_input_with_its_own_code(code, data, filename):
    assert _refusal(data, filename).code == code


def test_it_refuses_a_file_over_the_size_limit_before_reading_it():
    err = _refusal(SEED.read_bytes(), SEED.name, max_bytes=1000)
    assert isinstance(err, FileTooLarge) and err.code == "file_too_large" and err.status == 413
    assert err.details == {"size": len(SEED.read_bytes()), "limit": 1000}


def test_the_default_size_limit_is_twenty_megabytes():
    err = _refusal(b"x" * (20 * 1024 * 1024 + 1), "big.txt")
    assert err.code == "file_too_large"


def test_it_refuses_a_text_table_cut_off_in_the_middle_of_a_row():
    cut = SEED_TEXT[: SEED_TEXT.rindex("Sở Nội vụ")]  # task 21 loses its agencies and its deadline
    err = _refusal(cut.encode("utf-8"), "cut.txt")
    assert err.code == "table_cut_off" and err.details == {"row": "21"}


def test_it_refuses_an_html_table_cut_off_in_the_middle_of_a_row():
    rows = "".join(f"<tr><td>{i}</td><td>Nhiệm vụ {i}</td><td>Sở Nội vụ</td><td>Sở Tư pháp</td><td>Quý I/2021</td></tr>"
                   for i in range(1, 6))
    page = ("<html><body><p>KẾ HOẠCH</p><p>Cải cách hành chính năm 2021</p><table><tr><td>STT</td><td>Nội dung</td>"
            "<td>Cơ quan chủ trì</td><td>Cơ quan phối hợp</td><td>Thời gian hoàn thành</td></tr>" + rows
            + "<tr><td>6</td><td>Tổng kết công tác cải cách")
    assert _refusal(page.encode(), "cut.html").code == "table_cut_off"


def test_a_complete_table_whose_last_task_has_no_deadline_is_not_cut_off():
    text = SEED_TEXT.rstrip()
    assert text.endswith("Năm 2020")
    draft = parse_document(text[: -len("Năm 2020")].encode() + "Ghi chú: nhiệm vụ 21 chưa có thời hạn.".encode(),
                           "s.txt")
    assert len(draft.key_tasks) == 21


def test_refusals_are_domain_errors_with_an_http_status():
    from cchc.common.errors import DomainError

    err = _refusal(b"", "a.txt")
    assert isinstance(err, DomainError) and err.status == 422


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400), st.sampled_from(["a.txt", "a.html", "a.docx", "a.pdf", "a"]))
def test_it_never_fails_with_anything_but_a_refusal(data, filename):
    try:
        parse_document(data, filename)
    except ImportRefused:
        pass
