"""The real type of an uploaded component, read from its first bytes, and whether it matches the name's
extension. Pure (no Django).

Accepted: PDF, PNG, JPEG, TIFF (scans), Word .docx, Excel .xlsx (ZIP packages told apart by their
parts beside ``[Content_Types].xml``). A file whose content is not what its extension claims (a PNG
named ``to-khai.pdf``, an executable renamed ``.jpg``) is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from cchc.plans.sniff import REFUSED_MAGIC, office_kind


@dataclass(frozen=True)
class Kind:
    code: str
    label: str
    content_type: str
    extensions: tuple[str, ...]


KINDS: dict[str, Kind] = {k.code: k for k in (
    Kind("pdf", "PDF", "application/pdf", ("pdf",)),
    Kind("png", "ảnh PNG", "image/png", ("png",)),
    Kind("jpeg", "ảnh JPEG", "image/jpeg", ("jpg", "jpeg")),
    Kind("tiff", "ảnh quét TIFF", "image/tiff", ("tif", "tiff")),
    Kind("docx", "Word (.docx)", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ("docx",)),
    Kind("xlsx", "Excel (.xlsx)", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ("xlsx",)),
)}
ALLOWED_LABEL = "PDF, ảnh PNG, JPEG, TIFF, Word (.docx), Excel (.xlsx)"

# Recognised-but-refused kinds and the Office-package test are the evidence sniffer's own.
_REFUSED = REFUSED_MAGIC
_office = office_kind


def sniff(data: bytes) -> str | None:
    """The accepted kind of ``data`` (a key of KINDS), or None."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith((b"II*\x00", b"MM\x00*")):
        return "tiff"
    if data.startswith(b"PK\x03\x04"):
        return _office(data)
    return None


def describe(data: bytes) -> str:
    """A Vietnamese name for what ``data`` is, accepted or not (for messages)."""
    kind = sniff(data)
    if kind:
        return KINDS[kind].label
    if not data:
        return "tệp rỗng"
    for magic, label in _REFUSED:
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


def extension(name: str) -> str:
    suffix = PurePosixPath((name or "").replace("\\", "/")).suffix
    return suffix[1:].lower() if suffix else ""


@dataclass(frozen=True)
class Verdict:
    kind: str | None
    error: str | None  # Vietnamese, None when accepted


def check(name: str, data: bytes) -> Verdict:
    """Accept ``data`` only if its content is an accepted kind AND the name's extension says the same."""
    kind = sniff(data)
    ext = extension(name)
    if kind is None:
        return Verdict(None, f"Tệp “{name}” là {describe(data)}, không được chấp nhận. Chỉ nhận: {ALLOWED_LABEL}.")
    expected = KINDS[kind]
    if ext not in expected.extensions:
        claimed = next((k.label for k in KINDS.values() if ext in k.extensions), f"“.{ext}”" if ext else "không rõ")
        return Verdict(None, f"Tệp “{name}” có đuôi {claimed} nhưng nội dung thật là {expected.label}: nội dung "
                             f"không khớp với phần mở rộng nên không được nhận. Hãy đổi tên tệp cho đúng "
                             f"(.{expected.extensions[0]}) hoặc chọn đúng tệp.")
    return Verdict(kind, None)
