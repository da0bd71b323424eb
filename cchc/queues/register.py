"""Sổ theo dõi hồ sơ (the dossier register, spec §5.8) of a unit for a period, as an XLSX workbook.

The rows are the dossiers the unit received or is competent for, received in the period (local
dates, both ends included), in order of receipt; read in chunks and written with
openpyxl's write-only mode, so a year of a busy centre streams in constant memory. The date each
dossier was transferred to the competent agency comes from its process log (one query per chunk).
A totals block closes the sheet.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import IO, Any

from django.db.models import Q

from cchc.common.errors import ValidationFailed
from cchc.dossiers.lifecycle import OPEN_STATES, State
from cchc.dossiers.models import ALL_STATE_VALUES, Dossier, ProcessLogEntry
from cchc.org.models import Agency
from cchc.workdays import TZ, classify_completed

CHUNK = 2000
MAX_DAYS = 3 * 366

HEADERS = [
    "STT", "Mã hồ sơ", "Tên thủ tục hành chính", "Số lượng hồ sơ (bộ)", "Tên cá nhân, tổ chức",
    "Địa chỉ, số điện thoại", "Cơ quan chủ trì giải quyết", "Nhận hồ sơ ngày", "Hẹn trả kết quả",
    "Chuyển hồ sơ đến cơ quan giải quyết", "Có kết quả / yêu cầu bổ sung ngày", "Trả kết quả ngày",
    "Ký nhận", "Ghi chú",
]
WIDTHS = [6, 30, 45, 10, 28, 40, 30, 17, 17, 17, 17, 17, 12, 30]
_FIELDS = ("id", "code", "state", "applicant_name", "applicant_address", "applicant_phone", "received_at", "due_at",
           "original_due_at", "statutory_due_at", "resolved_at", "returned_at", "closed_at", "closing_reason",
           "version__name", "competent_agency__name", "synthetic")
_OPEN = {s.value for s in OPEN_STATES}


@dataclass
class RegisterTotals:
    dossiers: int = 0
    returned: int = 0
    resolved: int = 0  # a result exists (returned or waiting to be returned)
    in_progress: int = 0
    early_or_on_time: int = 0  # resolved by the appointment (by local date)
    late: int = 0  # resolved after the appointment
    closed_other: int = 0  # refused, withdrawn, stopped
    by_state: dict[str, int] = field(default_factory=dict)


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    if end < start:
        raise ValidationFailed("“Đến ngày” phải sau “từ ngày”.", code="bad_period")
    if (end - start).days > MAX_DAYS:
        raise ValidationFailed("Mỗi lần xuất tối đa 3 năm.", code="period_too_long", details={"max_days": MAX_DAYS})
    return (datetime.combine(start, time(0, 0), tzinfo=TZ),
            datetime.combine(end + timedelta(days=1), time(0, 0), tzinfo=TZ))


def register_queryset(agency: Agency, start: date, end: date):
    """The register's dossiers (indexes dossier_recv_state and dossier_comp_state: agency, state,
    received_at; the filter on every state lets both use their last column)."""
    lo, hi = _bounds(start, end)
    return (Dossier.objects.filter(Q(receiving_agency_id=agency.pk) | Q(competent_agency_id=agency.pk),
                                   state__in=ALL_STATE_VALUES, received_at__gte=lo, received_at__lt=hi)
            .select_related("version", "competent_agency").only(*_FIELDS))


def _local(dt: datetime | None) -> datetime | None:
    # openpyxl cannot write aware datetimes; the register shows local clock time.
    return dt.astimezone(TZ).replace(tzinfo=None) if dt else None


def register_rows(agency: Agency, start: date, end: date, totals: RegisterTotals | None = None
                  ) -> Iterator[list[Any]]:
    """The register's rows in order of receipt, read in chunks (keyset on received_at, id)."""
    totals = totals if totals is not None else RegisterTotals()
    qs = register_queryset(agency, start, end).order_by("received_at", "id")
    last: tuple[datetime, int] | None = None
    n = 0
    while True:
        page = qs if last is None else qs.filter(Q(received_at__gt=last[0]) | Q(received_at=last[0], id__gt=last[1]))
        chunk = list(page[:CHUNK])
        if not chunk:
            return
        last = (chunk[-1].received_at, chunk[-1].id)
        transferred = dict(ProcessLogEntry.objects.filter(dossier_id__in=[d.id for d in chunk], action="transfer")
                           .values_list("dossier_id", "at"))
        for d in chunk:
            n += 1
            _count(totals, d)
            note = ""
            if d.state in (State.REFUSED_AT_INTAKE, State.WITHDRAWN, State.STOPPED):
                note = f"{State(d.state).label}: {d.closing_reason}".strip(": ")
            elif d.state in _OPEN:
                note = State(d.state).label
            if d.synthetic:
                note = (note + " (giả lập)").strip()
            contact = ", ".join(x for x in (d.applicant_address, d.applicant_phone) if x)
            yield [n, d.code, d.version.name, 1, d.applicant_name, contact, d.competent_agency.name,
                   _local(d.received_at), _local(d.original_due_at or d.due_at), _local(transferred.get(d.id)),
                   _local(d.resolved_at or d.closed_at), _local(d.returned_at), "", note]


def _count(t: RegisterTotals, d: Dossier) -> None:
    t.dossiers += 1
    t.by_state[d.state] = t.by_state.get(d.state, 0) + 1
    if d.returned_at:
        t.returned += 1
    if d.resolved_at:
        t.resolved += 1
        reference = d.statutory_due_at or d.original_due_at
        if classify_completed(d.resolved_at, reference).value == "qua_han":
            t.late += 1
        else:
            t.early_or_on_time += 1
    elif d.state in _OPEN:
        t.in_progress += 1
    elif d.state in (State.REFUSED_AT_INTAKE, State.WITHDRAWN, State.STOPPED):
        t.closed_other += 1


def write_register(agency: Agency, start: date, end: date, out: IO[bytes] | str) -> RegisterTotals:
    """Write the register workbook to ``out`` (a path or a binary file); return its totals."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    _bounds(start, end)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("So theo doi ho so")
    for i, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A5"
    ws.print_title_rows = "4:4"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")

    def cell(value, *, font=None, fmt=None, align=None):
        c = WriteOnlyCell(ws, value=value)
        if font:
            c.font = font
        if fmt:
            c.number_format = fmt
        if align:
            c.alignment = align
        return c

    ws.append([cell(agency.name.upper(), font=bold)])
    ws.append([cell("SỔ THEO DÕI HỒ SƠ", font=Font(bold=True, size=14))])
    ws.append([cell(f"Hồ sơ tiếp nhận từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}")])
    ws.append([cell(h, font=bold, align=Alignment(wrap_text=True, vertical="center", horizontal="center"))
               for h in HEADERS])
    totals = RegisterTotals()
    date_fmt = "dd/mm/yyyy hh:mm"
    for row in register_rows(agency, start, end, totals):
        ws.append([cell(v, fmt=date_fmt) if isinstance(v, datetime)
                   else cell(v, align=wrap) if i in (2, 4, 5, 6, 13) else v for i, v in enumerate(row)])
    ws.append([])
    for label, value in (
        ("Tổng số hồ sơ", totals.dossiers),
        ("Đã có kết quả", totals.resolved),
        ("— trong đó trước hạn, đúng hạn", totals.early_or_on_time),
        ("— trong đó quá hạn", totals.late),
        ("Đã trả kết quả", totals.returned),
        ("Đang giải quyết", totals.in_progress),
        ("Từ chối, rút, dừng giải quyết", totals.closed_other),
    ):
        ws.append([None, cell(label, font=bold), value])
    wb.save(out)
    return totals
