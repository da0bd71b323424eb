"""A detail export (DOCX, or the saved HTML of the procedure page) as a flat list of blocks.

Both shapes hold the same labelled fields ("Mã thủ tục", "Cách thức thực hiện", …), either as
paragraphs ("Mã thủ tục: 1.001612", or the label and its value in two blocks) or as rows of a
two-column table (label | value, the value cell holding nested tables). Flattening both into
paragraphs and tables in reading order lets one segmenter (:mod:`.detail`) read them.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from cchc.common.text import fold


@dataclass
class Para:
    text: str


@dataclass
class Table:
    rows: list[list[str]] = field(default_factory=list)


Block = Para | Table


class Unreadable(Exception):
    """The bytes are not a document of the kind they claim to be."""


def _label_key(text: str) -> str:
    return fold(text).rstrip(" :")


def is_label_table(rows: list[list[str]], labels: set[str]) -> bool:
    """A table whose first column names fields (at least two rows of them)."""
    hits = sum(1 for r in rows if len(r) >= 2 and _label_key(r[0]) in labels)
    return hits >= 2


# --- DOCX -------------------------------------------------------------------------------------


def _docx_cell_blocks(cell) -> list[Block]:
    """A cell's own paragraphs and nested tables, in order."""
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph

    out: list[Block] = []
    for child in cell._tc.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = Paragraph(child, cell).text
            if text.strip():
                out.append(Para(text))
        elif tag == "tbl":
            out.append(Table(_docx_rows(DocxTable(child, cell))))
    return out


def _unique_cells(row) -> list:
    """python-docx repeats a horizontally merged cell once per grid column: keep it once."""
    cells, seen = [], set()
    for cell in row.cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            cells.append(cell)
    return cells


def _docx_rows(table) -> list[list[str]]:
    return [[c.text for c in _unique_cells(row)] for row in table.rows]


def docx_blocks(data: bytes, labels: set[str]) -> list[Block]:
    """Paragraphs and tables of a .docx body in order; label tables are unrolled into label + value blocks."""
    try:
        from docx import Document
        from docx.table import Table as DocxTable
        from docx.text.paragraph import Paragraph

        doc = Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises zip, XML and key errors for damaged files
        raise Unreadable("Không đọc được tệp Word (.docx); tệp hỏng hoặc không đúng định dạng.") from exc
    out: list[Block] = []
    for child in doc.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = Paragraph(child, doc).text
            if text.strip():
                out.append(Para(text))
        elif tag == "tbl":
            table = DocxTable(child, doc)
            rows = _docx_rows(table)
            if is_label_table(rows, labels):
                for row in table.rows:
                    cells = _unique_cells(row)
                    if len(cells) >= 2 and _label_key(cells[0].text) in labels:
                        out.append(Para(cells[0].text.strip().rstrip(":") + ":"))
                        for cell in cells[1:]:
                            out.extend(_docx_cell_blocks(cell))
                    else:
                        out.append(Table([[c.text for c in cells]]))
            else:
                out.append(Table(rows))
    return out


# --- HTML -------------------------------------------------------------------------------------

_BLOCK_TAGS = {"p", "div", "section", "article", "main", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
               "dl", "dt", "dd", "tr", "td", "th", "tbody", "thead", "table", "body",
               "blockquote", "form", "fieldset", "span-block"}
_SKIP_TAGS = {"script", "style", "noscript", "template", "nav", "head", "header", "footer", "button", "select", "svg",
              "iframe"}


def _html_text(node) -> str:
    for br in node.find_all("br"):
        br.replace_with("\n")
    text = node.get_text("")
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def _html_table(table) -> list[list[str]]:
    rows = []
    for tr in table.find_all("tr"):
        if tr.find_parent("table") is not table:
            continue  # rows of a nested table belong to that table
        cells = [td for td in tr.find_all(["td", "th"], recursive=False)]
        rows.append([_html_text(c) for c in cells])
    return rows


def html_blocks(data: bytes | str, labels: set[str]) -> list[Block]:
    """Paragraphs and tables of a saved page in reading order (menus, scripts and forms skipped)."""
    from bs4 import BeautifulSoup, NavigableString, Tag

    try:
        soup = BeautifulSoup(data, "lxml")
    except Exception as exc:
        raise Unreadable("Không đọc được trang HTML.") from exc
    root = soup.body or soup
    out: list[Block] = []
    buffer: list[str] = []

    def flush() -> None:
        text = "".join(buffer)
        text = "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())
        if text:
            out.append(Para(text))
        buffer.clear()

    def walk(node) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if child.__class__.__name__ in {"Comment", "Doctype", "Declaration", "ProcessingInstruction"}:
                    continue
                buffer.append(str(child))
            elif isinstance(child, Tag):
                name = child.name.lower()
                if name in _SKIP_TAGS:
                    continue
                if name == "br":
                    buffer.append("\n")
                elif name == "table":
                    flush()
                    rows = _html_table(child)
                    if is_label_table(rows, labels):
                        for tr in child.find_all("tr"):
                            if tr.find_parent("table") is not child:
                                continue
                            cells = tr.find_all(["td", "th"], recursive=False)
                            if len(cells) >= 2 and _label_key(_html_text(cells[0])) in labels:
                                out.append(Para(_html_text(cells[0]).rstrip(":") + ":"))
                                for cell in cells[1:]:
                                    walk(cell)
                                    flush()
                            else:
                                out.append(Table([[_html_text(c) for c in cells]]))
                    else:
                        out.append(Table(rows))
                elif name in _BLOCK_TAGS:
                    flush()
                    walk(child)
                    flush()
                else:
                    walk(child)

    walk(root)
    flush()
    return out
