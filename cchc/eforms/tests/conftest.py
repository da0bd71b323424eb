"""Fixtures of the e-form tests: the registry of cchc/conftest.py, a small catalogue with an e-form, staff."""

from __future__ import annotations

import io
import zipfile

import pytest

from cchc.dossiers.testing import make_catalogue, make_staff

EFORM = {"version": 1, "fields": [
    {"name": "ngay_sinh", "label": "Ngày sinh", "type": "date", "required": True},
    {"name": "muc_dich", "label": "Mục đích sử dụng phiếu", "type": "select", "required": True,
     "choices": ["Xin việc", "Du học", {"value": "khac", "label": "Khác"}]},
    {"name": "so_ban", "label": "Số bản yêu cầu", "type": "number", "help": "Mặc định 1 bản."},
]}

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 40
TIFF = b"II*\x00\x08\x00\x00\x00" + b"\x00" * 40


def office(kind: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml" if kind == "docx" else "xl/workbook.xml", "<x/>")
    return buf.getvalue()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def cat(registry):
    catalogue = make_catalogue(registry["stp"], province=registry["tn"])
    catalogue.case.eform_schema = EFORM
    catalogue.case.save(update_fields=["eform_schema"])
    catalogue.published.intake_agencies.add(catalogue.centre)
    return catalogue


@pytest.fixture
def staff(cat, registry):
    return make_staff(cat, registry["stp"], registry["snv"])


@pytest.fixture
def citizen(people):
    return people["citizen"]


@pytest.fixture
def filled():
    return {"applicant_name": "Trần Thị Bình", "applicant_id_number": "019301000456", "applicant_phone": "0987654321",
            "applicant_address": "Phường Phan Đình Phùng, tỉnh Thái Nguyên", "ngay_sinh": "12/03/1990",
            "muc_dich": "Xin việc"}


@pytest.fixture(autouse=True)
def _fresh_calendars():
    from cchc.dossiers.services import _core

    _core._CALENDARS.clear()
    yield
    _core._CALENDARS.clear()
