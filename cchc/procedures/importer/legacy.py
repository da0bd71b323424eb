"""What kind of file arrived (by its bytes, the name is only a hint), and the legacy .doc route.

The national database exports each procedure's detail as ``ChiTietTTHC_<mã>.doc``. Some such files
are really HTML or MHTML saved with a .doc name (read as HTML here); a true Word 97 file (OLE) is
converted with LibreOffice headless when ``soffice`` is installed, and refused otherwise.
"""

from __future__ import annotations

import email
import io
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
CONVERT_TIMEOUT = 120  # seconds: LibreOffice's first start builds a profile and is slow


class LegacyRefused(Exception):
    """A legacy .doc that cannot be read here; the message says what to do."""


def sniff(data: bytes, filename: str) -> str:
    """One of ``xlsx``, ``docx``, ``doc``, ``html``, ``mhtml``, ``csv`` or ``unknown``."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if data.startswith(OLE_MAGIC):
        return "doc"
    if data.startswith(b"PK"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            return "unknown"
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        return "unknown"
    lower = head.lower()
    if lower.startswith(b"mime-version") or b"multipart/related" in lower[:600]:
        return "mhtml"
    if lower.startswith((b"<!doctype html", b"<html", b"<?xml", b"<meta", b"<head", b"<body", b"<div", b"<table")):
        return "html"
    if filename.lower().endswith((".csv", ".txt")):
        return "csv"
    if b"<html" in lower:
        return "html"
    return "unknown"


def mhtml_to_html(data: bytes) -> bytes:
    """The HTML part of an MHTML ("Web Archive") file."""
    message = email.message_from_bytes(data)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                charset = part.get_content_charset() or "utf-8"
                return payload.decode(charset, errors="replace").encode("utf-8")
    return b""


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_doc(data: bytes, filename: str) -> bytes:
    """A Word 97 .doc as .docx bytes, through ``soffice --headless --convert-to docx``."""
    soffice = soffice_path()
    if soffice is None:
        raise LegacyRefused(
            f"“{filename}” là tệp Word 97-2003 (.doc): cần cài LibreOffice (lệnh soffice) để chuyển sang .docx, "
            "hoặc mở bằng Word rồi lưu thành .docx hay trang HTML và nhập lại."
        )
    with tempfile.TemporaryDirectory(prefix="cchc-doc-") as tmp:
        src = Path(tmp) / "input.doc"
        src.write_bytes(data)
        try:
            # A private profile directory: a second LibreOffice running for the same user would
            # otherwise take over the conversion, or refuse it.
            subprocess.run(
                [soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to", "docx",
                 "--outdir", tmp, str(src)],
                check=True, capture_output=True, timeout=CONVERT_TIMEOUT,
            )
        except (subprocess.SubprocessError, OSError) as exc:
            raise LegacyRefused(f"LibreOffice không chuyển được “{filename}” sang .docx.") from exc
        out = Path(tmp) / "input.docx"
        if not out.exists():
            raise LegacyRefused(f"LibreOffice không chuyển được “{filename}” sang .docx.")
        return out.read_bytes()
