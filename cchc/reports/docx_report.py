"""The periodic report as a DOCX draft in the administrative format of Decree 30/2020/NĐ-CP.

Layout (Appendix I of the Decree): a two-column header — issuer on the left (the parent body
above, the issuing body in bold below, underlined), the national motto on the right — then the
number "Số: …/BC-…" and "Thái Nguyên, ngày … tháng … năm …" in italics; the kind of document
("BÁO CÁO") and its summary centred in bold; the body with figures and tables; the list of late
tasks with their reasons; and at the foot "Nơi nhận" on the left and the signer block on the
right. A4, margins 20/20/30/15 mm, Times New Roman, body 14 pt, tables 13 pt.

The number and the day are left as dots: they are given when the document is registered and signed.
"""

from __future__ import annotations

import copy
import io
from typing import Any

from django.conf import settings
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from cchc.plans.selectors.stats import CountRow
from cchc.reports.selectors import PeriodReport

FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 13
MOTTO_1 = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_2 = "Độc lập - Tự do - Hạnh phúc"


def place() -> str:
    return getattr(settings, "CCHC_REPORT_PLACE", "Thái Nguyên")


def _abbrev(code: str) -> str:
    """"TN.STP" → "STP" (the issuing body's abbreviation in the number)."""
    return (code.split(".")[-1] if code else "").upper() or "UBND"


def _upper_name(name: str) -> str:
    return name.replace("Ủy ban nhân dân", "UBND").replace("Uỷ ban nhân dân", "UBND").upper()


def issuer_lines(report: PeriodReport) -> tuple[str, str, str]:
    """(parent body, issuing body, abbreviation) for the header and the number."""
    agency = report.agency
    if agency is None:
        return "", f"ỦY BAN NHÂN DÂN\nTỈNH {place().upper()}", "UBND"
    parent = agency.parent
    return (_upper_name(parent.name) if parent else "", agency.name.upper(), _abbrev(agency.code))


def signer_lines(report: PeriodReport) -> list[str]:
    if report.agency is None:
        return ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    if report.agency.type == "so":
        return ["GIÁM ĐỐC"]
    if report.agency.type.startswith("ubnd"):
        return ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    return ["THỦ TRƯỞNG CƠ QUAN"]


def recipients(report: PeriodReport) -> list[str]:
    if report.agency is None:
        return ["- Bộ Nội vụ (b/c);", "- Thường trực Tỉnh ủy (b/c);", "- Thường trực HĐND tỉnh (b/c);",
                "- Chủ tịch, các Phó Chủ tịch UBND tỉnh;", "- Các Sở, Ban, ngành;", "- UBND cấp huyện;",
                "- Lưu: VT, SNV."]
    return ["- UBND tỉnh (b/c);", "- Sở Nội vụ (tổng hợp);", "- Lưu: VT."]


def title_lines(report: PeriodReport) -> tuple[str, str]:
    who = "" if report.agency is None else f" của {report.agency.name}"
    return "BÁO CÁO", f"Kết quả thực hiện kế hoạch cải cách hành chính {report.period.label}{who}"


# --- low-level helpers --------------------------------------------------------------------------


def _font(run: Any, size: float, *, bold: bool = False, italic: bool = False) -> None:
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def _para(container: Any, text: str = "", *, size: float = BODY_PT, bold: bool = False, italic: bool = False,
          align: Any = WD_ALIGN_PARAGRAPH.JUSTIFY, indent: bool = False, underline: bool = False,
          space_after: float = 6) -> Paragraph:
    p = container.add_paragraph()
    p.alignment = align
    fmt = p.paragraph_format
    fmt.space_after = Pt(space_after)
    fmt.space_before = Pt(0)
    if indent:
        fmt.first_line_indent = Mm(12.7)
    if text:
        run = p.add_run(text)
        _font(run, size, bold=bold, italic=italic)
        run.font.underline = underline
    return p


def _cell_text(cell: Any, text: str, *, size: float = TABLE_PT, bold: bool = False, italic: bool = False,
               align: Any = WD_ALIGN_PARAGRAPH.LEFT, underline: bool = False) -> None:
    p = cell.paragraphs[0]
    p.alignment = align
    p.paragraph_format.space_after = Pt(0)
    lines = text.split("\n")
    for i, line in enumerate(lines):
        run = p.add_run(line)
        _font(run, size, bold=bold, italic=italic)
        run.font.underline = underline
        if i < len(lines) - 1:
            run.add_break()


def _no_borders(table: Table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def _header_row(table: Table) -> None:
    """Repeat the first row on every page."""
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _row_template(widths_mm: list[float], size: float) -> Any:
    """A ``w:tr`` with one formatted, empty cell per column, to be deep-copied per row.

    Building rows from raw XML is ~20 times faster than python-docx's per-run property setters,
    which a year report with a thousand late tasks needs (bench/year_report.py).
    """
    tr = OxmlElement("w:tr")
    for w in widths_mm:
        tc = OxmlElement("w:tc")
        tc_pr = OxmlElement("w:tcPr")
        tc_w = OxmlElement("w:tcW")
        tc_w.set(qn("w:w"), str(int(Mm(w).twips)))
        tc_w.set(qn("w:type"), "dxa")
        tc_pr.append(tc_w)
        tc.append(tc_pr)
        p = OxmlElement("w:p")
        p_pr = OxmlElement("w:pPr")
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:after"), "0")
        p_pr.append(spacing)
        jc = OxmlElement("w:jc")
        jc.set(qn("w:val"), "left")
        p_pr.append(jc)
        p.append(p_pr)
        r = OxmlElement("w:r")
        r_pr = OxmlElement("w:rPr")
        fonts = OxmlElement("w:rFonts")
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attr), FONT)
        r_pr.append(fonts)
        for tag in ("w:sz", "w:szCs"):
            el = OxmlElement(tag)
            el.set(qn("w:val"), str(int(size * 2)))
            r_pr.append(el)
        r.append(r_pr)
        t = OxmlElement("w:t")
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        r.append(t)
        p.append(r)
        tc.append(p)
        tr.append(tc)
    return tr


def _grid(doc: Any, headers: list[str], rows: list[list[str]], widths_mm: list[float]) -> Table:
    """A bordered table, header row repeated, cells in 13 pt."""
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    # LibreOffice and Word lay out by the grid columns, not only by the cells' widths.
    for column, w in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(w)
    for cell, text, w in zip(table.rows[0].cells, headers, widths_mm, strict=True):
        cell.width = Mm(w)
        _cell_text(cell, text, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _header_row(table)
    template = _row_template(widths_mm, TABLE_PT)
    tbl = table._tbl
    t_tag, jc_tag, val = qn("w:t"), qn("w:jc"), qn("w:val")
    for values in rows:
        tr = copy.deepcopy(template)
        for i, (t, jc, text) in enumerate(zip(tr.iter(t_tag), tr.iter(jc_tag), values, strict=True)):
            t.text = _xml_safe(text)
            numeric = text.replace("%", "").replace(",", "").isdigit()
            if numeric or i == 0:
                jc.set(val, "center")
        tbl.append(tr)
    return table


_CONTROL = dict.fromkeys(c for c in range(32) if c not in (9, 10, 13))


def _xml_safe(text: str) -> str:
    """XML 1.0 cannot hold most control characters (a pasted report may contain them)."""
    return text.translate(_CONTROL)


def _pct(n: int, d: int) -> str:
    return f"{round(100 * n / d)}%" if d else "—"


# --- the document ---------------------------------------------------------------------------------


def _setup(doc: Any) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def _heading_block(doc: Any, report: PeriodReport) -> None:
    parent, issuer, abbrev = issuer_lines(report)
    head = doc.add_table(rows=2, cols=2)
    _no_borders(head)
    left, right = head.rows[0].cells
    left.width, right.width = Mm(65), Mm(100)
    if parent:
        _cell_text(left, parent, size=13, align=WD_ALIGN_PARAGRAPH.CENTER)
        p = left.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(issuer)
        _font(run, 13, bold=True)
        run.font.underline = True
    else:
        _cell_text(left, issuer, size=13, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, underline=True)
    _cell_text(right, MOTTO_1, size=13, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    p = right.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(MOTTO_2)
    _font(run, 14, bold=True)
    run.font.underline = True
    num, when = head.rows[1].cells
    _cell_text(num, f"Số: …/BC-{abbrev}", size=13, align=WD_ALIGN_PARAGRAPH.CENTER)
    _cell_text(when, f"{place()}, ngày … tháng … năm {report.as_of.year}",
               size=14, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    kind, summary = title_lines(report)
    _para(doc, "", space_after=0)
    _para(doc, kind, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    _para(doc, summary, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=12)


def figures_sentence(total: CountRow) -> str:
    due = total.done + total.overdue + total.not_feasible
    return (f"Tổng số nhiệm vụ (lượt giao chủ trì) theo dõi trong kỳ: {total.total}; đã hoàn thành {total.done} "
            f"({_pct(total.done, total.total)}), trong đó đúng hạn {total.done_on_time}, quá hạn {total.done_late}; "
            f"quá hạn chưa hoàn thành {total.overdue}; không thực hiện được {total.not_feasible}; "
            f"đang thực hiện trong hạn {total.at_risk + total.on_track + total.no_deadline}. "
            f"Tỷ lệ hoàn thành đúng hạn trên số nhiệm vụ đã đến hạn: {_pct(total.done_on_time, due)}.")


def _count_rows(rows: list[CountRow], total: CountRow) -> list[list[str]]:
    out = []
    for i, r in enumerate(rows, 1):
        out.append([str(i), r.label, str(r.total), str(r.done_on_time), str(r.done_late), str(r.overdue),
                    str(r.not_feasible), f"{r.done_percent}%"])
    out.append(["", "Tổng cộng", str(total.total), str(total.done_on_time), str(total.done_late), str(total.overdue),
                str(total.not_feasible), f"{total.done_percent}%"])
    return out


COUNT_HEADERS = ["TT", "Nội dung", "Tổng số", "Hoàn thành đúng hạn", "Hoàn thành quá hạn", "Quá hạn chưa hoàn thành",
                 "Không thực hiện được", "Tỷ lệ hoàn thành"]
COUNT_WIDTHS = [10, 55, 15, 17, 17, 17, 17, 17]


def render(report: PeriodReport) -> bytes:
    """The report as DOCX bytes."""
    doc = Document()
    _setup(doc)
    _heading_block(doc, report)
    who = "tỉnh" if report.agency is None else "cơ quan"
    plans = "; ".join(p.title for p in report.plans) or "kế hoạch cải cách hành chính"
    _para(doc, f"Thực hiện {plans}, {report.agency.name if report.agency else f'Ủy ban nhân dân tỉnh {place()}'} "
               f"báo cáo kết quả thực hiện {report.period.label} (số liệu tính đến ngày {report.as_of:%d/%m/%Y}) "
               f"như sau:", indent=True)
    _para(doc, "I. KẾT QUẢ THỰC HIỆN", bold=True)
    _para(doc, f"1. Kết quả chung của {who}", bold=True)
    _para(doc, figures_sentence(report.total), indent=True)
    _para(doc, "2. Kết quả theo lĩnh vực", bold=True)
    _grid(doc, COUNT_HEADERS, _count_rows(report.by_area, report.total), COUNT_WIDTHS)
    if report.by_agency:
        _para(doc, "", space_after=0)
        _para(doc, "3. Kết quả theo cơ quan chủ trì", bold=True)
        _grid(doc, ["TT", "Cơ quan", *COUNT_HEADERS[2:]], _count_rows(report.by_agency, report.total), COUNT_WIDTHS)
    _para(doc, "", space_after=0)
    _para(doc, "II. NHIỆM VỤ CHẬM TIẾN ĐỘ, KHÔNG THỰC HIỆN ĐƯỢC VÀ NGUYÊN NHÂN", bold=True)
    if report.late:
        _para(doc, f"Có {len(report.late)} nhiệm vụ hoàn thành quá hạn, quá hạn chưa hoàn thành, bị trả lại hoặc "
                   f"không thực hiện được, cụ thể:", indent=True)
        rows = []
        for i, row in enumerate(report.late, 1):
            w = row.item
            task = f"{w.task.no}. {w.task.content}" if w.task.no else w.task.content
            if w.occurrence.label:
                task += f" ({w.occurrence.label})"
            rows.append([str(i), task, w.agency.name, f"{w.due_date:%d/%m/%Y}" if w.due_date else "—", row.state,
                         row.reason])
        _grid(doc, ["TT", "Nhiệm vụ", "Cơ quan", "Thời hạn", "Tình trạng", "Lý do"], rows, [10, 55, 30, 20, 22, 28])
    else:
        _para(doc, "Không có nhiệm vụ chậm tiến độ trong kỳ.", indent=True)
    _para(doc, "", space_after=0)
    _para(doc, "III. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI VÀ ĐỀ XUẤT, KIẾN NGHỊ", bold=True)
    _para(doc, "1. Tập trung hoàn thành các nhiệm vụ quá hạn nêu tại Mục II; "
               "2. Đôn đốc các cơ quan báo cáo tiến độ đúng hạn kèm minh chứng. (Bổ sung nội dung khi hoàn thiện dự thảo.)",
          indent=True)
    _footer(doc, report)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _footer(doc: Any, report: PeriodReport) -> None:
    _para(doc, "", space_after=0)
    foot = doc.add_table(rows=1, cols=2)
    _no_borders(foot)
    left, right = foot.rows[0].cells
    left.width, right.width = Mm(85), Mm(80)
    _cell_text(left, "Nơi nhận:", size=12, bold=True, italic=True)
    for line in recipients(report):
        p = left.add_paragraph()
        p.paragraph_format.space_after = Pt(0)
        _font(p.add_run(line), 11)
    lines = signer_lines(report)
    _cell_text(right, "\n".join(lines), size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for _ in range(3):
        right.add_paragraph()
    p = right.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(p.add_run("…………………"), 14, bold=True)
