"""Fixtures of the public tests: the dossier fixtures' catalogue and staff, a returned dossier, a
published "Cấp giấy phép xây dựng" with a complete sheet, and a fresh rate-limit table."""

from __future__ import annotations

import pytest
from django.utils import timezone

from cchc.dossiers import selectors as dossier_selectors
from cchc.dossiers import services
from cchc.dossiers.testing import intake_data, make_catalogue, make_staff


@pytest.fixture
def cat(registry):
    return make_catalogue(registry["stp"], province=registry["tn"])


@pytest.fixture
def staff(cat, registry):
    return make_staff(cat, registry["stp"], registry["snv"])


@pytest.fixture
def received(cat, staff):
    """A dossier received at the counter (applicant Nguyễn Văn An, phone 0912345678, ID 019201000123)."""
    return services.dossier_receive(actor=staff["reception"], data=intake_data(cat))


def _reload(user, d):
    return dossier_selectors.dossier_get(user=user, code=d.code)


@pytest.fixture
def returned(received, staff):
    """The received dossier carried through to the return of an electronic result."""
    s = staff
    d = services.dossier_transfer(actor=s["reception"], dossier=_reload(s["reception"], received))
    d = services.dossier_forward(actor=s["specialist"], dossier=_reload(s["specialist"], d))
    d = services.dossier_forward(actor=s["head"], dossier=_reload(s["head"], d))
    d = services.dossier_issue_result(actor=s["signer"], dossier=_reload(s["signer"], d), result_number="123/PLLTP",
                                      electronic=True)
    return services.dossier_return_result(actor=s["return"], dossier=_reload(s["return"], d), recipient_name="An")


@pytest.fixture
def building(registry):
    """A published procedure with everything a sheet shows."""
    from cchc.procedures.models import ProcedureVersion
    from cchc.procedures.services import procedure_create

    content = {
        "name": "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ", "sector": "Hoạt động xây dựng",
        "levels": ["tinh"], "procedure_type": "TTHC được luật giao quy định chi tiết",
        "decision": "Quyết định 1234/QĐ-UBND", "issuing_agency": "UBND tỉnh Thái Nguyên",
        "implementing_agencies": ["Sở Tư pháp (minh hoạ)"], "competent_agencies": ["TN.STP"],
        "intake_agencies": ["TN.STP"], "subjects": ["Công dân Việt Nam", "Doanh nghiệp"],
        "steps_text": "Bước 1: Nộp hồ sơ tại Bộ phận Một cửa.\nBước 2: Cơ quan thẩm định hồ sơ.\nBước 3: Nhận kết quả.",
        "requirements": "Phù hợp quy hoạch chi tiết.", "online_level": "mot_phan",
        "results": [{"code": "KQ.GPXD", "name": "Giấy phép xây dựng"}],
        "legal_basis": [{"number": "50/2014/QH13", "title": "Luật Xây dựng", "date": "18/06/2014",
                         "issuer": "Quốc hội"}],
        "extra": {"intake_address": "Số 18 đường Cách Mạng Tháng Tám, phường Phan Đình Phùng"},
        "cases": [{"code": "TH1", "name": "Nhà ở riêng lẻ", "time_limit": 15, "time_unit": "working_days",
                   "time_limit_online": 12,
                   "components": [
                       {"name": "Đơn đề nghị cấp giấy phép xây dựng", "originals": 1, "copies": 0,
                        "form_name": "Mẫu số 01", "form_url": "https://example.gov.vn/mau-01.docx"},
                       {"name": "Bản vẽ thiết kế", "originals": 0, "copies": 2, "required": True},
                   ],
                   "fees": [{"kind": "le_phi", "name": "Lệ phí cấp giấy phép", "amount": 75000}]}],
    }
    version = procedure_create(actor=None, code="1.009999", content=content, illustrative=True)
    ProcedureVersion.objects.filter(pk=version.pk).update(status="published", published_at=timezone.now())
    version.refresh_from_db()
    return version


@pytest.fixture(autouse=True)
def _fresh_state(settings):
    """Calendars cached by the services and the rate limit must not leak between tests."""
    from cchc.dossiers.services import _core

    _core._CALENDARS.clear()
    settings.CCHC_PUBLIC_LOOKUP_RATE = 1000
    yield
    _core._CALENDARS.clear()
