"""Key-task tables → ``KeyTask`` rows.

Works on ``Table`` blocks from any reader (and from ``text_tables``). A table is a key-task
table when its header row(s) name a content column and a lead or deadline column; the header may
span two rows ("Cơ quan thực hiện" over "Chủ trì | Phối hợp") and be followed by a "(1) (2) …"
row. A table without a header that follows a key-task table with the same width continues it
(a table split across pages). Rows are then classified:

* group headings ("I | CẢI CÁCH THỂ CHẾ", a row spanning all columns, or "1 | Cải cách thể
  chế" followed by "1.1", "1.2") name the area of the following tasks and are not tasks;
* a row without a number continues the task above (a row broken across a page);
* rows that repeat the header (repeated on each page) are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cchc.common.text import clean, fold

from .agencies import split_agencies
from .blocks import Block, Cell, Paragraph, Table
from .columns import column_role, deadline_preference, is_number_row
from .deadlines import parse_deadline
from .errors import TableCutOff
from .model import KeyTask
from .vn import roman_to_int

_GROUP_PREFIX = re.compile(r"^(?:[IVX]{1,5}|[A-H])\s*[.:/)\-–]\s*(.+)$")


@dataclass
class _Layout:
    roles: list[str]  # one per column
    labels: list[str]
    header_keys: set[str] = field(default_factory=set)


@dataclass
class _Row:
    no: str | None
    cells: dict[str, list[str]]  # role → lines (extra columns keyed "extra:<label>")
    group: bool = False


def find_key_tasks(blocks: list[Block], *, default_year: int | None = None) -> tuple[list[KeyTask], set[int]]:
    """All key tasks of the document, and the indexes of the blocks that held them."""
    used: set[int] = set()
    layout: _Layout | None = None
    logical: list[list[_Row]] = []  # one list per table, continued across page breaks
    last_idx = max((i for i, b in enumerate(blocks) if not _blank(b)), default=-1)
    prev_table_idx = -10
    for idx, block in enumerate(blocks):
        if not isinstance(block, Table):
            continue
        found = _layout(block)
        if found is not None:
            repeated = layout is not None and found[0].labels == layout.labels and _only_noise_between(
                blocks, prev_table_idx, idx)
            layout, start = found
            if not repeated:  # a header repeated at the top of the next page continues the table
                logical.append([])
        elif layout is not None and block.width == len(layout.roles) and _only_noise_between(blocks, prev_table_idx, idx):
            start = 0  # the same table, continued on the next page
        else:
            continue
        prev_table_idx = idx
        used.add(idx)
        logical[-1] = _rows(block, layout, start, logical[-1])
        if idx == last_idx:
            _check_cut_off(logical[-1])
    tasks: list[KeyTask] = []
    for rows in logical:
        group: str | None = None
        for row in _mark_number_groups(rows):
            if row.group:
                group = _group_name(row)
                continue
            tasks.append(_task(row, group, default_year))
    return tasks, used


def _blank(block: Block) -> bool:
    return isinstance(block, Paragraph) and not block.text.strip()


def _only_noise_between(blocks: list[Block], a: int, b: int) -> bool:
    between = blocks[a + 1:b]
    return a >= 0 and all(isinstance(x, Paragraph) and len(x.text) < 40 and not x.text[:1].isalpha()
                          or isinstance(x, Paragraph) and x.text.isdigit() for x in between)


def _layout(table: Table) -> tuple[_Layout, int] | None:
    """Find the header rows; return the layout and the index of the first data row."""
    for first in range(min(4, len(table.rows))):
        if _header_score(table.rows[first]) >= 2:
            break
    else:
        return None
    last = first
    # A second header row ("Chủ trì | Phối hợp" under "Cơ quan thực hiện") holds labels only; a
    # group row ("I | NHÓM NHIỆM VỤ …") does not.
    while last + 1 < len(table.rows) and _all_labels(table.rows[last + 1]) and not _has_number(table.rows[last + 1]):
        last += 1
    labels = []
    for c in range(table.width):
        parts: list[str] = []
        for r in range(first, last + 1):
            t = table.rows[r][c].text
            if t and t not in parts:
                parts.append(t)
        labels.append(" ".join(parts))
    roles = _assign_roles(labels)
    if "content" not in roles or not ({"lead", "deadline"} & set(roles)):
        return None
    start = last + 1
    if start < len(table.rows) and is_number_row([c.text for c in table.rows[start] if c.text]):
        start += 1
    keys = {fold(lb) for lb in labels if lb}
    return _Layout(roles, labels, keys), start


def _header_score(row: tuple[Cell, ...]) -> int:
    seen = []
    for cell in row:
        if cell.text and cell.text not in seen:
            seen.append(cell.text)
    return sum(1 for t in seen if column_role(t) is not None)


def _all_labels(row: tuple[Cell, ...]) -> bool:
    texts = {cell.text for cell in row if cell.text}
    return bool(texts) and all(column_role(t) is not None for t in texts)


def _has_number(row: tuple[Cell, ...]) -> bool:
    return bool(row) and bool(re.fullmatch(r"\d+(\.\d+)*\.?", row[0].text))


def _assign_roles(labels: list[str]) -> list[str]:
    roles = [column_role(lb) or ("extra" if lb else "extra") for lb in labels]
    deadline_cols = [i for i, r in enumerate(roles) if r == "deadline"]
    if len(deadline_cols) > 1:
        keep = max(deadline_cols, key=lambda i: (deadline_preference(labels[i]), i))
        for i in deadline_cols:
            if i != keep:
                roles[i] = "extra"
    seen: set[str] = set()
    for i, r in enumerate(roles):
        if r != "extra" and r in seen:
            # A column spanning two header cells repeats its label; any further one is extra.
            roles[i] = "extra"
        seen.add(r)
    return roles


def _rows(table: Table, layout: _Layout, start: int, out: list[_Row]) -> list[_Row]:
    for row in table.rows[start:]:
        cells: dict[str, list[str]] = {}
        for c, cell in enumerate(row[: len(layout.roles)]):
            if c > 0 and cell.lines and cell == row[c - 1]:
                continue  # a cell spanning several columns counts once, in its first column
            role = layout.roles[c]
            if role == "extra":
                role = f"extra:{layout.labels[c]}"
            if cell.lines:
                cells.setdefault(role, [])
                for line in cell.lines:
                    cells[role].append(line)
        texts = [c.text for c in row if c.text]
        if not texts:
            continue
        if {fold(t) for t in texts} <= layout.header_keys or is_number_row(texts):
            continue  # the header repeated on a new page
        no = clean(" ".join(cells.pop("no", []))) or None
        record = _Row(no, cells)
        record.group = _is_group(record, row)
        if no is None and not record.group and out and not out[-1].group and _continues(out[-1], record):
            _merge(out[-1], record)
            continue
        if out and no is not None and no == out[-1].no and not record.group:
            _merge(out[-1], record)  # a task whose number cell spans two rows
            continue
        out.append(record)
    return out


def _continues(prev: _Row, row: _Row) -> bool:
    """A row without a number is the rest of the task above (broken by a page), unless it is a
    sub-task of its own: a bulleted content with its own agency and deadline."""
    content = " ".join(row.cells.get("content", []))
    complete = bool(row.cells.get("deadline")) and bool(row.cells.get("lead"))
    return not (complete and (re.match(r"^[-+•*]|^[a-zđ]\)", content) or bool(prev.cells.get("deadline"))))


def _merge(into: _Row, extra: _Row) -> None:
    for role, lines in extra.cells.items():
        mine = into.cells.setdefault(role, [])
        if lines != mine:
            mine.extend(x for x in lines if x not in mine)


def _is_group(record: _Row, row: tuple[Cell, ...]) -> bool:
    distinct = {c.text for c in row if c.text}
    task_cells = [record.cells.get(r) for r in ("lead", "coordinating", "deadline", "product")]
    no = (record.no or "").rstrip(".")
    if no and (roman_to_int(no) or re.fullmatch(r"[A-H]", no)):
        return len(distinct) <= 2 or not any(task_cells)
    filled = sum(1 for c in row if c.text)
    if record.no is None and len(distinct) == 1 and (filled >= 2 or _GROUP_PREFIX.match(next(iter(distinct)))):
        return True  # one cell spanning the whole row (a lone cell is a row continued from the last page)
    if record.no and len(distinct) == 1 and _GROUP_PREFIX.match(record.no):
        return True  # "I. CẢI CÁCH THỂ CHẾ" spanning the number column too
    return False


def _mark_number_groups(rows: list[_Row]) -> list[_Row]:
    """"1 | Cải cách thể chế" with no agency or date, followed by "1.1": a group heading."""
    for i, row in enumerate(rows[:-1]):
        if row.group or not row.no or any(row.cells.get(r) for r in ("lead", "coordinating", "deadline", "product")):
            continue
        nxt = rows[i + 1].no or ""
        if nxt.startswith(row.no.rstrip(".") + "."):
            row.group = True
    return rows


def _group_name(row: _Row) -> str:
    text = clean(" ".join(row.cells.get("content") or next(iter(row.cells.values()), [])))
    if not text and row.no:
        text = row.no
    m = _GROUP_PREFIX.match(text)
    return clean(m.group(1)) if m else text


def _check_cut_off(rows: list[_Row]) -> None:
    tasks = [r for r in rows if not r.group]
    if len(tasks) < 2:
        return
    last, before = tasks[-1], tasks[:-1]
    complete = sum(1 for r in before if r.cells.get("deadline") and (r.cells.get("lead") or r.cells.get("coordinating")))
    if complete >= 0.8 * len(before) and not last.cells.get("deadline") and not last.cells.get("lead"):
        raise TableCutOff(last.no)


def _task(row: _Row, group: str | None, default_year: int | None) -> KeyTask:
    def text(role: str) -> str:
        return clean(" ".join(row.cells.get(role, [])))

    extra = tuple((k[len("extra:"):], clean(" ".join(v))) for k, v in row.cells.items() if k.startswith("extra:") and v)
    no = row.no.rstrip(".)").strip() if row.no else None
    return KeyTask(
        no=no or None,
        content=text("content"),
        product=text("product") or None,
        lead=tuple(split_agencies(row.cells.get("lead", []))),
        coordinating=tuple(split_agencies(row.cells.get("coordinating", []))),
        deadline=parse_deadline(text("deadline"), default_year=default_year),
        group=group,
        extra=extra,
    )
