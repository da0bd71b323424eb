"""Which reader a file needs: by its content first (magic bytes, HTML markup), then its name.

Content wins because users rename files ("ke-hoach.doc" that is really HTML exported by a portal,
a PDF saved without extension); the extension only decides between text and HTML when the
content is ambiguous, and names the refusal when a ".docx" is not a Word package.
"""

from __future__ import annotations

import io
import re
import zipfile

from .decode import sniff_binary
from .errors import BinaryFile, LegacyWordFile, NotAWordFile

_HTML = re.compile(rb"<!doctype\s+html|<html[\s>]|<body[\s>]|<head[\s>]|<meta\s|<table[\s>]|<p[\s>]|<div[\s>]", re.I)
_MAGIC_BINARY = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"Rar!", b"7z\xbc\xaf", b"\x1f\x8b", b"MZ", b"\x7fELF",
                 b"BM", b"ID3", b"OggS", b"fLaC", b"RIFF", b"\x00\x00\x01\x00", b"{\\rtf")


def detect_format(data: bytes, filename: str) -> str:
    """Return "docx", "pdf", "html" or "text"; raise a refusal for formats we cannot read."""
    ext = filename.lower().rsplit(".", 1)[-1] if "." in filename else ""
    head = data[:2048]
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        if _is_word_package(data):
            return "docx"
        if ext in ("docx", "docm", "dotx"):
            raise NotAWordFile()
        raise BinaryFile()
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise NotAWordFile() if ext == "docx" else LegacyWordFile()
    if head.startswith(_MAGIC_BINARY):
        raise NotAWordFile() if ext == "docx" else BinaryFile()
    if ext == "docx" and (head.startswith(b"PK") or sniff_binary(data)):
        # Text renamed to .docx is still read as text; a broken package or other bytes are not.
        raise NotAWordFile()
    sample = _ascii_view(head)
    if _HTML.search(sample) or ext in ("html", "htm", "xhtml"):
        return "html" if _HTML.search(sample) or b"<" in sample else "text"
    return "text"


def _ascii_view(head: bytes) -> bytes:
    # UTF-16 text: drop the NUL halves so that "<html" can be recognised.
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.replace(b"\x00", b"")
    return head


def _is_word_package(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return "word/document.xml" in zf.namelist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return False
