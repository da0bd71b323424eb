"""Readers: one per format, each turning a document into a list of blocks (see ``blocks``)."""

from .docx import read_docx
from .html import read_html
from .pdf import read_pdf
from .text import read_text

__all__ = ["read_docx", "read_html", "read_pdf", "read_text"]
