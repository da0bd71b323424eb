"""HTML pages of legal portals → blocks.

Portal pages wrap the document in menus, scripts, banners and footers. Those are dropped by tag
(script, style, nav, footer, form…) and by class/id words (menu, sidebar, breadcrumb…), unless
the element holds the document itself (it contains the national motto or "Căn cứ"). Tables keep
their structure, with rowspan/colspan resolved by repeating the spanning cell; a table that holds
other tables is a page layout and is read as ordinary content.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString, Tag

from cchc.common.text import clean

from ..blocks import Block, Cell, Paragraph, Table

_DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "svg", "nav", "form", "button",
              "select", "input", "textarea", "head", "link", "meta", "object", "embed", "canvas")
_NOISE_WORDS = re.compile(
    r"(^|[\s_-])(menu|nav|navbar|footer|header|sidebar|breadcrumbs?|banner|social|share|comments?|"
    r"related|advert|ads|cookie|toolbar|pagination|search|login|topbar|copyright|widget)([\s_-]|$)",
    re.I,
)
_KEEP_TEXT = re.compile(r"CỘNG HÒA XÃ HỘI|Căn cứ|Điều 1|Nơi nhận|KẾ HOẠCH", re.I)
_BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article",
               "main", "blockquote", "pre", "tr", "dd", "dt", "dl", "center", "address", "header",
               "footer", "aside", "figure", "figcaption", "body", "html", "hr"}


def read_html(text: str) -> list[Block]:
    """Parse an HTML page and return its content blocks."""
    soup = BeautifulSoup(text, "lxml")
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(["footer", "aside", "header"]):
        if not _KEEP_TEXT.search(tag.get_text(" ")):
            tag.decompose()
    for tag in list(soup.find_all(True)):
        if tag.decomposed or tag.parent is None:
            continue
        names = " ".join([*(tag.get("class") or []), tag.get("id") or ""])
        if names.strip() and _NOISE_WORDS.search(names) and not _KEEP_TEXT.search(tag.get_text(" ")):
            tag.decompose()
    root = soup.body or soup
    out = _Emitter()
    out.walk(root)
    out.flush()
    return out.blocks


class _Emitter:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.buf: list[str] = []

    def flush(self) -> None:
        text = clean("".join(self.buf))
        self.buf = []
        if text and not re.fullmatch(r"[\-_=*.~·–—\s]{3,}", text):
            self.blocks.append(Paragraph(text))

    def walk(self, node: Tag) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if type(child) is NavigableString:  # skip comments, CDATA, doctype
                    self.buf.append(str(child))
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name
            if name == "br":
                self.flush()
            elif name == "table":
                self.flush()
                if child.find("table"):
                    self.walk_layout(child)
                else:
                    table = read_table(child)
                    if table is not None:
                        self.blocks.append(table)
            elif name in _BLOCK_TAGS:
                self.flush()
                self.walk(child)
                self.flush()
            else:
                self.walk(child)

    def walk_layout(self, table: Tag) -> None:
        for cell in table.find_all(["td", "th"]):
            if cell.find_parent("table") is table:
                self.walk(cell)
                self.flush()


def _rows(table: Tag) -> list[Tag]:
    rows = []
    for tr in table.find_all("tr"):
        if tr.find_parent("table") is table:
            rows.append(tr)
    return rows


def read_table(table: Tag) -> Table | None:
    """A ``<table>`` → ``Table`` with rowspan/colspan resolved; None for an empty table."""
    grid: dict[tuple[int, int], Cell] = {}
    rows = _rows(table)
    width = 0
    for r, tr in enumerate(rows):
        c = 0
        for td in tr.find_all(["td", "th"], recursive=False):
            while (r, c) in grid:
                c += 1
            cell = Cell(cell_lines(td))
            rowspan = _span(td.get("rowspan"), len(rows) - r)
            colspan = _span(td.get("colspan"), 50)
            for dr in range(rowspan):
                for dc in range(colspan):
                    grid.setdefault((r + dr, c + dc), cell)
            c += colspan
        width = max(width, c, max((k[1] + 1 for k in grid if k[0] == r), default=0))
    if not rows or width == 0:
        return None
    out = tuple(tuple(grid.get((r, c), Cell()) for c in range(width)) for r in range(len(rows)))
    if not any(cell.lines for row in out for cell in row):
        return None
    return Table(out)


def _span(value: object, limit: int) -> int:
    try:
        n = int(str(value).strip())
    except (TypeError, ValueError):
        return 1
    return max(1, min(n, limit))


def cell_lines(td: Tag) -> tuple[str, ...]:
    """The lines of a cell: split at <br> and at block elements (<p>, <div>, <li>)."""
    em = _Emitter()
    em.walk(td)
    em.flush()
    lines: list[str] = []
    for block in em.blocks:
        if isinstance(block, Paragraph):
            lines.append(block.text)
        else:
            lines.extend(cell.text for row in block.rows for cell in row if cell.text)
    return tuple(lines)
