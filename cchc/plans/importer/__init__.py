"""Pure plan importer: a plan document (txt, html, docx, pdf) → ``PlanDraft``. No database.

    draft = parse_document(data, "4203-QD-UBND.txt")
    payload = draft_to_json(draft, unresolved_agencies=[...])
    names = agency_names(draft)  # for the caller to resolve against the registry

Refusals are ``ImportRefused`` subclasses (see ``errors``), each with its own code and a
Vietnamese message.
"""

from __future__ import annotations

from .blocks import Block
from .decode import decode_text
from .errors import EmptyFile, FileTooLarge, ImportRefused
from .model import PlanDraft
from .readers import read_docx, read_html, read_pdf, read_text
from .serialize import agency_names, draft_to_json
from .sniff import detect_format
from .structure import build_draft

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

__all__ = ["DEFAULT_MAX_BYTES", "ImportRefused", "PlanDraft", "agency_names", "draft_to_json", "parse_document",
           "read_blocks"]


def read_blocks(data: bytes, filename: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[str, list[Block]]:
    """Check size and emptiness, detect the format and read the blocks: (format, blocks)."""
    if len(data) > max_bytes:
        raise FileTooLarge(len(data), max_bytes)
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise EmptyFile()
    fmt = detect_format(data, filename)
    if fmt == "docx":
        blocks = read_docx(data)
    elif fmt == "pdf":
        blocks = read_pdf(data)
    else:
        text = decode_text(data)
        if not text.strip():
            raise EmptyFile()
        blocks = read_html(text) if fmt == "html" else read_text(text)
    if not blocks:
        raise EmptyFile()
    return fmt, blocks


def parse_document(data: bytes, filename: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> PlanDraft:
    """Parse a plan document; raise an ``ImportRefused`` subclass when it cannot be imported."""
    fmt, blocks = read_blocks(data, filename, max_bytes=max_bytes)
    return build_draft(blocks, fmt)
