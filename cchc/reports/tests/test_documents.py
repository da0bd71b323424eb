"""The periodic report opens as DOCX in the Decree 30 layout and the task list as XLSX (read back)."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date

import pytest
from docx import Document
from openpyxl import load_workbook

from cchc.reports import docx_report
from cchc.reports.periods import Period
from cchc.reports.selectors import period_report

YEAR_END = date(2020, 12, 31)


def all_text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for row in t.rows:
            parts.extend(c.text for c in row.cells)
    return "\n".join(parts)


def runs(doc):
    for p in doc.paragraphs:
        yield from p.runs
    for t in doc.tables:
        for row in t.rows:
            for c in row.cells:
                for p in c.paragraphs:
                    yield from p.runs


@pytest.fixture
def province_docx(tracked, people):
    report = period_report(user=people["secretariat"], period=Period(2020, "year"), today=YEAR_END)
    return report, Document(io.BytesIO(docx_report.render(report)))


def test_the_header_follows_decree_30(province_docx):
    _report, doc = province_docx
    header = doc.tables[0]
    left, right = (c.text for c in header.rows[0].cells)
    assert left == "ỦY BAN NHÂN DÂN\nTỈNH THÁI NGUYÊN"
    assert right.splitlines() == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    number, when = (c.text for c in header.rows[1].cells)
    assert number == "Số: …/BC-UBND"
    assert when == "Thái Nguyên, ngày … tháng … năm 2020"
    assert all(r.italic for p in header.rows[1].cells[1].paragraphs for r in p.runs)
    texts = [p.text for p in doc.paragraphs]
    i = texts.index("BÁO CÁO")
    assert texts[i + 1] == "Kết quả thực hiện kế hoạch cải cách hành chính năm 2020"


def test_figures_tables_late_tasks_and_footer(province_docx):
    report, doc = province_docx
    text = all_text(doc)
    t = report.total
    assert t.total > 0 and t.done_late == 1 and t.done_on_time == 1
    assert f"Tổng số nhiệm vụ (lượt giao chủ trì) theo dõi trong kỳ: {t.total}; đã hoàn thành 2" in text
    area_table = doc.tables[1]
    assert [c.text for c in area_table.rows[0].cells][:3] == ["TT", "Nội dung", "Tổng số"]
    assert area_table.rows[-1].cells[1].text == "Tổng cộng" and area_table.rows[-1].cells[2].text == str(t.total)
    late = next(tb for tb in doc.tables if tb.rows[0].cells[-1].text == "Lý do")
    rows = {r.cells[1].text: r for r in late.rows[1:]}
    key = next(k for k in rows if k.startswith("1. Rà soát văn bản quy phạm pháp luật"))
    assert rows[key].cells[2].text == "Sở Tư pháp" and rows[key].cells[3].text == "30/06/2020"
    assert rows[key].cells[4].text == "Hoàn thành quá hạn"
    assert rows[key].cells[5].text == "Chờ ý kiến thẩm định của Bộ Tư pháp"
    assert len(late.rows) - 1 == len(report.late)
    assert "Nơi nhận:" in text and "- Bộ Nội vụ (b/c);" in text and "TM. ỦY BAN NHÂN DÂN" in text


def test_times_new_roman_13_to_14_pt(province_docx):
    _report, doc = province_docx
    body = [r for r in runs(doc) if r.text.strip()]
    assert body and all(r.font.name == "Times New Roman" for r in body)
    sizes = {r.font.size.pt for r in body}
    assert sizes <= {11.0, 12.0, 13.0, 14.0}  # 11–12 pt only in "Nơi nhận", as the Decree sets
    assert doc.styles["Normal"].font.name == "Times New Roman" and doc.styles["Normal"].font.size.pt == 14
    paragraphs = [r for p in doc.paragraphs for r in p.runs if r.text.strip()]
    assert {r.font.size.pt for r in paragraphs} == {14.0}


def test_agency_report_header_and_scope(tracked, people, registry):
    report = period_report(user=people["officer_stp"], period=Period(2020, "q3"), agency=registry["stp"],
                           today=YEAR_END)
    doc = Document(io.BytesIO(docx_report.render(report)))
    left = doc.tables[0].rows[0].cells[0].text
    assert left == "UBND TỈNH THÁI NGUYÊN\nSỞ TƯ PHÁP"
    assert doc.tables[0].rows[1].cells[0].text == "Số: …/BC-STP"
    assert {r.item.agency_id for r in report.late} <= {registry["stp"].pk}
    assert "GIÁM ĐỐC" in all_text(doc)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed; CI installs it")
def test_the_docx_converts_to_pdf_with_libreoffice(province_docx, tmp_path):
    report, _doc = province_docx
    src = tmp_path / "bao-cao.docx"
    src.write_bytes(docx_report.render(report))
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(src)], check=True, timeout=180, capture_output=True)
    pdf = tmp_path / "bao-cao.pdf"
    assert pdf.exists() and pdf.read_bytes()[:5] == b"%PDF-"


def test_views_download_docx_for_the_secretariat_and_an_officer(tracked, people, login, client):
    login(people["secretariat"])
    r = client.get("/reports/periodic.docx?year=2020&kind=h1")
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "bao-cao-cchc-2020-h1-tinh.docx" in r["Content-Disposition"]
    Document(io.BytesIO(r.content))
    client.logout()
    login(people["officer_stp"])
    r = client.get("/reports/periodic.docx?year=2020&kind=year")
    assert r.status_code == 200 and "TN.STP" in r["Content-Disposition"]
    assert client.get("/reports/periodic.docx?year=2020&kind=year&agency=TN.SNV").status_code == 403
    assert client.get("/reports/periodic.docx?year=2020&kind=q9").status_code == 404
    assert client.get("/reports/periodic/").status_code == 200


def test_xlsx_of_all_tasks_reads_back(tracked, people, login, client):
    from cchc.plans.models import WorkItem

    login(people["secretariat"])
    r = client.get(f"/reports/tasks.xlsx?plan={tracked.plan.pk}")
    assert r.status_code == 200
    ws = load_workbook(io.BytesIO(r.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:3] == ("Kế hoạch", "STT", "Nhiệm vụ")
    assert len(rows) - 1 == WorkItem.objects.filter(plan=tracked.plan, cancelled=False).count()
    stp = next(r for r in rows[1:] if r[1] == "1" and r[5] == "Sở Tư pháp")
    assert stp[8] == "Hoàn thành quá hạn" and stp[7].date() == date(2020, 6, 30)
    assert stp[13] == "Chờ ý kiến thẩm định của Bộ Tư pháp"
    client.logout()
    login(people["officer_stp"])
    ws = load_workbook(io.BytesIO(client.get("/reports/tasks.xlsx").content)).active
    agencies = {r[5] for r in ws.iter_rows(min_row=2, values_only=True)}
    assert agencies == {"Sở Tư pháp"}


def test_the_report_reads_a_fixed_number_of_queries(tracked, people, registry):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cchc.plans.services.generation import plan_version_approve
    from cchc.plans.tests.conftest import make_plan

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            report = period_report(user=people["secretariat"], period=Period(2020, "year"), today=YEAR_END)
            docx_report.render(report)
        return len(ctx.captured_queries)

    before = count()
    _plan, version = make_plan(registry)  # a second plan doubles the tasks
    plan_version_approve(actor=people["secretariat"], version=version)
    assert count() == before
