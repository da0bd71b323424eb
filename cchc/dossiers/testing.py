"""A small illustrative catalogue and one-stop staff for tests and benchmarks (not for production).

The procedures app owns the real catalogue and its demo; this writes catalogue rows directly so
the dossier tests do not depend on it. Everything created here is marked illustrative.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import timezone

from cchc.org.models import Agency

PASSWORD = "ThaiNguyen@2026"

# code, name, place, role, hours, actions, successors
STEPS = [
    ("TN", "Tiếp nhận, chuyển hồ sơ", "one_stop", "reception_officer", 4, ["forward"], ["TD"]),
    ("TD", "Thẩm định hồ sơ", "competent", "specialist", 40,
     ["forward", "supplement", "coordinate", "request_payment", "stop"], ["XD"]),
    ("XD", "Xem xét, trình ký", "competent", "division_head", 8, ["forward", "return"], ["KY"]),
    ("KY", "Ký duyệt kết quả", "competent", "signer", 8, ["sign", "stop", "return", "forward"], ["TKQ"]),
    ("TKQ", "Trả kết quả", "one_stop", "return_officer", 4, ["issue"], []),
]


@dataclass
class Catalogue:
    centre: Agency
    published: Any  # ProcedureVersion
    case: Any
    components: list[Any]
    unpublished_code: str
    commune_version: Any
    commune_case: Any


def _agency(code: str, name: str, type_: str, parent: Agency | None = None) -> Agency:
    from cchc.org.services import AgencyData, agency_create

    found = Agency.objects.filter(code=code).first()
    return found or agency_create(actor=None, data=AgencyData(code=code, name=name, type=type_, parent=parent,
                                                             valid_from=date(2000, 1, 1)))


def make_catalogue(competent: Agency, *, province: Agency | None = None, commune: Agency | None = None,
                   code: str = "1.000001") -> Catalogue:
    """A published procedure (10 working days, five steps) competent at ``competent``, an unpublished
    one, and a same-day commune procedure with no competent agency listed."""
    from cchc.procedures.models import Component, Procedure, ProcedureCase, ProcedureVersion, ProcessStep

    centre = _agency("TN.TTPVHCC", "Trung tâm Phục vụ hành chính công tỉnh Thái Nguyên", "ttpvhcc", province)
    now = timezone.now()
    proc = Procedure.objects.create(code=code, illustrative=True)
    version = ProcedureVersion.objects.create(procedure=proc, number=1, status="published", name="Cấp phiếu lý lịch tư pháp",
                                              online_level="toan_trinh", has_fees=True, published_at=now)
    version.competent_agencies.add(competent)
    case = ProcedureCase.objects.create(version=version, code="TH1", name="Cấp cho công dân Việt Nam",
                                        time_limit=Decimal(10), time_unit="working_days", payment_pauses_clock=True)
    comps = [
        Component.objects.create(case=case, order=1, name="Tờ khai yêu cầu cấp phiếu", required=True, originals=1),
        Component.objects.create(case=case, order=2, name="Bản chụp căn cước", required=True, copies=1),
        Component.objects.create(case=case, order=3, name="Văn bản ủy quyền", required=False, originals=1),
    ]
    for order, (scode, name, place, role, hours, actions, successors) in enumerate(STEPS, start=1):
        ProcessStep.objects.create(case=case, order=order, code=scode, name=name, place=place, role=role,
                                   allotted=Decimal(hours), allotted_unit="working_hours", actions=actions,
                                   successors=successors)
    draft = Procedure.objects.create(code=code + "-D", illustrative=True)
    ProcedureVersion.objects.create(procedure=draft, number=1, status="draft", name="Thủ tục chưa công bố")
    cproc = Procedure.objects.create(code=code + "-X", illustrative=True)
    cversion = ProcedureVersion.objects.create(procedure=cproc, number=1, status="published",
                                               name="Chứng thực bản sao từ bản chính", published_at=now)
    ccase = ProcedureCase.objects.create(version=cversion, code="TH1", name="Chứng thực bản sao",
                                         time_limit=Decimal(0), time_unit="same_day")
    return Catalogue(centre=centre, published=version, case=case, components=comps,
                     unpublished_code=code + "-D", commune_version=cversion, commune_case=ccase)


def make_staff(catalogue: Catalogue, competent: Agency, other: Agency) -> dict[str, Any]:
    from cchc.accounts.services import user_create

    def make(username: str, agency: Agency | None, roles: list[str], kind: str = "staff"):
        return user_create(actor=None, username=username, password=PASSWORD, full_name=username.replace(".", " ").title(),
                           agency=agency, roles=roles, kind=kind)

    centre = catalogue.centre
    return {
        "reception": make("tiepnhan.tt", centre, ["reception_officer"]),
        "reception2": make("tiepnhan2.tt", centre, ["reception_officer"]),
        "return": make("trakq.tt", centre, ["return_officer"]),
        "specialist": make("chuyenvien.stp", competent, ["specialist"]),
        "specialist2": make("chuyenvien2.stp", competent, ["specialist"]),
        "head": make("truongphong.stp", competent, ["division_head"]),
        "signer": make("giamdoc.stp", competent, ["signer"]),
        "other_reception": make("tiepnhan.snv", other, ["reception_officer"]),
        "other_specialist": make("chuyenvien.snv", other, ["specialist"]),
        "officer_no_role": make("canbo.tt", centre, ["agency_officer"]),
    }


def intake_data(catalogue: Catalogue, **overrides: Any):
    from cchc.dossiers.services import ComponentData, IntakeData

    values: dict[str, Any] = {
        "procedure_code": catalogue.published.procedure.code, "case_code": "TH1", "channel": "counter",
        "applicant_name": "Nguyễn Văn An", "applicant_id_number": "019201000123", "applicant_phone": "0912345678",
        "applicant_address": "Phường Phan Đình Phùng, tỉnh Thái Nguyên", "subject": "Cấp phiếu lý lịch tư pháp số 1",
        "components": [ComponentData(component_id=c.pk, originals=1, digitised=True) for c in catalogue.components[:2]],
    }
    values.update(overrides)
    return IntakeData(**values)
