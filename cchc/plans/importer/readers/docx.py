"""Word .docx → blocks, reading the package XML directly with lxml.

python-docx's object model is used to *write* the test corpus, but reading goes to the XML:
it is several times faster on large tables (``row.cells`` re-resolves merges on every call),
and it sees what the object model hides: vertical merges (``w:vMerge``), horizontal spans
(``w:gridSpan``, ``w:gridBefore``), content controls (``w:sdt``), tracked insertions, and the
text that Word's automatic numbering prints ("1.", "a)") but does not store.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from cchc.common.text import clean

from ..blocks import Block, Cell, Paragraph, Table
from ..errors import NotAWordFile
from .docx_numbering import Numbering

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_W = f"{{{W}}}"
_P, _TBL, _TR, _TC, _SDT, _R = (f"{_W}{n}" for n in ("p", "tbl", "tr", "tc", "sdt", "r"))
_FALLBACK = f"{{{MC}}}Fallback"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, remove_comments=True)


def read_docx(data: bytes) -> list[Block]:
    """Read the main document part of a .docx; raise ``NotAWordFile`` if it is not one."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            if "word/document.xml" not in names:
                raise NotAWordFile()
            doc = etree.fromstring(zf.read("word/document.xml"), _PARSER)
            numbering = Numbering(
                zf.read("word/numbering.xml") if "word/numbering.xml" in names else None,
                zf.read("word/styles.xml") if "word/styles.xml" in names else None,
            )
    except (zipfile.BadZipFile, etree.XMLSyntaxError, KeyError, OSError, EOFError) as exc:
        raise NotAWordFile() from exc
    body = doc.find(f"{_W}body")
    if body is None:
        raise NotAWordFile()
    reader = _Reader(numbering)
    reader.container(body)
    return reader.blocks


class _Reader:
    def __init__(self, numbering: Numbering) -> None:
        self.numbering = numbering
        self.blocks: list[Block] = []

    def container(self, node: etree._Element) -> None:
        for child in node:
            tag = child.tag
            if tag == _P:
                for line in self.paragraph_lines(child):
                    self.blocks.append(Paragraph(line))
            elif tag == _TBL:
                table = self.table(child)
                if table is not None:
                    self.blocks.append(table)
            elif tag == _SDT:
                content = child.find(f"{_W}sdtContent")
                if content is not None:
                    self.container(content)

    def paragraph_lines(self, p: etree._Element) -> list[str]:
        """A paragraph's text split at manual line breaks, with its automatic number in front."""
        pieces: list[str] = []
        _collect(p, pieces)
        lines = [clean(x) for x in "".join(pieces).split("\n")]
        lines = [x for x in lines if x]
        label = self.numbering.label(p)
        if label is not None and lines:
            lines[0] = f"{label} {lines[0]}".strip()
        elif label and not lines:
            lines = [label]
        return lines

    def table(self, tbl: etree._Element) -> Table | None:
        grid: list[list[Cell]] = []
        for tr in tbl.iterchildren(_TR):
            row: list[Cell] = []
            pr = tr.find(f"{_W}trPr")
            before = _int_val(pr, "gridBefore") if pr is not None else 0
            row.extend(Cell() for _ in range(before))
            for tc in _cells(tr):
                tcpr = tc.find(f"{_W}tcPr")
                span = max(1, _int_val(tcpr, "gridSpan")) if tcpr is not None else 1
                vmerge = tcpr.find(f"{_W}vMerge") if tcpr is not None else None
                col = len(row)
                if vmerge is not None and vmerge.get(f"{_W}val", "continue") != "restart" and grid:
                    above = grid[-1][col] if col < len(grid[-1]) else Cell()
                    cell = above  # a continued vertical merge repeats the cell above
                else:
                    cell = Cell(tuple(self.cell_lines(tc)))
                row.extend([cell] * span)
            grid.append(row)
        if not grid:
            return None
        width = max(len(r) for r in grid)
        return Table(tuple(tuple(r) + (Cell(),) * (width - len(r)) for r in grid))

    def cell_lines(self, tc: etree._Element) -> list[str]:
        lines: list[str] = []
        for child in tc:
            if child.tag == _P:
                lines.extend(self.paragraph_lines(child))
            elif child.tag == _TBL:
                nested = self.table(child)
                if nested is not None:
                    lines.extend(c.text for r in nested.rows for c in r if c.text)
            elif child.tag == _SDT:
                content = child.find(f"{_W}sdtContent")
                if content is not None:
                    lines.extend(self.cell_lines(content))
        return lines


def _cells(tr: etree._Element) -> list[etree._Element]:
    out = []
    for child in tr:
        if child.tag == _TC:
            out.append(child)
        elif child.tag == _SDT:
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                out.extend(content.iterchildren(_TC))
    return out


def _int_val(pr: etree._Element | None, name: str) -> int:
    if pr is None:
        return 0
    el = pr.find(f"{_W}{name}")
    if el is None:
        return 0
    try:
        return int(el.get(f"{_W}val", "0"))
    except ValueError:
        return 0


_TEXT_TAGS = {f"{_W}t": None, f"{_W}tab": " ", f"{_W}br": "\n", f"{_W}cr": "\n",
              f"{_W}noBreakHyphen": "-", f"{_W}softHyphen": ""}
_SKIP = {f"{_W}delText", f"{_W}instrText", f"{_W}pPr", f"{_W}rPr", _FALLBACK,
         f"{_W}footnoteReference", f"{_W}commentReference", f"{_W}del"}


def _collect(node: etree._Element, out: list[str]) -> None:
    """Text of a paragraph in document order, skipping deleted text and duplicate fallbacks."""
    for child in node:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag in _TEXT_TAGS:
            repl = _TEXT_TAGS[tag]
            if repl is None:
                out.append(child.text or "")
            elif tag == f"{_W}br" and child.get(f"{_W}type") == "page":
                out.append("\n")
            else:
                out.append(repl)
            continue
        if tag == _P:  # a paragraph inside a text box: its own line
            out.append("\n")
            _collect(child, out)
            out.append("\n")
            continue
        _collect(child, out)
