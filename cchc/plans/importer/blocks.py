"""The intermediate every reader produces: a flat list of paragraphs and tables.

Readers differ in what they see (lines, DOM nodes, Word XML, glyphs on a page); everything after
them works on these three types only. Merged cells are already resolved: a cell spanning several
rows or columns is repeated in each grid position it covers, so every row of a table has the same
number of cells.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph (or one line of a plain-text file): NFC, trimmed, whitespace collapsed."""

    text: str


@dataclass(frozen=True, slots=True)
class Cell:
    """A table cell: its paragraphs (lines), each cleaned, empty ones dropped."""

    lines: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return " ".join(self.lines)


@dataclass(frozen=True, slots=True)
class Table:
    """A rectangular grid of cells, top row first."""

    rows: tuple[tuple[Cell, ...], ...]

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


Block = Paragraph | Table


def rectangular(rows: list[list[Cell]]) -> Table:
    """Pad short rows with empty cells so that every row has the table's width."""
    width = max((len(r) for r in rows), default=0)
    return Table(tuple(tuple(r) + (Cell(),) * (width - len(r)) for r in rows))
