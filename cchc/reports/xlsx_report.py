"""An XLSX of all tasks: one row per work item (an agency's share of one occurrence of a task).

Written with openpyxl's write-only mode, so memory stays flat whatever the number of rows.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterable
from datetime import date

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

from cchc.plans.models import Review, WorkItem

HEADERS = ["Kế hoạch", "STT", "Nhiệm vụ", "Lĩnh vực", "Kỳ", "Cơ quan", "Vai trò", "Thời hạn", "Tình trạng",
           "Tiến độ (%)", "Duyệt", "Ngày hoàn thành", "Quá hạn", "Lý do / kết quả"]
WIDTHS = [30, 6, 60, 25, 12, 35, 10, 12, 20, 10, 18, 14, 9, 50]


def _reason(w: WorkItem) -> str:
    r = w.latest_report
    if r is None:
        return ""
    if w.review == Review.RETURNED and r.review_reason:
        return f"Trả lại: {r.review_reason}"
    return (r.reason or r.narrative or "")[:2000]


def _day(ws: object, d: date | None) -> WriteOnlyCell | None:
    if d is None:
        return None
    c = WriteOnlyCell(ws, value=d)
    c.number_format = "DD/MM/YYYY"
    return c


def render(items: Iterable[WorkItem], *, today: date, title: str = "Nhiệm vụ") -> bytes:
    """The workbook as bytes: a header row, one row per work item, an Excel table over them."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title[:31])
    for i, w in enumerate(WIDTHS):
        ws.column_dimensions[chr(ord("A") + i)].width = w
    ws.freeze_panes = "A2"
    bold = Font(name="Times New Roman", bold=True)
    head = []
    for h in HEADERS:
        c = WriteOnlyCell(ws, value=h)
        c.font = bold
        c.alignment = Alignment(wrap_text=True, vertical="center")
        head.append(c)
    ws.append(head)
    n = 0
    for w in items:
        overdue = w.is_open and w.due_date is not None and w.due_date < today
        ws.append([w.plan.title, w.task.no, w.task.content, w.area.title if w.area_id else "", w.occurrence.label,
                   w.agency.name, w.get_role_display(), _day(ws, w.due_date), w.get_status_display(), w.percent,
                   w.get_review_display(), _day(ws, w.completed_on), "x" if overdue else "", _reason(w)])
        n += 1
    if n:
        table = Table(displayName="NhiemVu", ref=f"A1:{chr(ord('A') + len(HEADERS) - 1)}{n + 1}")
        table.tableColumns = [TableColumn(id=i, name=h) for i, h in enumerate(HEADERS, 1)]
        table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
        with warnings.catch_warnings():  # openpyxl warns in write-only mode even when the columns are given
            warnings.simplefilter("ignore", UserWarning)
            ws.add_table(table)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
