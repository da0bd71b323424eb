"""The progress spreadsheet: the same columns out and in, so an export can be edited and re-imported.

Pure (openpyxl, no database): ``write`` turns rows into an XLSX, ``read`` turns an XLSX back into
rows or refuses it with a ``SheetError`` (code + Vietnamese message). Cell parsing (statuses by
their Vietnamese labels, dates as dd/mm/yyyy or real Excel dates, percentages) lives here too.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from cchc.common.text import fold


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    label: str
    editable: bool
    width: int


COLUMNS: tuple[Column, ...] = (
    Column("id", "Mã phần việc", False, 12),
    Column("plan", "Kế hoạch", False, 28),
    Column("no", "Số TT", False, 9),
    Column("task", "Nhiệm vụ", False, 60),
    Column("agency", "Cơ quan", False, 28),
    Column("role", "Vai trò", False, 11),
    Column("period", "Kỳ", False, 12),
    Column("due", "Hạn", False, 12),
    Column("status", "Tình trạng", True, 22),
    Column("percent", "Tiến độ (%)", True, 11),
    Column("completed_on", "Ngày hoàn thành", True, 15),
    Column("narrative", "Kết quả thực hiện", True, 50),
    Column("reason", "Lý do không thực hiện được", True, 30),
    Column("doc_number", "Số văn bản minh chứng", True, 20),
    Column("doc_date", "Ngày văn bản", True, 14),
    Column("stamp", "Mã báo cáo gần nhất (không sửa)", False, 16),
)
EDITABLE = tuple(c.key for c in COLUMNS if c.editable)
SHEET_TITLE = "Tiến độ"
GUIDE_TITLE = "Hướng dẫn"
DATE_FORMAT = "dd/mm/yyyy"

STATUS_LABELS: dict[str, str] = {
    "not_started": "Chưa thực hiện",
    "in_progress": "Đang thực hiện",
    "done": "Hoàn thành",
    "done_on_time": "Hoàn thành đúng hạn",
    "done_late": "Hoàn thành quá hạn",
    "not_feasible": "Không thực hiện được",
}
_STATUS_BY_FOLD = {fold(label): key for key, label in STATUS_LABELS.items()} | {k: k for k in STATUS_LABELS}
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")

GUIDE = (
    "Cập nhật tiến độ ngoại tuyến, rồi nhập lại tệp này tại trang “Việc của cơ quan” → “Nhập tiến độ từ Excel”.",
    "Chỉ sửa các cột nền trắng: Tình trạng, Tiến độ (%), Ngày hoàn thành, Kết quả thực hiện, Lý do không thực hiện "
    "được, Số văn bản minh chứng, Ngày văn bản. Không sửa, thêm hay xoá cột.",
    "Tình trạng: Chưa thực hiện, Đang thực hiện, Hoàn thành (hệ thống tự xác định đúng hạn/quá hạn theo ngày "
    "hoàn thành), Không thực hiện được (phải ghi lý do).",
    "Ngày ghi theo dạng dd/mm/yyyy. Tiến độ là số nguyên từ 0 đến 100.",
    "Hệ thống chạy thử trước và chỉ ghi khi mọi dòng đều hợp lệ; dòng lỗi được chỉ rõ số dòng và lý do.",
)


class SheetError(Exception):
    """The file as a whole cannot be read as a progress sheet."""

    def __init__(self, code: str, message: str, details: Any = None) -> None:
        super().__init__(message)
        self.code, self.message, self.details = code, message, details


class CellError(ValueError):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code, self.message = code, message


@dataclass(frozen=True, slots=True)
class SheetRow:
    line: int
    values: dict[str, Any]


def write(rows: list[dict[str, Any]]) -> bytes:
    """An XLSX with one row per work item (dicts keyed by column key); dates as real Excel dates."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_TITLE
    ws.append([c.label for c in COLUMNS])
    locked = PatternFill("solid", fgColor="EEEEEE")
    for i, col in enumerate(COLUMNS, 1):
        cell = ws.cell(row=1, column=i)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(i)].width = col.width
    for r, row in enumerate(rows, 2):
        for i, col in enumerate(COLUMNS, 1):
            value = row.get(col.key)
            if col.key == "status" and value in STATUS_LABELS:
                value = STATUS_LABELS[value]
            cell = ws.cell(row=r, column=i, value=value)
            if isinstance(value, date):
                cell.number_format = DATE_FORMAT
            if not col.editable:
                cell.fill = locked
            if col.key in ("task", "narrative", "reason"):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    last = max(len(rows) + 1, 2)
    status_col = get_column_letter(_index("status"))
    statuses = DataValidation(type="list", formula1='"' + ",".join(STATUS_LABELS[k] for k in (
        "not_started", "in_progress", "done", "not_feasible", "done_on_time", "done_late")) + '"', allow_blank=True)
    statuses.error = "Chọn một tình trạng trong danh sách."
    ws.add_data_validation(statuses)
    statuses.add(f"{status_col}2:{status_col}{last}")
    pct_col = get_column_letter(_index("percent"))
    percent = DataValidation(type="whole", operator="between", formula1="0", formula2="100", allow_blank=True)
    percent.error = "Tiến độ là số nguyên từ 0 đến 100."
    ws.add_data_validation(percent)
    percent.add(f"{pct_col}2:{pct_col}{last}")
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{last}"
    guide = wb.create_sheet(GUIDE_TITLE)
    for line in GUIDE:
        guide.append([line])
    guide.column_dimensions["A"].width = 120
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _index(key: str) -> int:
    return next(i for i, c in enumerate(COLUMNS, 1) if c.key == key)


def read(data: bytes) -> list[SheetRow]:
    """Rows of a progress sheet; refuses a file that is not an XLSX or whose columns are not ours."""
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise SheetError("sheet_not_xlsx", "Tệp không phải bảng tính Excel (.xlsx) hợp lệ.") from exc
    try:
        ws = wb[SHEET_TITLE] if SHEET_TITLE in wb.sheetnames else wb.worksheets[0]
        rows = ws.iter_rows(values_only=True)
        header = next(rows, None)
        got = [fold(str(v)) if v is not None else "" for v in (header or ())]
        while got and not got[-1]:
            got.pop()
        wanted = [fold(c.label) for c in COLUMNS]
        if got != wanted:
            missing = [c.label for c in COLUMNS if fold(c.label) not in got]
            labels = {fold(c.label) for c in COLUMNS}
            unexpected = [str(v) for v in (header or ()) if v is not None and fold(str(v)) not in labels]
            raise SheetError(
                "sheet_wrong_columns",
                "Các cột của bảng tính không đúng mẫu xuất từ hệ thống"
                + (f"; thiếu: {', '.join(missing)}" if missing else "")
                + (f"; thừa: {', '.join(unexpected)}" if unexpected else "")
                + ("; sai thứ tự cột" if not missing and not unexpected else "")
                + ". Hãy xuất lại tệp mẫu và chỉ sửa các cột được phép.",
                details={"missing": missing, "unexpected": unexpected, "expected": [c.label for c in COLUMNS]},
            )
        out = []
        for line, values in enumerate(rows, 2):
            cells = list(values)[: len(COLUMNS)] + [None] * max(0, len(COLUMNS) - len(values))
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in cells):
                continue
            out.append(SheetRow(line=line, values={c.key: cells[i] for i, c in enumerate(COLUMNS)}))
        return out
    finally:
        wb.close()


def parse_status(value: Any) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    key = _STATUS_BY_FOLD.get(fold(str(value)))
    if key is None:
        raise CellError("invalid_status", f"Tình trạng “{value}” không có trong danh sách "
                                          f"({', '.join(STATUS_LABELS[k] for k in ('not_started', 'in_progress', 'done', 'not_feasible'))}).")
    return key


def parse_date(value: Any, what: str = "Ngày") -> date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        if m := _DMY.match(text):
            return date(int(m[3]), int(m[2]), int(m[1]))
        if m := _ISO.match(text):
            return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        pass
    raise CellError("invalid_date", f"{what} “{text}” không hợp lệ (ghi theo dạng dd/mm/yyyy).")


def parse_percent(value: Any) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise CellError("invalid_percent", "Tiến độ phải là số nguyên từ 0 đến 100.")
    try:
        number = float(str(value).strip().rstrip("%").replace(",", "."))
    except ValueError:
        raise CellError("invalid_percent", f"Tiến độ “{value}” không phải là số.") from None
    if number != int(number) or not 0 <= number <= 100:
        raise CellError("invalid_percent", f"Tiến độ “{value}” phải là số nguyên từ 0 đến 100.")
    return int(number)


def parse_int(value: Any) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = float(str(value).strip())
    except ValueError:
        return None
    return int(number) if number == int(number) else None


def text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value == int(value):
        value = int(value)
    return str(value).strip()
