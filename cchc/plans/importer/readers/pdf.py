"""PDF with a text layer → blocks, using pdfminer.six.

Why pdfminer.six: it is pure Python (no system library to install next to Pango/WeasyPrint),
MIT-licensed, already pinned, and it exposes every glyph with its position *and* the vector
lines of the page. That is what a table needs: the ruling lines drawn by Word or WeasyPrint give
the grid (merged cells are where a border is missing), and glyphs are placed in cells by their
position. Text-only extractors (``pdftotext``, pypdf) flatten a table into interleaved lines.

Outside tables, glyphs are grouped into lines, lines split at wide gaps (two-column headers),
and consecutive lines of the same column joined into paragraphs when the previous line runs to
the right margin. Scanned PDFs (no glyphs) are refused: OCR is out of scope.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LTChar, LTContainer, LTCurve, LTLine, LTRect
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser, PDFSyntaxError
from pdfminer.psparser import PSException

from cchc.common.text import clean

from ..blocks import Block, Cell, Paragraph, Table
from ..errors import PdfUnreadable, PdfWithoutText

_TOL = 2.5


@dataclass
class _Glyph:
    text: str
    x0: float
    x1: float
    y0: float
    y1: float
    size: float


@dataclass
class _Line:
    glyphs: list[_Glyph] = field(default_factory=list)

    @property
    def x0(self) -> float:
        return self.glyphs[0].x0

    @property
    def x1(self) -> float:
        return self.glyphs[-1].x1

    @property
    def top(self) -> float:
        return max(g.y1 for g in self.glyphs)

    @property
    def bottom(self) -> float:
        return min(g.y0 for g in self.glyphs)

    @property
    def size(self) -> float:
        return max(g.size for g in self.glyphs)

    def text(self) -> str:
        out: list[str] = []
        prev: _Glyph | None = None
        for g in self.glyphs:
            # PDFs that do not draw spaces leave a gap instead.
            if prev and g.x0 - prev.x1 > 0.18 * g.size and prev.text != " " and g.text != " ":
                out.append(" ")
            out.append(g.text)
            prev = g
        return clean("".join(out))


def read_pdf(data: bytes) -> list[Block]:
    """Read every page of a PDF; raise ``PdfWithoutText`` when there is no text layer."""
    blocks: list[Block] = []
    glyph_count = 0
    try:
        doc = PDFDocument(PDFParser(io.BytesIO(data)))
        rm = PDFResourceManager(caching=True)
        device = PDFPageAggregator(rm, laparams=None)  # raw glyphs: we do our own layout
        interp = PDFPageInterpreter(rm, device)
        for page in PDFPage.create_pages(doc):
            interp.process_page(page)
            glyphs, hsegs, vsegs = _collect(device.get_result())
            glyph_count += len(glyphs)
            page_blocks = _page_blocks(glyphs, hsegs, vsegs)
            if blocks and page_blocks and _continues_across_pages(blocks[-1], page_blocks[0]):
                blocks[-1] = Paragraph(_glue(blocks[-1].text, page_blocks[0].text))  # type: ignore[union-attr]
                page_blocks = page_blocks[1:]
            blocks.extend(page_blocks)
    except (PDFSyntaxError, PDFEncryptionError, PDFPasswordIncorrect, PSException, ValueError,
            KeyError, TypeError, AttributeError) as exc:
        raise PdfUnreadable() from exc
    if glyph_count == 0:
        raise PdfWithoutText()
    return blocks


def _continues_across_pages(last: Block, first: Block) -> bool:
    """A paragraph broken by a page break: no final punctuation above, no label or heading below."""
    if not (isinstance(last, Paragraph) and isinstance(first, Paragraph)):
        return False
    head = first.text
    return (len(last.text) >= 60 and not re.search(r"[.;:!?…”\")]$", last.text) and not _LABEL.match(head)
            and not head.isupper() and head[:1].isalnum())


def _collect(layout: LTContainer) -> tuple[list[_Glyph], list[tuple[float, float, float]], list[tuple[float, float, float]]]:
    glyphs: list[_Glyph] = []
    hsegs: list[tuple[float, float, float]] = []  # (y, x0, x1)
    vsegs: list[tuple[float, float, float]] = []  # (x, y0, y1)

    def walk(node: LTContainer) -> None:
        for obj in node:
            if isinstance(obj, LTChar):
                t = obj.get_text()
                if t.strip() or t == " ":
                    glyphs.append(_Glyph(t, obj.x0, obj.x1, obj.y0, obj.y1, obj.size))
            elif isinstance(obj, (LTLine, LTRect, LTCurve)):
                x0, y0, x1, y1 = obj.bbox
                w, h = x1 - x0, y1 - y0
                if h <= 2 and w >= 4:
                    hsegs.append(((y0 + y1) / 2, x0, x1))
                elif w <= 2 and h >= 4:
                    vsegs.append(((x0 + x1) / 2, y0, y1))
                elif isinstance(obj, LTRect) and w > 2 and h > 2:
                    hsegs.extend([(y0, x0, x1), (y1, x0, x1)])
                    vsegs.extend([(x0, y0, y1), (x1, y0, y1)])
            elif isinstance(obj, LTContainer):
                walk(obj)

    walk(layout)
    return glyphs, hsegs, vsegs


def _cluster(values: list[float], tol: float = _TOL) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= tol:
            continue
        out.append(v)
    return out


def _grids(hsegs: list, vsegs: list) -> list[tuple[list, list]]:
    """Group ruling segments into connected grids (one per table on the page)."""
    segs = [("h", s) for s in hsegs] + [("v", s) for s in vsegs]
    parent = list(range(len(segs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (ki, si) in enumerate(segs):
        for j in range(i + 1, len(segs)):
            kj, sj = segs[j]
            if ki == kj:
                continue
            h, v = (si, sj) if ki == "h" else (sj, si)
            if h[1] - _TOL <= v[0] <= h[2] + _TOL and v[1] - _TOL <= h[0] <= v[2] + _TOL:
                parent[find(i)] = find(j)
    groups: dict[int, tuple[list, list]] = {}
    for i, (k, s) in enumerate(segs):
        g = groups.setdefault(find(i), ([], []))
        (g[0] if k == "h" else g[1]).append(s)
    return [g for g in groups.values() if len(_cluster([s[0] for s in g[0]])) >= 2
            and len(_cluster([s[0] for s in g[1]])) >= 2]


@dataclass
class _Grid:
    xs: list[float]
    ys: list[float]  # top to bottom
    hsegs: list
    vsegs: list

    def contains(self, g: _Glyph) -> bool:
        cx, cy = (g.x0 + g.x1) / 2, (g.y0 + g.y1) / 2
        return self.xs[0] - 1 <= cx <= self.xs[-1] + 1 and self.ys[-1] - 1 <= cy <= self.ys[0] + 1

    def cell_of(self, g: _Glyph) -> tuple[int, int]:
        cx, cy = (g.x0 + g.x1) / 2, (g.y0 + g.y1) / 2
        c = max(0, min(len(self.xs) - 2, sum(1 for x in self.xs[1:-1] if cx > x)))
        r = max(0, min(len(self.ys) - 2, sum(1 for y in self.ys[1:-1] if cy < y)))
        return r, c

    def has_v(self, x: float, y: float) -> bool:
        return any(abs(s[0] - x) <= _TOL and s[1] - _TOL <= y <= s[2] + _TOL for s in self.vsegs)

    def has_h(self, y: float, x: float) -> bool:
        return any(abs(s[0] - y) <= _TOL and s[1] - _TOL <= x <= s[2] + _TOL for s in self.hsegs)


def _table(grid: _Grid, glyphs: list[_Glyph]) -> Table:
    nr, nc = len(grid.ys) - 1, len(grid.xs) - 1
    root = {(r, c): (r, c) for r in range(nr) for c in range(nc)}

    def find(k: tuple[int, int]) -> tuple[int, int]:
        while root[k] != k:
            k = root[k]
        return k

    def union(a: tuple[int, int], b: tuple[int, int]) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            root[max(ra, rb)] = min(ra, rb)

    for r in range(nr):
        ymid = (grid.ys[r] + grid.ys[r + 1]) / 2
        for c in range(nc):
            xmid = (grid.xs[c] + grid.xs[c + 1]) / 2
            if c + 1 < nc and not grid.has_v(grid.xs[c + 1], ymid):
                union((r, c), (r, c + 1))  # no border between: a column span
            if r + 1 < nr and not grid.has_h(grid.ys[r + 1], xmid):
                union((r, c), (r + 1, c))  # no border below: a row span
    content: dict[tuple[int, int], list[_Glyph]] = {}
    for g in glyphs:
        content.setdefault(find(grid.cell_of(g)), []).append(g)
    lines: dict[tuple[int, int], tuple[str, ...]] = {}
    for k, v in content.items():
        cols = [c for (r, c) in root if find((r, c)) == k]
        # The text area ends as far inside the right border as it starts inside the left one.
        padding = max(0.5, min(g.x0 for g in v) - grid.xs[min(cols)])
        right = grid.xs[max(cols) + 1] - padding
        lines[k] = tuple(_join_wrapped(_lines(v), right, left=min(g.x0 for g in v)))
    return Table(tuple(tuple(Cell(lines.get(find((r, c)), ())) for c in range(nc)) for r in range(nr)))


def _first_word_width(line: _Line) -> float:
    width = 0.0
    for g in line.glyphs:
        if g.text == " ":
            break
        width += g.x1 - g.x0
    return width


def _wrapped(prev: _Line, line: _Line, right: float) -> bool:
    """True when the first word of ``line`` did not fit at the end of ``prev``: a soft line wrap."""
    spaces = [g.x1 - g.x0 for g in prev.glyphs if g.text == " "]
    space = min(spaces) if spaces else 0.25 * line.size
    return prev.x1 + space + _first_word_width(line) > right - 0.5


def _joins(prev: _Line, line: _Line, prev_text: str, text: str, right: float, left: float | None) -> bool:
    """Whether ``line`` continues the paragraph ending with ``prev`` (a soft wrap)."""
    return (
        _wrapped(prev, line, right)
        and 0 <= prev.bottom - line.top <= 0.9 * line.size
        and (left is None or line.x0 <= left + 1.2 * line.size)
        # "- 2020" under "giai đoạn 2016" is a wrap; "- Item" after "như sau:", or indented, is a bullet.
        and (not _LABEL.match(text) or (left is not None and line.x0 <= left + 0.3 * line.size
                                        and not re.search(r"[.;:!?]$", prev_text)))
    )


def _glue(prev_text: str, text: str) -> str:
    # A wrap after "KH-" or "Quý I/" splits one word: no space goes back in.
    sep = "" if _WORD_BREAK.search(prev_text) else " "
    return clean(f"{prev_text}{sep}{text}")


_WORD_BREAK = re.compile(r"[^\s][/\-]$")


def _join_wrapped(lines: list[_Line], right: float, left: float | None) -> list[str]:
    """Text of ``lines`` with soft-wrapped lines joined into paragraphs."""
    out: list[str] = []
    prev: _Line | None = None
    for line in lines:
        text = line.text()
        if not text:
            continue
        if prev is not None and out and _joins(prev, line, out[-1], text, right, left):
            out[-1] = _glue(out[-1], text)
        else:
            out.append(text)
        prev = line
    return out


_LABEL = re.compile(r"^(?:[-–+•]\s|\d{1,2}(?:\.\d{1,2})*[.)]\s|[a-zđ]\)\s|[IVX]{1,5}\.\s|Điều\s+\d)")


def _lines(glyphs: list[_Glyph]) -> list[_Line]:
    """Group glyphs into visual lines (top to bottom), then split lines at wide gaps."""
    rows: list[list[_Glyph]] = []
    for g in sorted(glyphs, key=lambda g: (-round(g.y0, 0), g.x0)):
        if rows and abs(rows[-1][0].y0 - g.y0) <= 0.35 * max(g.size, 1):
            rows[-1].append(g)
        else:
            rows.append([g])
    out: list[_Line] = []
    for row in rows:
        row.sort(key=lambda g: g.x0)
        line = _Line()
        for g in row:
            if line.glyphs and g.x0 - line.glyphs[-1].x1 > 1.6 * g.size:
                out.append(line)
                line = _Line()
            if g.text == " " and not line.glyphs:
                continue
            line.glyphs.append(g)
        if line.glyphs:
            out.append(line)
    return out


_MAX_SEGMENTS = 2500


def _page_blocks(glyphs: list[_Glyph], hsegs: list, vsegs: list) -> list[Block]:
    if len(hsegs) + len(vsegs) > _MAX_SEGMENTS:
        # Drawings (charts, maps) are not tables: keep only lines long enough to be cell borders.
        hsegs = [h for h in hsegs if h[2] - h[1] >= 15]
        vsegs = [v for v in vsegs if v[2] - v[1] >= 8]
        if len(hsegs) + len(vsegs) > _MAX_SEGMENTS:
            hsegs, vsegs = [], []
    grids = []
    for hs, vs in _grids(hsegs, vsegs):
        xs, ys = _cluster([s[0] for s in vs]), sorted(_cluster([s[0] for s in hs]), reverse=True)
        # A row broken by a page keeps its side borders but may lose its top or bottom one.
        top, bottom = max(v[2] for v in vs), min(v[1] for v in vs)
        if top > ys[0] + _TOL:
            ys.insert(0, top)
        if bottom < ys[-1] - _TOL:
            ys.append(bottom)
        if xs[-1] - xs[0] > 40 and ys[0] - ys[-1] > 8:
            grids.append(_Grid(xs, ys, hs, vs))
    placed: list[tuple[float, Block]] = []
    free: list[_Glyph] = []
    in_grid: dict[int, list[_Glyph]] = {i: [] for i in range(len(grids))}
    for g in glyphs:
        for i, grid in enumerate(grids):
            if grid.contains(g):
                in_grid[i].append(g)
                break
        else:
            free.append(g)
    for i, grid in enumerate(grids):
        if in_grid[i]:
            placed.append((grid.ys[0], _table(grid, in_grid[i])))
    placed.extend(_paragraphs(_lines(free)))
    placed.sort(key=lambda t: -t[0])
    return [b for _, b in placed]


def _paragraphs(lines: list[_Line]) -> list[tuple[float, Block]]:
    """Page text outside tables → paragraphs: a line continues the previous one when it is a soft
    wrap (its first word would not have fitted) and starts at the left margin."""
    if not lines:
        return []
    right = max(line.x1 for line in lines)
    left = min(line.x0 for line in lines)
    tops = sorted(line.top for line in lines)
    out: list[tuple[float, Block]] = []
    prev: _Line | None = None
    for line in sorted(lines, key=lambda ln: (-round(ln.top, 0), ln.x0)):
        text = line.text()
        if not text or (text.isdigit() and len(text) <= 3 and line.top in (tops[0], tops[-1])):
            continue  # a page number
        if prev is not None and out and _joins(prev, line, out[-1][1], text, right, left):
            out[-1] = (out[-1][0], _glue(out[-1][1], text))
        else:
            out.append((line.top, text))
        prev = line
    return [(top, Paragraph(text)) for top, text in out]
