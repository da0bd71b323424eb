"""Evidence: allowed types stored under MEDIA_ROOT with their SHA-256; a forbidden type or an oversized
file is refused with a Vietnamese message and a code, and nothing is written."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest

from cchc.common.errors import Conflict, TooLarge, ValidationFailed
from cchc.plans.models import Evidence, ProgressReport
from cchc.plans.services.evidence import FileIn, ReferenceIn, UnsupportedEvidenceType, evidence_add
from cchc.plans.services.progress import ReportInput, progress_report_review, progress_report_submit
from cchc.plans.tests.conftest import work_item
from cchc.plans.tests.test_sniff import office

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def report_with(actor, item, files=(), refs=()):
    return progress_report_submit(actor=actor, work_item=item, today=date(2020, 6, 20), data=ReportInput(
        status="in_progress", percent=50, files=list(files), references=list(refs)))


def test_allowed_files_are_stored_with_their_checksum(approved, people, registry, media):
    item = work_item("1", registry["stp"])
    report = report_with(people["officer_stp"], item, files=[
        FileIn("bao-cao.pdf", PDF), FileIn("anh chup.png", PNG), FileIn("so-lieu.xlsx", office("xl/workbook.xml")),
        FileIn("du-thao.docx", office("word/document.xml"))])
    evidence = list(report.evidence.order_by("pk"))
    assert [e.file_type for e in evidence] == ["pdf", "png", "xlsx", "docx"]
    pdf = evidence[0]
    assert pdf.sha256 == hashlib.sha256(PDF).hexdigest() and pdf.size == len(PDF)
    assert pdf.original_name == "bao-cao.pdf" and pdf.content_type == "application/pdf"
    stored = Path(media) / pdf.file.name
    assert stored.read_bytes() == PDF and pdf.file.name.startswith("evidence/")


def test_the_same_file_twice_is_stored_once(approved, people, registry, media):
    item = work_item("1", registry["stp"])
    report_with(people["officer_stp"], item, files=[FileIn("a.pdf", PDF)])
    report_with(people["officer_stp"], item, files=[FileIn("b.pdf", PDF)])
    assert Evidence.objects.count() == 2
    assert len(list(Path(media, "evidence").rglob("*.pdf"))) == 1


@pytest.mark.parametrize(("name", "data", "words"), [
    ("bao-cao.pdf", b"MZ\x90\x00 really an exe", "tệp chương trình"),
    ("bao-cao.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 legacy", "Office đời cũ"),
    ("trang.html", b"<html><script>alert(1)</script></html>", "HTML"),
    ("nen.zip", office("other/x.xml")[:0] + b"PK\x03\x04 not office", "ZIP"),
])
def test_a_forbidden_type_is_refused_and_nothing_is_written(approved, people, registry, media, name, data, words):
    item = work_item("1", registry["stp"])
    with pytest.raises(UnsupportedEvidenceType) as err:
        report_with(people["officer_stp"], item, files=[FileIn("ok.pdf", PDF), FileIn(name, data)])
    assert err.value.code == "evidence_type_forbidden" and err.value.status == 422
    assert words in err.value.message and "Chỉ nhận: PDF" in err.value.message
    assert not ProgressReport.objects.exists() and not Evidence.objects.exists()
    assert not list(Path(media).rglob("*.pdf"))


def test_a_file_over_the_size_limit_is_refused(approved, people, registry, settings):
    settings.CCHC_EVIDENCE_MAX_BYTES = 1024
    item = work_item("1", registry["stp"])
    with pytest.raises(TooLarge) as err:
        report_with(people["officer_stp"], item, files=[FileIn("lon.pdf", PDF + b"0" * 2000)])
    assert err.value.code == "evidence_too_large" and err.value.status == 413
    assert "(2 KB) vượt giới hạn 1 KB" in err.value.message and not ProgressReport.objects.exists()


@pytest.mark.parametrize(("n", "text"), [(20 * 2**20, "20 MB"), (1536, "1,5 KB"), (512, "512 byte")])
def test_sizes_read_in_vietnamese(n, text):
    from cchc.plans.services.evidence import size_text

    assert size_text(n) == text


def test_the_default_limit_is_twenty_megabytes(settings):
    from cchc.plans import conf

    if hasattr(settings, "CCHC_EVIDENCE_MAX_BYTES"):
        del settings.CCHC_EVIDENCE_MAX_BYTES
    assert conf.evidence_max_bytes() == 20 * 1024 * 1024


def test_a_document_reference_is_evidence_too(approved, people, registry):
    item = work_item("1", registry["stp"])
    report = report_with(people["officer_stp"], item, refs=[ReferenceIn("45/KH-STP", date(2020, 3, 2), "Kế hoạch")])
    ev = report.evidence.get()
    assert (ev.kind, ev.doc_number, ev.doc_date) == ("reference", "45/KH-STP", date(2020, 3, 2))


@pytest.mark.parametrize(("ref", "code"), [
    (ReferenceIn("", date(2020, 3, 2)), "reference_number_required"),
    (ReferenceIn("45/KH", None), "reference_date_required"),
    (ReferenceIn("45/KH", date(2020, 7, 1)), "date_in_future"),
])
def test_bad_references_are_refused(approved, people, registry, ref, code):
    with pytest.raises(ValidationFailed) as err:
        report_with(people["officer_stp"], work_item("1", registry["stp"]), refs=[ref])
    assert err.value.code == code and not ProgressReport.objects.exists()


def test_evidence_is_added_to_a_waiting_report_only(approved, people, registry):
    item = work_item("1", registry["stp"])
    report = report_with(people["officer_stp"], item)
    evidence_add(actor=people["officer_stp"], report=report, files=[FileIn("them.pdf", PDF)])
    assert report.evidence.count() == 1
    progress_report_review(actor=people["secretariat"], report=report, decision="accept")
    with pytest.raises(Conflict) as err:
        evidence_add(actor=people["officer_stp"], report=report, files=[FileIn("muon.pdf", PDF)])
    assert err.value.code == "report_not_pending"


def test_another_agency_cannot_add_evidence(approved, people, registry):
    from cchc.common.errors import PermissionDenied

    report = report_with(people["officer_stp"], work_item("1", registry["stp"]))
    with pytest.raises(PermissionDenied):
        evidence_add(actor=people["officer_snv"], report=report, files=[FileIn("x.pdf", PDF)])
