"""Plain text (as copied from a legal portal) → blocks.

Every non-empty line is a paragraph (Markdown heading marks and bold marks are dropped): copies from portals put one paragraph per line, and the
tables come out with one cell per line (``text_tables`` rebuilds those). Two other table shapes
are recognised here because their separators are explicit: tab-separated rows (copied from Word
or Excel) and ``| a | b |`` rows.
"""

from __future__ import annotations

import re

from cchc.common.text import clean

from ..blocks import Block, Cell, Paragraph, rectangular

_RULE = re.compile(r"^[\s\-_=*.~·–—]{3,}$")
_PIPE_RULE = re.compile(r"^\|?[\s:\-|+]+\|?$")
# Markdown conversions of legal texts (GitHub datasets, wikis): "# KẾ HOẠCH", "**Điều 1.**".
_MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MARKDOWN_STRONG = re.compile(r"(?:\*\*|__)(.+?)(?:\*\*|__)")


def read_text(text: str) -> list[Block]:
    """Split decoded text into paragraphs and explicit (tab or pipe separated) tables."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\f", "\n")
    lines = text.split("\n")
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        rows, i2 = _table_run(lines, i)
        if rows:
            blocks.append(rectangular(rows))
            i = i2
            continue
        line = lines[i]
        i += 1
        if _RULE.match(line):
            continue  # "-------" under the issuer and the motto
        cleaned = clean(_MARKDOWN_HEADING.sub("", _MARKDOWN_STRONG.sub(r"\1", line)))
        if cleaned:
            blocks.append(Paragraph(cleaned))
    return blocks


def _cells(line: str, *, in_table: bool) -> list[str] | None:
    stripped = line.strip()
    if stripped.startswith("|") and stripped.count("|") >= 3:
        return [c for c in stripped.strip("|").split("|")]
    # A table starts with a row of three cells or more; later rows may have empty trailing cells.
    if line.count("\t") >= (1 if in_table else 2):
        return line.split("\t")
    return None


def _table_run(lines: list[str], start: int) -> tuple[list[list[Cell]], int]:
    """Consecutive tab/pipe rows from ``start`` (at least two), else an empty list."""
    rows: list[list[Cell]] = []
    i = start
    while i < len(lines):
        line = lines[i]
        if line.strip().startswith("|") and _PIPE_RULE.match(line.strip()) and rows:
            i += 1  # the |---|---| rule under a header
            continue
        cells = _cells(line, in_table=bool(rows))
        if cells is None:
            break
        rows.append([Cell(_cell_lines(c)) for c in cells])
        i += 1
    if len(rows) < 2:
        return [], start
    return rows, i


def _cell_lines(text: str) -> tuple[str, ...]:
    # Some exports write a line break inside a cell as a literal "\n": keep those lines apart.
    parts = [clean(p) for p in text.replace("\\n", "\n").split("\n")]
    return tuple(p for p in parts if p)
