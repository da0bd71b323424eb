"""Pure importer of the national TTHC exports: files in, procedure records and row-level messages out.

No database access: the service (:mod:`cchc.procedures.importing`) resolves agency names, compares
with what is stored and writes. Typical use::

    batch = parse_files([("danh-sach.xlsx", data), ("ChiTietTTHC_1.001612.docx", detail)])
    batch.records, batch.errors, batch.warnings
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from .blocks import Unreadable, docx_blocks, html_blocks
from .detail import LABEL_SET, parse_detail
from .legacy import LegacyRefused, convert_doc, mhtml_to_html, sniff
from .listing import COLUMNS, read_csv, read_xlsx
from .model import Batch, DetailDraft, Issue, ListRow, ProcedureRecord
from .payload import record_content, record_json

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_FILES = 500
_CODE_IN_NAME = re.compile(r"ChiTietTTHC[_-]+([0-9A-Za-z.\-]+?)(?:\.(?:docx?|html?|mht|mhtml))?$", re.IGNORECASE)

__all__ = ["COLUMNS", "MAX_FILE_BYTES", "Batch", "Issue", "ProcedureRecord", "parse_files", "record_content",
           "record_json"]


def _detail(name: str, data: bytes, kind: str, batch: Batch) -> DetailDraft | None:
    try:
        blocks = docx_blocks(data, LABEL_SET) if kind == "docx" else html_blocks(data, LABEL_SET)
    except Unreadable as exc:
        batch.errors.append(Issue(name, None, str(exc)))
        return None
    detail = parse_detail(name, blocks, batch.warnings)
    if not detail.code:
        match = _CODE_IN_NAME.search(name)
        detail.code = match.group(1) if match else ""
    if not detail.code:
        batch.errors.append(Issue(name, None, "Bản chi tiết không có “Mã thủ tục” (và tên tệp không chứa mã)."))
        return None
    return detail


def _merge(rows: list[ListRow], details: list[DetailDraft], batch: Batch) -> None:
    by_code: dict[str, ProcedureRecord] = {}
    for row in rows:
        known = by_code.get(row.code)
        if known is not None:
            same = (known.name, known.issuing_agency, known.implementing_agencies, known.field) == (
                row.name, row.issuing_agency, row.implementing_agencies, row.field)
            if same:
                batch.warnings.append(Issue(row.file, row.row, f"Mã số {row.code} lặp lại (cùng nội dung); bỏ qua."))
            else:
                first = known.sources[0]
                batch.errors.append(Issue(row.file, row.row, f"Mã số {row.code} đã có ở dòng {first['row']} "
                                                             f"của {first['file']} với nội dung khác."))
            continue
        by_code[row.code] = ProcedureRecord(
            code=row.code, name=row.name, issuing_agency=row.issuing_agency,
            implementing_agencies=row.implementing_agencies, field=row.field,
            sources=[{"file": row.file, "row": row.row}])
    for detail in details:
        record = by_code.get(detail.code)
        if record is None:
            if not detail.name:
                batch.errors.append(Issue(detail.file, None, f"Bản chi tiết {detail.code} không có “Tên thủ tục”."))
                continue
            record = by_code[detail.code] = ProcedureRecord(
                code=detail.code, name=detail.name, implementing_agencies=detail.implementing_agencies,
                field=detail.field)
        elif record.detail is not None:
            batch.errors.append(Issue(detail.file, None, f"Có hai bản chi tiết cho thủ tục {detail.code} "
                                                         f"({record.detail.file} và {detail.file})."))
            continue
        record.detail = detail
        record.sources.append({"file": detail.file, "row": None})
    batch.records = list(by_code.values())


def parse_files(files: Sequence[tuple[str, bytes]],
                convert: Callable[[bytes, str], bytes] = convert_doc) -> Batch:
    """Read list exports (XLSX/CSV) and detail exports (DOCX, HTML, MHTML, legacy .doc) together."""
    batch = Batch()
    if not files:
        batch.errors.append(Issue("", None, "Chưa chọn tệp nào."))
        return batch
    if len(files) > MAX_FILES:
        batch.errors.append(Issue("", None, f"Tối đa {MAX_FILES} tệp mỗi lần nhập."))
        return batch
    rows: list[ListRow] = []
    details: list[DetailDraft] = []
    for name, data in files:
        if len(data) > MAX_FILE_BYTES:
            batch.errors.append(Issue(name, None, f"Tệp lớn hơn {MAX_FILE_BYTES // (1024 * 1024)} MB."))
            continue
        kind = sniff(data, name)
        if kind == "doc":
            try:
                data, kind = convert(data, name), "docx"
            except LegacyRefused as exc:
                batch.errors.append(Issue(name, None, str(exc)))
                continue
        if kind == "mhtml":
            data, kind = mhtml_to_html(data), "html"
        if kind == "xlsx":
            rows += read_xlsx(name, data, batch.errors, batch.warnings)
        elif kind == "csv":
            rows += read_csv(name, data, batch.errors, batch.warnings)
        elif kind in ("docx", "html"):
            detail = _detail(name, data, kind, batch)
            if detail is not None:
                details.append(detail)
        else:
            batch.errors.append(Issue(name, None, "Không nhận ra loại tệp: cần danh sách (.xlsx, .csv) hoặc bản chi "
                                                  "tiết thủ tục (.docx, .doc, trang .html đã lưu)."))
    _merge(rows, details, batch)
    return batch
