"""The seed survives every shape a user may upload it in: what is read does not depend on the format."""

from __future__ import annotations

import html
import io
import unicodedata

import pytest
from docx import Document

from cchc.plans.tests._importer_helpers import SEED, _fast_password_hashing, expected_for, parse_json  # noqa: F401

EXPECTED = expected_for(SEED)
KEYS = ["document_number", "document_type", "issuer", "place", "signed_date", "signer", "signer_title", "title",
        "plan_year", "sections", "key_tasks", "legal_bases", "articles", "recipients", "duties", "solutions", "parts"]
RAW = SEED.read_text(encoding="utf-8")
LINES = [x.strip() for x in RAW.splitlines() if x.strip()]
HEADER_AT = LINES.index("Số TT")
HEAD, CELLS = LINES[HEADER_AT:HEADER_AT + 5], LINES[HEADER_AT + 5:]
ROWS = [CELLS[k:k + 5] for k in range(0, len(CELLS), 5)]
BODY = LINES[LINES.index("Số: 4203/QĐ-UBND") + 2:HEADER_AT]


def portal_html() -> bytes:
    out = ["<html><head><title>Quyết định 4203/QĐ-UBND</title><script>var s='Căn cứ';</script></head><body>",
           "<div id='menu'><a href='/'>Trang chủ</a> <a>Văn bản pháp luật</a></div><div class='content1'>",
           "<table><tr><td><b>ỦY BAN NHÂN DÂN<br>TỈNH THÁI NGUYÊN<br>-------</b></td><td><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA "
           "VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc<br>---------------</b></td></tr><tr><td>Số: 4203/QĐ-UBND</td>"
           "<td><i>Thái Nguyên, ngày 27 tháng 12 năm 2019</i></td></tr></table>"]
    out += [f"<p>{html.escape(x)}</p>" for x in BODY]
    out.append("<table border='1' style='border-collapse:collapse'><tr>"
               + "".join(f"<td style='border:1px solid #000'><b>{h}</b></td>" for h in HEAD) + "</tr>")
    out += ["<tr>" + "".join(f"<td style='border:1px solid #000'><p>{html.escape(c)}</p></td>" for c in r) + "</tr>"
            for r in ROWS]
    out.append("</table></div><div class='footer'>Bản quyền © Thư viện pháp luật</div></body></html>")
    return "\n".join(out).encode()


def word() -> bytes:
    doc = Document()
    head = doc.add_table(rows=2, cols=2)
    head.cell(0, 0).text, head.cell(0, 1).text = "ỦY BAN NHÂN DÂN\nTỈNH THÁI NGUYÊN", (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc")
    head.cell(1, 0).text, head.cell(1, 1).text = "Số: 4203/QĐ-UBND", "Thái Nguyên, ngày 27 tháng 12 năm 2019"
    for line in BODY:
        doc.add_paragraph(line)
    table = doc.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for c, h in enumerate(HEAD):
        table.cell(0, c).text = h
    for row in ROWS:
        for c, value in zip(table.add_row().cells, row, strict=True):
            c.text = value
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def pdf() -> bytes:
    from weasyprint import HTML

    return HTML(string=portal_html().decode()).write_pdf()


def tab_separated_utf16() -> bytes:
    text = "\n".join(LINES[:HEADER_AT]) + "\n" + "\t".join(HEAD) + "\n" + "\n".join("\t".join(r) for r in ROWS)
    return text.encode("utf-16")


def crlf_nfd() -> bytes:
    return unicodedata.normalize("NFD", RAW).replace("\n", "\r\n").encode("utf-8")


def windows_1258() -> bytes:
    import sys

    sys.path.insert(0, str(SEED.parent))
    from make_corpus import encode_cp1258

    return encode_cp1258(RAW)


def interleaved_header() -> bytes:
    head = ("Hệ thống pháp luật\nỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "TỈNH THÁI NGUYÊN Độc lập - Tự do - Hạnh phúc\nSố: 4203/QĐ-UBND Thái Nguyên, ngày 27 tháng 12 năm 2019\n")
    return (head + RAW[RAW.index("QUYẾT ĐỊNH"):]).encode("utf-8")


def copied_columns() -> bytes:
    """A copy that put each header row on one line with a tab, a numeric date, and table labels
    broken over two lines ("Cơ quan" / "chủ trì")."""
    head = ("Hệ thống pháp luật\nỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN -------\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc "
            "lập - Tự do - Hạnh phúc ---------------\nSố: 4203/QĐ-UBND\tThái Nguyên, ngày 27/12/2019\n")
    body = RAW[RAW.index("QUYẾT ĐỊNH"):].replace("Cơ quan chủ trì\n", "Cơ quan\n\nchủ trì\n")
    return (head + body.replace("Thời gian hoàn thành chậm nhất", "Thời gian\nhoàn thành chậm nhất")).encode()


@pytest.mark.parametrize(("make", "filename"), [
    (portal_html, "4203.html"), (word, "4203.docx"), (pdf, "4203.pdf"), (tab_separated_utf16, "4203.txt"),
    (crlf_nfd, "4203.txt"), (windows_1258, "4203.txt"), (interleaved_header, "4203.txt"), (copied_columns, "4203.txt"),
], ids=["portal-html", "docx", "pdf", "tabs-utf16", "crlf-nfd", "cp1258", "interleaved-header", "copied-columns"])
def test_the_seed_reads_the_same_in_every_shape(make, filename):
    got = parse_json(make(), filename)
    for key in KEYS:
        assert got[key] == EXPECTED[key], key


def test_content_wins_over_the_file_name():
    assert parse_json(portal_html(), "4203.doc")["key_tasks"] == EXPECTED["key_tasks"]
    assert parse_json(RAW.encode(), "4203.docx")["key_tasks"] == EXPECTED["key_tasks"]
