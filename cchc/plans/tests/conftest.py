"""Fixtures of the plan-execution tests: a small 2020 plan on the two-province registry, approved.

The plan is built the way an import leaves it (a version with key tasks, their agencies resolved,
and the extracted parts and duties), without going through the importer, so these tests do not
depend on the parser. The seed decision has its own end-to-end tests.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parent / "corpus" / "4203-QD-UBND-2019-thai-nguyen.txt"

CONTENTS = {
    "label": "II", "title": "NỘI DUNG KẾ HOẠCH", "kind": "contents", "items": [
        {"label": "1.", "text": "Cải cách thể chế", "children": [
            {"label": "a)", "text": "Nâng cao chất lượng ban hành văn bản quy phạm pháp luật.", "children": []},
            {"label": "b)", "text": "Rà soát, hệ thống hoá văn bản.", "children": []},
        ]},
        {"label": "2.", "text": "Hiện đại hóa hành chính", "children": [
            {"label": "2.1.", "text": "Chính quyền điện tử", "children": [
                {"label": "a)", "text": "Dùng chữ ký số trong văn bản điện tử.", "children": []},
                {"label": "b)", "text": "Kết nối hệ thống một cửa điện tử.", "children": []},
            ]},
            {"label": "", "text": "(Có Danh mục nhiệm vụ trọng tâm kèm theo)", "children": []},
        ]},
    ],
}
IMPLEMENTATION = {
    "label": "IV", "title": "TỔ CHỨC THỰC HIỆN", "kind": "implementation", "items": [
        {"label": "1.", "text": "Thủ trưởng các Sở, Ban, ngành, Chủ tịch UBND cấp huyện", "children": []},
        {"label": "2.", "text": "Sở Nội vụ", "children": [
            {"label": "a)", "text": "Hướng dẫn, kiểm tra.", "children": []},
            {"label": "b)", "text": "Tổng hợp báo cáo.", "children": []},
        ]},
    ],
}
DUTIES = [
    {"heading": "Thủ trưởng các Sở, Ban, ngành, Chủ tịch UBND cấp huyện",
     "agencies": ["các Sở, Ban, ngành", "UBND cấp huyện"], "tasks": ["Xây dựng kế hoạch CCHC năm 2020."]},
    {"heading": "Sở Nội vụ", "agencies": ["Sở Nội vụ"], "tasks": ["Hướng dẫn, kiểm tra.", "Tổng hợp báo cáo."]},
]


def make_plan(registry, *, year: int = 2020):
    """A plan and its first version, as an import leaves them; returns (plan, version)."""
    from cchc.org.models import AgencyGroup
    from cchc.plans.models import KeyTask, Plan, PlanVersion, Section, TaskAgency

    plan = Plan.objects.create(title=f"Kế hoạch cải cách hành chính năm {year}", year=year, owner=registry["tn"])
    version = PlanVersion.objects.create(
        plan=plan, number=1, document_type="Quyết định", document_number=f"1/QĐ-UBND-{year}",
        signed_date=date(year - 1, 12, 27),
        extracted={"plan_year": year, "sections": ["Cải cách thể chế", "Hiện đại hóa hành chính"],
                   "parts": [CONTENTS, IMPLEMENTATION], "duties": DUTIES, "key_tasks": []},
    )
    Section.objects.bulk_create([Section(version=version, order=1, title="Cải cách thể chế"),
                                 Section(version=version, order=2, title="Hiện đại hóa hành chính")])
    districts = AgencyGroup.objects.get(code="UBND_CAP_HUYEN")
    departments = AgencyGroup.objects.get(code="SO_BAN_NGANH")
    rows = [
        # no, content, group, deadline, recurrence, until, lead, coordinating
        ("1", "Rà soát văn bản quy phạm pháp luật của tỉnh.", "I. CẢI CÁCH THỂ CHẾ", date(year, 6, 30), "", None,
         [("Sở Tư pháp", registry["stp"], None)],
         [("Văn phòng UBND tỉnh", registry["vpub"], None), ("UBND cấp huyện", None, districts)]),
        ("2", "Báo cáo kết quả CCHC hằng quý.", "", None, "quarterly", date(year, 12, 31),
         [("Sở Nội vụ", registry["snv"], None)], [("các Sở, Ban, ngành liên quan", None, departments)]),
        ("3", "Triển khai chữ ký số cho các cơ quan.", "Hiện đại hóa hành chính", date(year, 9, 30), "", None,
         [("Sở Thông tin và Truyền thông", registry["stttt"], None)], [("Sở Nội vụ", registry["snv"], None)]),
        ("4", "Cập nhật cơ sở dữ liệu thủ tục hành chính.", "", None, "monthly", date(year, 12, 31),
         [("Văn phòng UBND tỉnh", registry["vpub"], None)], []),
        ("5", "Tổ chức hội nghị với các địa phương.", "", date(year, 3, 31), "", None,
         [("UBND cấp huyện", None, districts)], [("Cơ quan chưa có trong danh mục", None, None)]),
    ]
    for order, (no, content, group, deadline, rec, until, lead, coord) in enumerate(rows, 1):
        kt = KeyTask.objects.create(version=version, order=order, no=no, group=group, content=content,
                                    deadline_date=deadline, recurrence=rec, recurrence_until=until,
                                    deadline_text=deadline.strftime("%d/%m/%Y") if deadline else "Hằng kỳ")
        for role, refs in (("lead", lead), ("coordinating", coord)):
            for j, (text, agency, grp) in enumerate(refs, 1):
                TaskAgency.objects.create(task=kt, role=role, order=j, text=text, agency=agency, group=grp)
    return plan, version


@pytest.fixture
def plan_v1(registry):
    return make_plan(registry)


@pytest.fixture
def approved(plan_v1, people):
    """The 2020 plan approved by the secretariat; returns the approval result."""
    from cchc.plans.services.generation import plan_version_approve

    _plan, version = plan_v1
    return plan_version_approve(actor=people["secretariat"], version=version)


@pytest.fixture
def more_people(people, registry):
    """Officers of the two district units and of the Office, beside the shared ``people``."""
    from cchc.accounts.services import user_create

    def make(username, agency, roles=("agency_officer",)):
        return user_create(actor=None, username=username, password="ThaiNguyen@2026", full_name=username,
                           agency=agency, roles=list(roles))

    return {**people, "officer_h164": make("canbo.h164", registry["h164"]),
            "officer_h167": make("canbo.h167", registry["h167"]),
            "officer_vpub": make("canbo.vpub", registry["vpub"]),
            "officer_stttt": make("canbo.stttt", registry["stttt"])}


def work_item(task_no: str, agency, *, seq: int = 1, plan=None):
    from cchc.plans.models import WorkItem

    qs = WorkItem.objects.filter(task__no=task_no, agency=agency, occurrence__seq=seq)
    if plan is not None:
        qs = qs.filter(plan=plan)
    return qs.select_related("task", "plan", "occurrence").get()
