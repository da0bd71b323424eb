"""Load the demo catalogue (``demo_data.py``): 30 illustrative procedures with their processes, published.

Idempotent: a code already in the catalogue is left alone. Agencies are the registry's as of today
(``cchc demo`` loads the registry first): a department by its name, commune procedures at every
commune-level UBND, received at the commune service centres. A procedure whose agency the registry
does not have stays a draft (publishing needs a competent agency).
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_FLOOR, Decimal
from typing import Any

from django.db import transaction

from cchc.org.models import Agency
from cchc.procedures.demo_data import DEFAULT_EFORM, EFORMS, PROCEDURES, PROVINCE_INTAKE
from cchc.procedures.models import Procedure, ProcedureCase, ProcedureVersion
from cchc.procedures.process import WORKING_DAY_HOURS, StepSpec
from cchc.procedures.services import procedure_create, process_save, version_publish

SOURCE = "Dữ liệu minh hoạ (cchc demo): mã, thời hạn, phí và quy trình chưa đối chiếu CSDL quốc gia"

# code, name, role, place, share of the limit, actions
PROVINCE_STEPS = [
    ("TN", "Tiếp nhận, kiểm tra hồ sơ, chuyển phòng chuyên môn", "reception_officer", "one_stop", "0.06",
     ["forward", "supplement"]),
    ("TD", "Thẩm định hồ sơ, dự thảo kết quả", "specialist", "competent", "0.5",
     ["forward", "return", "supplement", "stop"]),
    ("PD", "Lãnh đạo phòng xem xét, trình ký", "division_head", "competent", "0.16", ["submit", "return"]),
    ("KY", "Lãnh đạo Sở ký duyệt kết quả", "signer", "competent", "0.16", ["sign", "return"]),
    ("TKQ", "Trả kết quả, thu phí, lệ phí", "return_officer", "one_stop", "0.06", ["issue", "request_payment"]),
]
COORDINATION_STEP = ("PH", "Chuyển cơ quan thuế xác định nghĩa vụ tài chính (liên thông)", "specialist", "coordinator",
                     "0.2", ["forward", "return"])
COMMUNE_STEPS = [
    ("TN", "Tiếp nhận, kiểm tra hồ sơ", "reception_officer", "one_stop", "0.12", ["forward", "supplement"]),
    ("TD", "Công chức chuyên môn thẩm định, dự thảo kết quả", "specialist", "competent", "0.45",
     ["forward", "return", "supplement"]),
    ("KY", "Chủ tịch, Phó Chủ tịch UBND ký", "signer", "competent", "0.28", ["sign", "return"]),
    ("TKQ", "Trả kết quả", "return_officer", "one_stop", "0.12", ["issue", "request_payment"]),
]


def limit_in_hours(limit: Decimal, unit: str) -> Decimal:
    """Hours a demo process may use. Calendar days count only their working days (5 in 7): tighter than the check."""
    if unit == "working_hours":
        return limit
    if unit == "working_days":
        return limit * WORKING_DAY_HOURS
    if unit == "calendar_days":
        return (limit * 5 / 7).to_integral_value(ROUND_FLOOR) * WORKING_DAY_HOURS
    return WORKING_DAY_HOURS  # same day


def demo_steps(limit: Decimal, unit: str, *, commune: bool, coordination: bool = False) -> list[StepSpec]:
    """3–6 steps whose allotments, rounded down, fit the limit; long ones in half working days."""
    template = list(COMMUNE_STEPS if commune else PROVINCE_STEPS)
    if coordination:
        code, name, role, place, _share, actions = template[1]
        template[1] = (code, name, role, place, "0.3", actions)
        template.insert(2, COORDINATION_STEP)
    total = limit_in_hours(Decimal(limit), unit)
    steps = []
    for i, (code, name, role, place, share, actions) in enumerate(template):
        hours = max((Decimal(share) * total * 4).to_integral_value(ROUND_FLOOR) / 4, Decimal("0.25"))
        step_unit = "working_hours"
        if hours >= WORKING_DAY_HOURS:
            hours, step_unit = (hours / (WORKING_DAY_HOURS / 2)).to_integral_value(ROUND_FLOOR) / 2, "working_days"
        successors = (template[i + 1][0],) if i + 1 < len(template) else ()
        steps.append(StepSpec(code=code, name=name, role=role, allotted=hours, unit=step_unit, actions=tuple(actions),
                              successors=successors, place=place))
    return steps


def _find(qs, name: str) -> Agency | None:
    return qs.filter(name=name).first() or qs.filter(short_name=name).first()


def _content(item: dict[str, Any], competent: list[str], intake: list[str]) -> dict[str, Any]:
    cases = []
    for case in item["cases"]:
        code, name, limit, unit, *rest = case
        cases.append({"code": code, "name": name, "time_limit": limit, "time_unit": unit,
                      "components": item["docs"], "fees": item["fees"], **(rest[0] if rest else {})})
    commune = item["agency"] == "commune"
    return {
        "name": item["name"], "sector": item["sector"], "levels": ["xa" if commune else "tinh"],
        "procedure_type": "TTHC được luật giao quy định chi tiết",
        "decision": "Quyết định công bố của Chủ tịch UBND tỉnh (minh hoạ)",
        "issuing_agency": "Ủy ban nhân dân tỉnh Thái Nguyên",
        "implementing_agencies": ["Ủy ban nhân dân cấp xã" if commune else item["agency"]],
        "competent_agencies": competent, "intake_agencies": intake, "subjects": item["subjects"],
        "results": [{"code": "", "name": item["result"]}], "legal_basis": item["legal"],
        "online_level": item["online"], "eligible_full_online": item["online"] == "toan_trinh",
        "interagency": bool(item.get("interagency")), "cases": cases,
        "steps_text": ("Bước 1: Nộp hồ sơ tại Trung tâm Phục vụ hành chính công hoặc trên Cổng Dịch vụ công.\n"
                       "Bước 2: Cơ quan có thẩm quyền thẩm định, giải quyết.\nBước 3: Nhận kết quả."),
        "keywords": item["sector"].lower(),
    }


@transaction.atomic
def load_procedures_demo(today: date | None = None) -> dict[str, int]:
    """Create the demo procedures that are missing; return how many were created and published."""
    today = today or date.today()
    agencies = Agency.objects.as_of(today)
    communes = sorted(agencies.filter(type="ubnd_xa").values_list("code", flat=True))
    commune_centres = sorted(agencies.filter(type="ttpvhcc", parent__type="ubnd_xa").values_list("code", flat=True))
    province_centre = _find(agencies, PROVINCE_INTAKE)
    have = set(Procedure.objects.values_list("code", flat=True))
    created = published = 0
    for item in PROCEDURES:
        if item["code"] in have:
            continue
        if item["agency"] == "commune":
            competent, intake = communes, commune_centres
        else:
            agency = _find(agencies, item["agency"])
            competent = [agency.code] if agency else []
            intake = [province_centre.code] if province_centre else []
        version = procedure_create(actor=None, code=item["code"], content=_content(item, competent, intake),
                                   illustrative=True, source=SOURCE, reason="Dữ liệu trình diễn")
        for case in version.cases.all():
            process_save(actor=None, case=case, reason="Dữ liệu trình diễn", steps=demo_steps(
                case.time_limit, case.time_unit, commune=item["agency"] == "commune",
                coordination=bool(item.get("coordination"))))
        created += 1
        if competent:
            version_publish(actor=None, version=ProcedureVersion.objects.get(pk=version.pk), reason="Dữ liệu trình diễn")
            published += 1
    fill_demo_eforms()
    return {"procedures": created, "published": published}


def fill_demo_eforms() -> int:
    """Give the demo cases without an e-form their illustrative one (also in a catalogue loaded before
    e-forms existed); a case whose e-form was set by someone is left alone. Returns how many were filled."""
    codes = [item["code"] for item in PROCEDURES]
    filled = 0
    for case in ProcedureCase.objects.filter(version__procedure__code__in=codes, version__procedure__illustrative=True
                                             ).select_related("version__procedure"):
        if case.eform_schema:
            continue
        case.eform_schema = EFORMS.get(case.version.procedure.code, DEFAULT_EFORM)
        case.save(update_fields=["eform_schema"])
        filled += 1
    return filled
