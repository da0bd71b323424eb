"""Render a corpus ``Doc`` as Word (python-docx) or HTML (portal page, or the input of WeasyPrint)."""

from __future__ import annotations

import html
import io
import zipfile
from copy import deepcopy

from _corpus_model import Doc, Group, Task
from _render_text import MOTTO, part_lines, row_cells
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

# ---------------------------------------------------------------- Word


def _numbering(document) -> tuple[str, str]:
    """Add a multi-level list I. / 1. / a) to the package; return (numId for the outline, for STT)."""
    numbering = document.part.numbering_part.element
    absn = OxmlElement("w:abstractNum")
    absn.set(qn("w:abstractNumId"), "90")
    for ilvl, (fmt, text) in enumerate([("upperRoman", "%1."), ("decimal", "%2."), ("lowerLetter", "%3)")]):
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), str(ilvl))
        for tag, val in (("w:start", "1"), ("w:numFmt", fmt), ("w:lvlText", text)):
            el = OxmlElement(tag)
            el.set(qn("w:val"), val)
            lvl.append(el)
        absn.append(lvl)
    first_num = numbering.find(qn("w:num"))
    first_num.addprevious(absn)
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), "90")
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), "90")
    num.append(ref)
    numbering.append(num)
    return "90", "5"


def _set_num(paragraph, num_id: str, ilvl: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    numpr = OxmlElement("w:numPr")
    for tag, val in (("w:ilvl", str(ilvl)), ("w:numId", num_id)):
        el = OxmlElement(tag)
        el.set(qn("w:val"), val)
        numpr.append(el)
    ppr.append(numpr)


def _cell_paragraphs(cell, lines: list[str], *, bold: bool = False) -> None:
    first = cell.paragraphs[0]
    for i, line in enumerate(lines):
        p = first if i == 0 else cell.add_paragraph()
        run = p.add_run(line)
        run.bold = bold


def _header_table(document, doc: Doc) -> None:
    table = document.add_table(rows=2, cols=2)
    _cell_paragraphs(table.cell(0, 0), [*doc.issuer_lines, "-------"], bold=True)
    _cell_paragraphs(table.cell(0, 1), [*MOTTO, "---------------"], bold=True)
    _cell_paragraphs(table.cell(1, 0), [doc.number_line])
    _cell_paragraphs(table.cell(1, 1), [doc.date_line])


def _signature_table(document, doc: Doc) -> None:
    table = document.add_table(rows=1, cols=2)
    _cell_paragraphs(table.cell(0, 0), ["Nơi nhận:", *doc.recipients])
    _cell_paragraphs(table.cell(0, 1), [*doc.signer_lines, "", "", doc.signer], bold=True)


def _outline(document, doc: Doc, num_id: str | None) -> None:
    for part in doc.parts:
        for k, line in enumerate(part_lines(part)):
            if num_id is None:
                document.add_paragraph(line).runs[0].bold = k == 0
                continue
            label, _, text = line.partition(" ")
            if k == 0:
                p = document.add_paragraph(text)
                p.runs[0].bold = True
                _set_num(p, num_id, 0)
            elif label.rstrip(".").isdigit():
                _set_num(document.add_paragraph(text), num_id, 1)
            elif len(label) == 2 and label.endswith(")"):
                _set_num(document.add_paragraph(text), num_id, 2)
            else:
                document.add_paragraph(line)


def _task_table(document, doc: Doc, *, autonumber: bool) -> None:
    width = len(doc.columns)
    table = document.add_table(rows=1, cols=width)
    table.style = "Table Grid"
    for c, label in enumerate(doc.columns):
        _cell_paragraphs(table.cell(0, c), [label], bold=True)
    lead_col = next(i for i, lb in enumerate(doc.columns) if "chủ trì" in lb.lower())
    pending_merge: list[tuple[int, int]] = []
    for row in doc.rows:
        cells = table.add_row().cells
        r = len(table.rows) - 1
        if isinstance(row, Group):
            if row.span_all:
                merged = table.cell(r, 0).merge(table.cell(r, width - 1))
                _cell_paragraphs(merged, [row.name], bold=True)
            else:
                _cell_paragraphs(cells[0], [row.no], bold=True)
                merged = table.cell(r, 1).merge(table.cell(r, width - 1))
                _cell_paragraphs(merged, [row.name], bold=True)
            continue
        for c, lines in enumerate(row_cells(doc, row)):
            if c == 0 and autonumber:
                cells[0].paragraphs[0].style = document.styles["List Number"]
                continue
            if c == lead_col and pending_merge and pending_merge[-1][1] > 0:
                continue
            _cell_paragraphs(cells[c], lines)
        if row.lead_span > 1:
            pending_merge.append((r, row.lead_span - 1))
        elif pending_merge and pending_merge[-1][1] > 0:
            start, left = pending_merge[-1]
            pending_merge[-1] = (start, left - 1)
            if left - 1 == 0:
                table.cell(start, lead_col).merge(table.cell(r, lead_col))


def render_docx(doc: Doc) -> bytes:
    """A .docx of ``doc``: layout tables for header and signature, a bordered task table."""
    document = Document()
    document.styles["Normal"].font.name = "Times New Roman"
    document.styles["Normal"].font.size = Pt(13)
    num_id = _numbering(document)[0] if doc.options.get("autonumber_outline") else None
    _header_table(document, doc)
    document.add_paragraph(doc.heading).runs[0].bold = True
    for line in doc.title_lines:
        document.add_paragraph(line).runs[0].bold = True
    if doc.authority:
        document.add_paragraph(doc.authority).runs[0].bold = True
    for line in [*doc.bases, *([doc.proposal] if doc.proposal else [])]:
        document.add_paragraph(line)
    if doc.articles:
        document.add_paragraph("QUYẾT ĐỊNH:").runs[0].bold = True
        for n, text in doc.articles:
            p = document.add_paragraph()
            p.add_run(f"Điều {n}. ").bold = True
            p.add_run(text)
        _signature_table(document, doc)
        document.add_page_break()
        if doc.options.get("repeat_header_in_plan"):
            # Attached plans often repeat the issuer and the motto, without number or date.
            plan_header = deepcopy(doc)
            plan_header.number_line, plan_header.date_line = "", ""
            _header_table(document, plan_header)
        for line in doc.plan_heading:
            document.add_paragraph(line).runs[0].bold = True
        if doc.attach_note:
            document.add_paragraph(doc.attach_note).runs[0].italic = True
    for line in doc.intro:
        document.add_paragraph(line)
    _outline(document, doc, num_id)
    if doc.closing:
        document.add_paragraph(doc.closing)
    if not doc.articles:
        _signature_table(document, doc)
    document.add_page_break()
    for line in doc.appendix:
        document.add_paragraph(line).runs[0].bold = True
    _task_table(document, doc, autonumber=bool(doc.options.get("stt_autonumber")))
    buf = io.BytesIO()
    document.save(buf)
    return normalise_zip(buf.getvalue())


def normalise_zip(data: bytes) -> bytes:
    """Same bytes on every run: fixed timestamps and order (python-docx stamps the current time)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=(2020, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()


# ---------------------------------------------------------------- HTML


def _e(text: str, entities: bool) -> str:
    out = html.escape(text, quote=False)
    if not entities:
        return out
    # Older portal CMSs store Vietnamese letters as numeric entities; do it for every other one.
    chars = []
    for i, ch in enumerate(out):
        chars.append(f"&#{ord(ch)};" if ord(ch) > 127 and i % 2 == 0 else ch)
    return "".join(chars).replace("  ", " &nbsp;")


def _lines_html(lines: list[str], entities: bool) -> str:
    return "<br>".join(_e(x, entities) for x in lines)


def doc_html(doc: Doc, *, entities: bool, for_pdf: bool) -> str:
    """The document itself as HTML (header table, paragraphs, signature table, task table)."""
    e = lambda s: _e(s, entities)  # noqa: E731
    out = ['<table class="doc-header" style="width:100%;border:none">',
           f'<tr><td style="text-align:center;border:none"><b>{_lines_html([*doc.issuer_lines, "-------"], entities)}'
           f'</b></td><td style="text-align:center;border:none"><b>{_lines_html([*MOTTO, "---------------"], entities)}'
           '</b></td></tr>',
           f'<tr><td style="text-align:center;border:none">{e(doc.number_line)}</td>'
           f'<td style="text-align:center;border:none"><i>{e(doc.date_line)}</i></td></tr></table>',
           f'<p style="text-align:center"><b>{e(doc.heading)}</b><br><b>{_lines_html(doc.title_lines, entities)}</b>'
           '</p><p style="text-align:center">-----------</p>']
    out += [f"<p>&nbsp;&nbsp;&nbsp;&nbsp;{e(x)}</p>" for x in [*doc.bases, *doc.intro]]
    for part in doc.parts:
        lines = part_lines(part)
        out.append(f"<p><b>{e(lines[0])}</b></p>")
        out += [f"<p>{e(x)}</p>" for x in lines[1:]]
    if doc.closing:
        out.append(f"<p>{e(doc.closing)}</p>")
    out.append('<table class="doc-sign" style="width:100%;border:none"><tr>'
               f'<td style="border:none;width:50%"><b><i>Nơi nhận:</i></b><br>{_lines_html(doc.recipients, entities)}</td>'
               f'<td style="border:none;text-align:center"><b>{_lines_html(doc.signer_lines, entities)}</b><br><br><br>'
               f'<b>{e(doc.signer)}</b></td></tr></table>')
    brk = ' style="page-break-before:always;text-align:center"' if for_pdf else ' style="text-align:center"'
    out.append(f"<p{brk}><b>{_lines_html(doc.appendix[:2], entities)}</b>"
               + (f"<br><i>{e(doc.appendix[2])}</i>" if len(doc.appendix) > 2 else "") + "</p>")
    out.append(_task_table_html(doc, entities))
    return "\n".join(out)


def _task_table_html(doc: Doc, entities: bool) -> str:
    e = lambda s: _e(s, entities)  # noqa: E731
    width = len(doc.columns)
    rows = ['<table class="tasks" border="1" cellspacing="0" cellpadding="3">', "<thead>"]
    two = doc.options.get("two_row_header")
    if two:
        first = []
        for label in doc.columns:
            if label == "Chủ trì":
                first.append('<th colspan="2">Cơ quan thực hiện</th>')
            elif label != "Phối hợp":
                first.append(f'<th rowspan="2">{e(label)}</th>')
        rows.append("<tr>" + "".join(first) + "</tr>")
        rows.append("<tr><th>Chủ trì</th><th>Phối hợp</th></tr>")
    else:
        rows.append("<tr>" + "".join(f"<th>{e(x)}</th>" for x in doc.columns) + "</tr>")
    if doc.options.get("number_row"):
        rows.append("<tr>" + "".join(f"<td><i>({i})</i></td>" for i in range(1, width + 1)) + "</tr>")
    rows.append("</thead><tbody>")
    lead_col = next(i for i, lb in enumerate(doc.columns) if "chủ trì" in lb.lower())
    covered = 0
    for row in doc.rows:
        if isinstance(row, Group):
            rows.append(f"<tr><td><b>{e(row.no)}</b></td><td colspan=\"{width - 1}\"><b>{e(row.name)}</b></td></tr>")
            continue
        tds = []
        for c, lines in enumerate(row_cells(doc, row)):
            if c == lead_col and covered:
                covered -= 1
                continue
            span = f' rowspan="{row.lead_span}"' if c == lead_col and row.lead_span > 1 else ""
            tds.append(f"<td{span}>" + "".join(f"<p>{e(x)}</p>" for x in lines) + "</td>")
        if row.lead_span > 1:
            covered = row.lead_span - 1
        rows.append("<tr>" + "".join(tds) + "</tr>")
    rows.append("</tbody></table>")
    return "\n".join(rows)


PORTAL_TOP = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Kế hoạch cải cách hành chính năm 2023 - Cổng TTĐT tỉnh Thái Nguyên</title>
<link rel="stylesheet" href="/themes/portal/style.css">
<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}gtag('js',new Date());</script>
<style>.menu li{display:inline-block}</style></head>
<body>
<header class="site-header"><div class="banner">CỔNG THÔNG TIN ĐIỆN TỬ TỈNH THÁI NGUYÊN</div>
<nav class="main-menu"><ul><li><a href="/">Trang chủ</a></li><li><a href="/gioi-thieu">Giới thiệu</a></li>
<li><a href="/tin-tuc">Tin tức - Sự kiện</a></li><li><a href="/van-ban">Văn bản chỉ đạo điều hành</a></li>
<li><a href="/dich-vu-cong">Dịch vụ công</a></li></ul></nav></header>
<div class="breadcrumb"><a href="/">Trang chủ</a> &raquo; <a href="/van-ban">Văn bản</a> &raquo; Kế hoạch</div>
<div class="container"><div class="row"><div class="col-md-9 main-content">
<h1 class="title-news">Kế hoạch cải cách hành chính nhà nước tỉnh Thái Nguyên năm 2023</h1>
<table class="doc-properties"><tr><td>Số ký hiệu</td><td>35/KH-UBND</td></tr>
<tr><td>Ngày ban hành</td><td>14/02/2023</td></tr><tr><td>Cơ quan ban hành</td><td>UBND tỉnh</td></tr></table>
<div class="doc-content">
"""
PORTAL_BOTTOM = """</div>
<div class="share-tools"><a href="#">Chia sẻ Facebook</a> | <a href="#">In trang</a> | <a href="#">Gửi email</a></div>
</div><aside class="col-md-3 sidebar"><h3>Văn bản mới</h3><ul>
<li><a href="/vb/1">Quyết định số 245/QĐ-UBND về việc công bố thủ tục hành chính</a></li>
<li><a href="/vb/2">Kế hoạch số 40/KH-UBND về chuyển đổi số năm 2023</a></li></ul></aside></div></div>
<footer class="site-footer"><p>Bản quyền thuộc Cổng thông tin điện tử tỉnh Thái Nguyên</p>
<p>Địa chỉ: Số 18 Đường Nha Trang, TP. Thái Nguyên. Điện thoại: 0208.3855.xxx</p></footer>
<script src="/js/jquery.min.js"></script><script>$(function(){$('.menu').show();});</script>
</body></html>
"""


def render_portal_html(doc: Doc) -> bytes:
    return (PORTAL_TOP + doc_html(doc, entities=True, for_pdf=False) + PORTAL_BOTTOM).encode("utf-8")


PDF_CSS = """@page { size: A4; margin: 2cm 1.8cm 2cm 2.5cm; @bottom-center { content: counter(page); font-size: 9pt } }
body { font-family: 'DejaVu Serif'; font-size: 11.5pt; line-height: 1.3 }
p { margin: 0 0 4pt 0; text-align: justify }
table.tasks { border-collapse: collapse; width: 100%; font-size: 10.5pt }
table.tasks td, table.tasks th { border: 0.75pt solid #000; padding: 2pt 3pt; vertical-align: top }
table.tasks p { margin: 0; text-align: left }
table.doc-header td, table.doc-sign td { vertical-align: top; font-size: 11pt }
table.doc-header td:first-child { width: 38% } table.doc-header td:last-child { width: 62% }
tr { page-break-inside: avoid }
"""


def render_pdf(doc: Doc) -> bytes:
    from weasyprint import HTML

    page = (f'<html><head><meta charset="utf-8"><meta name="dcterms.created" content="2025-01-10T08:00:00">'
            f'<meta name="dcterms.modified" content="2025-01-10T08:00:00"><style>{PDF_CSS}</style></head><body>'
            + doc_html(doc, entities=False, for_pdf=True) + "</body></html>")
    return HTML(string=page).write_pdf()


def task_rows(doc: Doc) -> list[Task]:
    return [r for r in doc.rows if isinstance(r, Task)]
