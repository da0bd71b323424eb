"""The list export of the national TTHC database (spec §3.2a), as XLSX or CSV.

XLSX: sheet "Danh sách TTHC", row 1 one merged title cell, row 2 the header
``Mã số | Tên | Cơ quan ban hành | Cơ quan thực hiện | Lĩnh vực``, data from row 3. CSV: the same
columns, the header on its first line (or its second, under a title line). A header without these
columns refuses the whole file, one message per problem, each with its row.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from cchc.common.text import fold

from .model import Issue, ListRow
from .values import lines

COLUMNS = ("Mã số", "Tên", "Cơ quan ban hành", "Cơ quan thực hiện", "Lĩnh vực")
KEYS = ("code", "name", "issuing_agency", "implementing_agencies", "field")
_FOLDED = {fold(c): k for c, k in zip(COLUMNS, KEYS, strict=True)}
MAX_ROWS = 20_000
# The code goes into page addresses: letters, digits, dots, dashes, underscores ("1.000948.H38").
_CODE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]{0,39}$")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        # A code typed as a number: 1.00061 was "1.000610" before Excel dropped the zero.
        return f"{value:.6f}"
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _header_map(cells: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for i, cell in enumerate(cells):
        key = _FOLDED.get(fold(cell).rstrip(" :*"))
        if key and key not in found:
            found[key] = i
    return found


def _header_issues(file: str, row: int, cells: Sequence[str], found: dict[str, int]) -> list[Issue]:
    issues = []
    for col, key in zip(COLUMNS, KEYS, strict=True):
        if key not in found:
            issues.append(Issue(file, row, f"Thiếu cột “{col}” ở dòng tiêu đề."))
    seen = ", ".join(f"“{c.strip()}”" for c in cells if c and c.strip()) or "(trống)"
    if issues:
        issues.append(Issue(file, row, f"Dòng tiêu đề phải gồm các cột {' | '.join(COLUMNS)}; tệp có: {seen}. "
                                       "Cả tệp bị từ chối, chưa ghi gì."))
    return issues


def _rows(file: str, raw_rows: Iterable[tuple[int, Sequence[Any]]], errors: list[Issue], warnings: list[Issue],
          *, header_row: int) -> list[ListRow]:
    """Find the header in the first two rows (title row or not), then read the data rows under it."""
    it = iter(raw_rows)
    first = [(n, [_cell(v) for v in vs]) for n, vs in itertools.islice(it, 2)]
    if not first:
        errors.append(Issue(file, None, "Tệp danh sách trống."))
        return []
    maps = [(_header_map(cells), n, cells) for n, cells in first]
    full = [m for m in maps if len(m[0]) == len(KEYS)]
    if not full:
        # Report on the row that came closest, or on the row the layout puts the header on.
        found, number, cells = max(maps, key=lambda m: (len(m[0]), m[1] == header_row))
        errors.extend(_header_issues(file, number, cells, found))
        return []
    found, number, header = full[0]
    extra = [c.strip() for i, c in enumerate(header) if c.strip() and i not in found.values()]
    if extra:
        warnings.append(Issue(file, number, "Bỏ qua các cột không dùng: " + ", ".join(extra) + "."))
    data = [(n, cells) for n, cells in first if n > number]
    out: list[ListRow] = []
    for row_number, cells in itertools.chain(data, ((n, [_cell(v) for v in vs]) for n, vs in it)):
        got = {k: (cells[i] if i < len(cells) else "") for k, i in found.items()}
        if not any(v.strip() for v in got.values()):
            continue  # blank rows, or the empty tail of a sheet
        code, name = got["code"].strip(), got["name"].strip()
        if not code:
            errors.append(Issue(file, row_number, "Thiếu “Mã số”."))
        elif not _CODE.match(code):
            errors.append(Issue(file, row_number, f"“Mã số” “{code}” không hợp lệ (chỉ gồm chữ, số, dấu . _ -; tối đa 40 ký tự)."))
        elif not name:
            errors.append(Issue(file, row_number, f"Thủ tục {code}: thiếu “Tên”."))
        else:
            out.append(ListRow(file=file, row=row_number, code=code, name=name,
                               issuing_agency=got["issuing_agency"].strip(),
                               implementing_agencies=lines(got["implementing_agencies"]), field=got["field"].strip()))
        if len(out) > MAX_ROWS:
            errors.append(Issue(file, row_number, f"Tệp có hơn {MAX_ROWS} thủ tục; hãy chia nhỏ."))
            return []
    if not out and not errors:
        warnings.append(Issue(file, None, "Tệp danh sách không có dòng dữ liệu nào."))
    return out


def read_xlsx(file: str, data: bytes, errors: list[Issue], warnings: list[Issue]) -> list[ListRow]:
    """Rows of the sheet "Danh sách TTHC" (or the first sheet)."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged file
        errors.append(Issue(file, None, "Không đọc được tệp Excel (.xlsx); tệp hỏng hoặc không đúng định dạng."))
        return []
    try:
        names = {fold(n): n for n in book.sheetnames}
        sheet = book[names.get(fold("Danh sách TTHC"), book.sheetnames[0])]
        rows = ((i, row) for i, row in enumerate(sheet.iter_rows(values_only=True), 1))
        return _rows(file, rows, errors, warnings, header_row=2)
    finally:
        book.close()


def _decode(data: bytes) -> str | None:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def read_csv(file: str, data: bytes, errors: list[Issue], warnings: list[Issue]) -> list[ListRow]:
    """Rows of a CSV with the same columns (comma, semicolon or tab separated, UTF-8)."""
    text = _decode(data)
    if text is None:
        errors.append(Issue(file, None, "Tệp CSV phải mã hoá UTF-8 (Excel: Lưu thành “CSV UTF-8”)."))
        return []
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    # Row numbers count records (a quoted cell may hold line breaks), header = 1 as a spreadsheet shows it.
    return _rows(file, ((i, row) for i, row in enumerate(reader, 1)), errors, warnings, header_row=1)
