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
from functools import lru_cache

from cchc.common.text import fold

from .agencies import is_agency_like
from .blocks import Block, Cell, Paragraph, Table
from .columns import column_role, is_deadline_like, is_number_row
from .errors import TableCutOff
from .outline import part_heading
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
        if labels and text[:1].islower() and len(text) <= 30:
            labels[-1] = f"{labels[-1]} {text}"  # "Cơ quan" / "chủ trì": a label broken over two lines
            j += 1
            continue
        nxt = blocks[j + 1] if j + 1 < len(blocks) else None
        if column_role(text) is None and isinstance(nxt, Paragraph) and nxt.text[:1].islower():
            text = f"{text} {nxt.text}"
            j += 1
        if len(text) > 60 or column_role(text) is None or re.search(r"\b(?:19|20)\d{2}\b", text):
            break  # an appendix title ("NHIỆM VỤ … NĂM 2021") is not a column label
        labels.append(text)
        j += 1
    roles = [column_role(lb) for lb in labels]
    if "no" in roles and roles[0] != "no":
        first = roles.index("no")  # the number column comes first; anything before is a title
        labels, roles = labels[first:], roles[first:]
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
    """Which line may start the next row: the next number, a restart, or the next Roman group.

    Numbers either run on across group headings (…, 4, II, 5, …) or restart under each (…, 4,
    II, 1, …); "1.1" may follow "1"; the first row is 1 (or 1.1).
    """

    def __init__(self) -> None:
        self.last: list[int] | None = None
        self.roman = 0
        self.after_group = False

    def accepts(self, line: str) -> tuple[str, str] | None:
        m = _ROMAN_ROW.match(line)
        if m and roman_to_int(m.group(1)) == self.roman + 1 and (
            not m.group(2) or is_upper(m.group(2), ratio=0.6) or m.group(2)[:1].isupper()
        ):
            return m.group(1), m.group(2)
        m = _NUM.match(line)
        if not m:
            return None
        parts = [int(x) for x in m.group(1).split(".")]
        rest = m.group(2) or ""
        if rest and not rest[:1].isupper():
            return None  # "2 cấp chính quyền…" inside a wrapped cell
        return (m.group(1), rest) if self._expected(parts) else None

    def _expected(self, parts: list[int]) -> bool:
        last = self.last
        if last is None:
            return parts in ([1], [1, 1])
        options = [[*last[:-1], last[-1] + 1], [*last, 1], [last[0] + 1], [last[0] + 1, 1]]
        if len(last) > 1:
            options.append([*last[:-2], last[-2] + 1])
        if self.after_group:
            options += [[1], [1, 1]]
        return parts in options

    def take(self, no: str) -> None:
        value = roman_to_int(no)
        if value:
            self.roman, self.after_group = value, True
        else:
            self.last, self.after_group = [int(x) for x in no.split(".")], False


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
        if not start and part_heading(block.text, 1 + numbering.roman) and raw:
            break  # "III. TỔ CHỨC THỰC HIỆN": the plan goes on after a table inside its part II
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
        cells = [Cell(tuple(_paragraphs(c))) for c in chunks]
        cells.insert(no_col, Cell((no,)))
        rows.append(tuple(cells))
    return rows, k


_OPEN_END = re.compile(
    r"(?:[,(/\-–]|(?<![\wà-ỹđ])(?:và|các|của|thuộc|trên|tại|với|cho|về|Văn phòng|Trung tâm|Bộ phận|Sở|Phòng|Ban|"
    r"Ủy ban|Chi cục|Cục|Hội đồng))$"
)


def _paragraphs(lines: list[str]) -> list[str]:
    """Rejoin a cell wrapped over several lines; one agency per line ("- Sở X;", "Sở Y") stays apart."""
    out: list[str] = []
    for line in lines:
        if out and not re.match(r"^[-+•*–]\s", line) and (
            line[:1].islower() or _OPEN_END.search(out[-1]) or not is_agency_like(line)
        ):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def _trim_last(lines: list[str], roles: list[str]) -> tuple[list[str], list[str]]:
    """The last row ends with its deadline cell; what follows is text after the table."""
    if "deadline" not in roles or roles[-1] != "deadline":
        return lines, []
    first = None
    for n in range(2, min(len(lines), _MAX_ROW_LINES) + 1):
        if first is not None and n > first + 2:
            break
        if not is_deadline_like(lines[n - 1]) or not _assign(lines[:n], roles)[-1]:
            continue
        first = first or n
        # A deadline wrapped over two lines ("Quý I/" / "2021") goes on in lower case or digits.
        if n == len(lines) or not (lines[n][:1].islower() or lines[n][:1].isdigit()):
            return lines[:n], lines[n:]
    return (lines[:first], lines[first:]) if first else (lines, [])


def _cut_off(lines: list[str], roles: list[str]) -> bool:
    if "deadline" not in roles:
        return False
    chunks = _assign(lines, roles)
    return not chunks[roles.index("deadline")] and len(lines) < len(roles)


_MAX_ROW_LINES = 40


def _assign(lines: list[str], roles: list[str]) -> list[list[str]]:
    """Best split of ``lines`` into one contiguous (possibly empty) chunk per role."""
    if len(lines) > _MAX_ROW_LINES:
        # No real row is this long; bound the cubic search and keep the excess in the last cell.
        chunks = _assign(lines[:_MAX_ROW_LINES], roles)
        last = max(i for i, c in enumerate(chunks) if c) if any(chunks) else 0
        chunks[last] = chunks[last] + lines[_MAX_ROW_LINES:]
        return chunks
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


@lru_cache(maxsize=16384)
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
