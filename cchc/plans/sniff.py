"""What kind of file evidence is, from its bytes (never from its name). Pure (no Django).

Allowed: PDF, Word (.docx), Excel (.xlsx), JPEG and PNG. Office files are ZIP packages: they are
told apart by their parts (``word/`` or ``xl/`` beside ``[Content_Types].xml``), so a renamed ZIP,
an old binary .doc or an executable called ``bao-cao.pdf`` is refused.
"""

from __future__ import annotations

import io
import zipfile

ALLOWED: dict[str, tuple[str, str]] = {
    # kind: (extension, content type)
    "pdf": ("pdf", "application/pdf"),
    "docx": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "jpg": ("jpg", "image/jpeg"),
    "png": ("png", "image/png"),
}
ALLOWED_LABEL = "PDF, Word (.docx), Excel (.xlsx), ảnh JPG, PNG"

# Recognised but refused, so the message can say what the file is.
REFUSED_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "tệp Office đời cũ (.doc, .xls)"),
    (b"MZ", "tệp chương trình (.exe)"),
    (b"\x7fELF", "tệp chương trình"),
    (b"GIF8", "ảnh GIF"),
    (b"Rar!", "tệp nén RAR"),
    (b"7z\xbc\xaf", "tệp nén 7z"),
    (b"{\\rtf", "tệp RTF"),
)


def office_kind(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = zf.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if any(n.startswith("word/") for n in names):
        return "docx"
    if any(n.startswith("xl/") for n in names):
        return "xlsx"
    return None


def sniff(data: bytes) -> str | None:
    """The allowed kind of ``data`` ("pdf", "docx", "xlsx", "jpg", "png"), or None."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data.startswith(b"PK\x03\x04"):
        return office_kind(data)
    return None


def describe(data: bytes) -> str:
    """A Vietnamese name for a refused file's kind, for the error message."""
    if not data:
        return "tệp rỗng"
    for magic, label in REFUSED_MAGIC:
        if data.startswith(magic):
            return label
    if data.startswith(b"PK\x03\x04"):
        return "tệp nén ZIP"
    head = data[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml", b"<svg")):
        return "trang HTML/XML"
    try:
        data[:4096].decode("utf-8")
    except UnicodeDecodeError:
        return "định dạng không xác định"
    return "tệp văn bản thuần"
