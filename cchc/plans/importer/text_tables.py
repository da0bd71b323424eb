"""Rebuild tables that plain text flattened into one cell per line (the seed's appendix).

A header is a run of short lines that are all column labels ("Số TT", "Nội dung công việc",
"Cơ quan chủ trì", …). After it, a row starts at the next expected number ("1", "2", … or "1.1",
or a Roman numeral for a group heading). The lines between two row starts are spread over the
columns by a small dynamic programme that scores each column's share: agency names go to
agency columns, deadline phrases to the deadline column, a line that starts in lower case
continues the previous cell (a wrapped cell), a missing cell costs a little. That handles empty
cells and cells wrapped over several lines, which a fixed "n lines per row" split cannot.
"""

from __future__ import annotations

import re

from cchc.common.text import fold

from .agencies import is_agency_like
from .blocks import Block, Cell, Paragraph, Table
from .columns import column_role, is_deadline_like, is_number_row
from .errors import TableCutOff
from .vn import is_upper, roman_to_int

_NUM = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)\.?(?:\s+(.*))?$")
_ROMAN_ROW = re.compile(r"^([IVX]{1,5})\s*(?:[.:/)\-–]\s*|\s+|$)(.*)$")
_STOP = re.compile(
    r"^(?:nơi nhận|ghi chú|lưu ý|phụ lục|danh mục|biểu|tm\.|kt\.|tl\.|tuq\.|q\.\s|trên đây|"
    r"chủ tịch$|giám đốc$|phó chủ tịch$|phó giám đốc$|\(kèm theo|\(ban hành kèm)",
    re.IGNORECASE,
)
_EMPTY_COST = {"content": -6.0, "lead": -2.5, "coordinating": -1.0, "deadline": -2.5, "product": -1.0,
               "extra": -0.3}


def lift_text_tables(blocks: list[Block]) -> list[Block]:
    """Replace each header-and-rows run of paragraphs by a ``Table`` block."""
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        header = _header_run(blocks, i)
        if header is None:
            out.append(blocks[i])
            i += 1
            continue
        labels, j = header
        rows, end = _rows(blocks, j, [column_role(lb) or "extra" for lb in labels])
        if not rows:
            out.append(blocks[i])
            i += 1
            continue
        out.append(Table((tuple(Cell((lb,)) for lb in labels), *rows)))
        i = end
    return out


def _header_run(blocks: list[Block], i: int) -> tuple[list[str], int] | None:
    labels: list[str] = []
    j = i
    while j < len(blocks) and isinstance(blocks[j], Paragraph) and len(labels) < 12:
        text = blocks[j].text  # type: ignore[union-attr]
        if len(text) > 60 or column_role(text) is None:
            break
        labels.append(text)
        j += 1
    roles = [column_role(lb) for lb in labels]
    # "Cơ quan thực hiện" over "Chủ trì" / "Phối hợp" is a super-header, not a column.
    for k in range(len(labels) - 1):
        if roles[k] == "lead" and "chu tri" not in fold(labels[k]) and roles[k + 1] in ("lead", "coordinating"):
            del labels[k], roles[k]
            break
    if len(labels) < 3 or "no" not in roles or "content" not in roles:
        return None
    if not ({"lead", "deadline"} & set(roles)):
        return None
    # Skip a "(1) (2) (3)…" numbering row.
    nums = [b.text for b in blocks[j:j + len(labels)] if isinstance(b, Paragraph)]
    if len(nums) == len(labels) and is_number_row(nums) and nums[0].startswith("("):
        j += len(labels)
    return labels, j


class _Numbering:
    """Which line may start the next row: the next number, a restart, or the next Roman group."""

    def __init__(self) -> None:
        self.last: list[int] | None = None
        self.roman = 0

    def accepts(self, line: str) -> tuple[str, str] | None:
        m = _ROMAN_ROW.match(line)
        if m and roman_to_int(m.group(1)) == self.roman + 1 and (not m.group(2) or is_upper(m.group(2), ratio=0.6)
                                                                  or m.group(2)[:1].isupper()):
            return m.group(1), m.group(2)
        m = _NUM.match(line)
        if not m:
            return None
        parts = [int(x) for x in m.group(1).split(".")]
        rest = m.group(2) or ""
        if rest and not (rest[:1].isupper() and self._expected(parts, strict=True)):
            return None
        return (m.group(1), rest) if self._expected(parts, strict=bool(rest)) else None

    def _expected(self, parts: list[int], *, strict: bool) -> bool:
        last = self.last
        if last is None:
            return parts in ([1], [1, 1]) or (not strict and len(parts) == 1 and parts[0] <= 3)
        nxt = [*last[:-1], last[-1] + 1]
        options = [nxt, [*last, 1], [last[0] + 1]]
        if len(last) > 1:
            options.append([*last[:-2], last[-2] + 1])
        if not strict:
            options.append([1])
        return parts in options

    def take(self, no: str) -> None:
        if roman_to_int(no):
            self.roman = roman_to_int(no) or self.roman
            self.last = None
        else:
            self.last = [int(x) for x in no.split(".")]


def _rows(blocks: list[Block], j: int, roles: list[str]) -> tuple[list[tuple[Cell, ...]], int]:
    no_col = roles.index("no")
    others = [r for k, r in enumerate(roles) if k != no_col]
    numbering = _Numbering()
    raw: list[tuple[str, list[str], bool]] = []  # (no, lines, is_group)
    k = j
    while k < len(blocks):
        block = blocks[k]
        if not isinstance(block, Paragraph) or _STOP.match(block.text) or _header_run(blocks, k):
            break
        start = numbering.accepts(block.text)
        if start:
            no, rest = start
            numbering.take(no)
            raw.append((no, [rest] if rest else [], bool(roman_to_int(no))))
        elif raw:
            raw[-1][1].append(block.text)
        else:
            return [], j
        k += 1
    if not raw:
        return [], j
    at_end = k >= len(blocks)
    rows: list[tuple[Cell, ...]] = []
    for idx, (no, lines, group) in enumerate(raw):
        last = idx == len(raw) - 1
        if last:
            lines, rest = _trim_last(lines, others)
            k -= len(rest)
            if at_end and not rest and _cut_off(lines, others):
                raise TableCutOff(no)
        if group:
            chunks: list[list[str]] = [[] for _ in others]
            chunks[others.index("content") if "content" in others else 0] = [" ".join(lines)] if lines else []
        else:
            chunks = _assign(lines, others)
        cells = [Cell(tuple(c)) for c in chunks]
        cells.insert(no_col, Cell((no,)))
        rows.append(tuple(cells))
    return rows, k


def _trim_last(lines: list[str], roles: list[str]) -> tuple[list[str], list[str]]:
    """The last row ends with its deadline cell; what follows is text after the table."""
    if "deadline" not in roles or roles[-1] != "deadline":
        return lines, []
    for n in range(1, len(lines) + 1):
        if is_deadline_like(lines[n - 1]) and n >= 2 and (n == len(lines) or not lines[n][:1].islower()):
            chunks = _assign(lines[:n], roles)
            if chunks[-1]:
                return lines[:n], lines[n:]
    return lines, []


def _cut_off(lines: list[str], roles: list[str]) -> bool:
    if "deadline" not in roles:
        return False
    chunks = _assign(lines, roles)
    return not chunks[roles.index("deadline")] and len(lines) < len(roles)


def _assign(lines: list[str], roles: list[str]) -> list[list[str]]:
    """Best split of ``lines`` into one contiguous (possibly empty) chunk per role."""
    n, m = len(lines), len(roles)
    neg = float("-inf")
    best = [[neg] * (n + 1) for _ in range(m + 1)]
    back = [[0] * (n + 1) for _ in range(m + 1)]
    best[0][0] = 0.0
    for c in range(m):
        for i in range(n + 1):
            if best[c][i] == neg:
                continue
            for k in range(i, n + 1):
                score = best[c][i] + _chunk_score(roles[c], lines[i:k])
                if score > best[c + 1][k]:
                    best[c + 1][k], back[c + 1][k] = score, i
    chunks: list[list[str]] = []
    k = n
    for c in range(m, 0, -1):
        i = back[c][k]
        chunks.append(lines[i:k])
        k = i
    return chunks[::-1]


def _chunk_score(role: str, chunk: list[str]) -> float:
    if not chunk:
        return _EMPTY_COST.get(role, -0.3)
    text = " ".join(chunk)
    score = _fit(role, text)
    for prev, line in zip(chunk, chunk[1:], strict=False):
        score += _continuation(role, prev, line)
    return score


def _fit(role: str, text: str) -> float:
    agency = is_agency_like(text)
    deadline = is_deadline_like(text)
    if role == "content":
        score = 1.0 + (0.5 if len(text) > 40 else 0.0)
        if agency and len(text) < 80:
            score -= 2.0
        if deadline and len(text) < 40:
            score -= 3.0
        return score
    if role in ("lead", "coordinating"):
        score = 2.0 if agency else -2.0
        return score - (3.0 if deadline and not agency else 0.0) - (1.0 if len(text) > 200 else 0.0)
    if role == "deadline":
        if agency:
            return -2.5
        return 3.0 if deadline else (-0.5 if len(text) <= 40 else -2.5)
    if role == "product":
        return -1.5 if agency else (-2.5 if deadline else 0.5)
    return 0.0


def _continuation(role: str, prev: str, line: str) -> float:
    first = line[:1]
    if first.islower() or first in ",;.)/-–" or (first.isdigit() and not prev.rstrip().endswith((".", ";"))):
        return 0.8
    if role in ("lead", "coordinating"):
        return 0.2 if is_agency_like(line) else -0.5
    if role == "deadline":
        return -1.0
    if role == "content":
        return -0.6 if prev.rstrip().endswith((".", ";", ":")) else -0.3
    return -0.4
