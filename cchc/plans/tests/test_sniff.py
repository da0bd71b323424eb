"""Evidence types are read from the bytes, against an allow-list (pure, table-driven)."""

from __future__ import annotations

import io
import zipfile

import pytest

from cchc.plans import sniff


def office(part: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr(part, "<x/>")
    return buf.getvalue()


def plain_zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("a.txt", "x")
    return buf.getvalue()


@pytest.mark.parametrize(("data", "kind"), [
    (b"%PDF-1.7\n...", "pdf"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "png"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "jpg"),
    (office("word/document.xml"), "docx"),
    (office("xl/workbook.xml"), "xlsx"),
    (plain_zip(), None),
    (office("ppt/presentation.xml"), None),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old doc", None),
    (b"MZ\x90\x00 an exe called bao-cao.pdf", None),
    (b"<html><body>x</body></html>", None),
    (b"PK\x03\x04 broken", None),
    (b"", None),
])
def test_kinds(data, kind):
    assert sniff.sniff(data) == kind


@pytest.mark.parametrize(("data", "words"), [
    (b"MZ\x90\x00", "chương trình"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Office đời cũ"),
    (plain_zip(), "ZIP"), (b"<!DOCTYPE html><html>", "HTML"), (b"just text", "văn bản thuần"), (b"", "rỗng"),
])
def test_refused_files_are_described_in_vietnamese(data, words):
    assert words in sniff.describe(data)
