"""Real file types from magic bytes, and the extension having to agree (pure)."""

import pytest

from cchc.eforms import sniff
from cchc.eforms.tests.conftest import JPEG, PDF, PNG, TIFF, office


@pytest.mark.parametrize("data, kind", [(PDF, "pdf"), (PNG, "png"), (JPEG, "jpeg"), (TIFF, "tiff"),
                                        (b"MM\x00*" + b"\0" * 8, "tiff"), (office("docx"), "docx"),
                                        (office("xlsx"), "xlsx")])
def test_each_accepted_type_is_recognised_from_its_bytes(data, kind):
    assert sniff.sniff(data) == kind


def test_a_pdf_that_is_really_a_png_is_refused_with_a_clear_message():
    verdict = sniff.check("to-khai.pdf", PNG)
    assert verdict.kind is None
    assert "nội dung thật là ảnh PNG" in verdict.error and "PDF" in verdict.error


def test_a_real_pdf_is_accepted_and_jpeg_may_be_named_jpg_or_jpeg():
    assert sniff.check("to-khai.PDF", PDF).kind == "pdf"
    assert sniff.check("anh.jpg", JPEG).kind == "jpeg"
    assert sniff.check("anh.jpeg", JPEG).kind == "jpeg"


def test_a_zip_without_office_parts_an_old_doc_and_an_executable_are_refused():
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("a.txt", "x")
    assert sniff.check("bao-cao.docx", buf.getvalue()).error.startswith("Tệp “bao-cao.docx” là tệp nén ZIP")
    assert "Office đời cũ" in sniff.check("don.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 8).error
    assert "chương trình" in sniff.check("scan.pdf", b"MZ\x90\x00").error


def test_a_file_without_extension_is_refused():
    assert "không rõ" in sniff.check("scan", PDF).error
