"""Each reader gives the same intermediate: paragraphs and rectangular tables with merges resolved."""

from __future__ import annotations

import io

from docx import Document

from cchc.plans.importer.blocks import Paragraph, Table
from cchc.plans.importer.readers import read_docx, read_html, read_pdf, read_text
from cchc.plans.tests._importer_helpers import CORPUS, _fast_password_hashing  # noqa: F401


def texts(blocks):
    return [b.text for b in blocks if isinstance(b, Paragraph)]


def tables(blocks):
    return [[[c.text for c in row] for row in b.rows] for b in blocks if isinstance(b, Table)]


def test_the_text_reader_takes_every_line_as_a_paragraph_and_drops_rules_and_markdown_marks():
    blocks = read_text("ỦY BAN NHÂN DÂN\r\n-------\r\n\r\n# KẾ HOẠCH\r\n**Cải cách  hành\u00a0chính**\r\n")
    assert texts(blocks) == ["ỦY BAN NHÂN DÂN", "KẾ HOẠCH", "Cải cách hành chính"]


def test_the_text_reader_reads_tab_and_pipe_separated_rows_as_tables():
    tab = read_text("TT\tNội dung\tChủ trì\n1\tViệc A\tSở Nội vụ\n2\tViệc B\n")
    assert tables(tab) == [[["TT", "Nội dung", "Chủ trì"], ["1", "Việc A", "Sở Nội vụ"], ["2", "Việc B", ""]]]
    pipe = read_text("| STT | Nội dung |\n|---|---|\n| 1 | Việc A |\n")
    assert tables(pipe) == [[["STT", "Nội dung"], ["1", "Việc A"]]]


def test_the_html_reader_drops_menus_scripts_and_footers_and_decodes_entities():
    page = ("<html><head><script>var a='Căn cứ giả';</script></head><body><nav><a>Trang chủ</a></nav>"
            "<div class='menu-top'>Giới thiệu</div><div class='content'><p>K&#7870; HO&#7840;CH</p>"
            "<p>C&agrave;i&nbsp;&nbsp;c&aacute;ch</p></div><footer>Bản quyền</footer></body></html>")
    assert texts(read_html(page)) == ["KẾ HOẠCH", "Cài cách"]


def test_the_html_reader_repeats_rowspan_and_colspan_cells_in_every_position_they_cover():
    page = ("<table><tr><td rowspan=2>STT</td><td colspan=2>Cơ quan thực hiện</td></tr>"
            "<tr><td>Chủ trì</td><td>Phối hợp</td></tr><tr><td>1</td><td>Sở A<br>Sở B</td><td>Sở C</td></tr></table>")
    [table] = [b for b in read_html(page) if isinstance(b, Table)]
    assert [[c.text for c in r] for r in table.rows] == [
        ["STT", "Cơ quan thực hiện", "Cơ quan thực hiện"], ["STT", "Chủ trì", "Phối hợp"], ["1", "Sở A Sở B", "Sở C"]]
    assert table.rows[2][1].lines == ("Sở A", "Sở B")


def test_the_html_reader_reads_a_layout_table_that_holds_the_whole_page_as_content():
    page = "<table><tr><td><p>KẾ HOẠCH</p><table><tr><td>1</td><td>x</td></tr></table></td></tr></table>"
    blocks = read_html(page)
    assert texts(blocks) == ["KẾ HOẠCH"] and tables(blocks) == [[["1", "x"]]]


def _docx_with_merges() -> bytes:
    doc = Document()
    doc.add_paragraph("Đoạn văn")
    t = doc.add_table(rows=4, cols=3)
    for r, row in enumerate([["STT", "Nội dung", "Chủ trì"], ["1", "Việc A", "Sở Nội vụ"], ["2", "Việc B", ""],
                             ["I", "NHÓM", ""]]):
        for c, v in enumerate(row):
            t.cell(r, c).text = v
    t.cell(1, 2).merge(t.cell(2, 2))  # vertical merge of the lead column
    t.cell(3, 1).merge(t.cell(3, 2))  # a group row spanning the remaining columns
    t.cell(1, 1).add_paragraph("đoạn thứ hai")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def test_the_docx_reader_resolves_vertical_and_horizontal_merges_and_keeps_cell_paragraphs():
    blocks = read_docx(_docx_with_merges())
    assert texts(blocks) == ["Đoạn văn"]
    [table] = [b for b in blocks if isinstance(b, Table)]
    assert [[c.text for c in r] for r in table.rows] == [
        ["STT", "Nội dung", "Chủ trì"], ["1", "Việc A đoạn thứ hai", "Sở Nội vụ"], ["2", "Việc B", "Sở Nội vụ"],
        ["I", "NHÓM", "NHÓM"]]
    assert table.rows[1][1].lines == ("Việc A", "đoạn thứ hai")


def test_the_docx_reader_prints_words_automatic_numbering():
    blocks = read_docx((CORPUS / "kh-08-ubnd-tuyen-quang-2026-numbered.docx").read_bytes())
    lines = texts(blocks)
    assert "I. MỤC ĐÍCH, YÊU CẦU" in lines and "II. NHIỆM VỤ TRỌNG TÂM" in lines
    assert "1. Cải cách thể chế" in lines and lines[lines.index("1. Cải cách thể chế") + 1].startswith("a) ")
    stt = [r[0] for t in tables(read_docx((CORPUS / "qd-2456-ubnd-bac-kan-2022.docx").read_bytes()))[-1:] for r in t]
    assert stt[:4] == ["STT", "I", "1.", "2."]


def test_the_pdf_reader_rebuilds_the_ruled_table_and_joins_wrapped_lines():
    blocks = read_pdf((CORPUS / "kh-27-so-tu-phap-thai-nguyen-2025.pdf").read_bytes())
    found = tables(blocks)
    assert found and found[0][0] == ["TT", "Nhiệm vụ", "Sản phẩm", "Đơn vị chủ trì", "Đơn vị phối hợp",
                                     "Thời gian hoàn thành"]
    rows = {r[0]: r for t in found for r in t}
    assert rows["1"][3] == "Phòng Xây dựng, kiểm tra và theo dõi thi hành pháp luật"
    assert rows["2"][3] == rows["1"][3]  # a lead cell merged over two rows
    assert rows["I"][1:] == ["CẢI CÁCH THỂ CHẾ"] * 5  # a group row spanning the columns
    assert any(t.startswith("Căn cứ Kế hoạch số 230/KH-UBND") and t.endswith("năm 2025;") for t in texts(blocks))
