"""Importing a decision into the database: one transaction, agencies resolved, versions and diffs."""

from pathlib import Path

import pytest

from cchc.common.errors import DomainError, PermissionDenied
from cchc.common.models import Event
from cchc.org.models import AgencyAlias
from cchc.plans.models import KeyTask, Plan, TaskAgency
from cchc.plans.services import plan_import

SEED = Path(__file__).resolve().parent / "corpus" / "4203-QD-UBND-2019-thai-nguyen.txt"


@pytest.fixture
def seed_bytes():
    return SEED.read_bytes()


@pytest.fixture
def demo_registry(db):
    from cchc.org.registry_demo import load_registry_demo

    load_registry_demo()


def test_the_seed_becomes_a_plan_with_21_resolved_tasks(demo_registry, seed_bytes):
    result = plan_import(actor=None, data=seed_bytes, filename="4203.txt")
    plan = result.plan
    assert plan.title == "Kế hoạch cải cách hành chính năm 2020"
    assert plan.owner.code == "TN.UBND" and plan.year == 2020
    assert result.payload["unresolved_agencies"] == []
    assert KeyTask.objects.filter(version__plan=plan).count() == 21
    assert result.version.sections.count() == 8
    task16 = KeyTask.objects.get(version=result.version, no="16")
    coord = TaskAgency.objects.filter(task=task16, role="coordinating")
    assert coord.count() == 11
    # Resolved as of the signing date: the 2019 department, the group of district units.
    assert coord.get(text="Sở Kế hoạch và Đầu tư").agency.valid_to is not None
    assert coord.get(text="UBND cấp huyện").group.code == "UBND_CAP_HUYEN"
    assert Event.objects.filter(verb="plan.import").count() == 1


def test_a_dry_run_writes_nothing(demo_registry, seed_bytes):
    result = plan_import(actor=None, data=seed_bytes, filename="4203.txt", dry_run=True)
    assert len(result.payload["key_tasks"]) == 21
    assert result.plan is None and Plan.objects.count() == 0 and not Event.objects.filter(verb="plan.import").exists()


def test_a_revised_decision_becomes_version_2_with_a_diff(demo_registry, seed_bytes):
    from cchc.plans.selectors import version_diff

    first = plan_import(actor=None, data=seed_bytes, filename="4203.txt")
    text = seed_bytes.decode("utf-8")
    revised = text.replace("Tháng 7/2020", "Tháng 8/2020").replace(
        "Tổ chức kiểm tra công tác CCHC tại các đơn vị, địa phương", "Tổ chức kiểm tra công tác CCHC năm 2020")
    second = plan_import(actor=None, data=revised.encode(), filename="4203-sua-doi.txt", into=first.plan)
    assert second.plan.pk == first.plan.pk and second.version.number == 2
    diff = version_diff(old=first.version, new=second.version)
    changed = {c["no"]: c["fields"] for c in diff["changed"]}
    assert changed["4"]["deadline_text"] == {"old": "Tháng 7/2020", "new": "Tháng 8/2020"}
    assert "content" in changed["6"]
    assert diff["added"] == [] and diff["removed"] == []


def test_a_mapping_is_remembered_as_an_alias(demo_registry, seed_bytes):
    text = seed_bytes.decode("utf-8").replace("Sở Nội vụ\n\nVăn phòng UBND tỉnh, các Sở",
                                              "Phòng CCHC Sở NV\n\nVăn phòng UBND tỉnh, các Sở", 1)
    dry = plan_import(actor=None, data=text.encode(), filename="x.txt", dry_run=True)
    assert dry.payload["unresolved_agencies"] == ["Phòng CCHC Sở NV"]
    result = plan_import(actor=None, data=text.encode(), filename="x.txt", mappings={"Phòng CCHC Sở NV": "TN.SNV"})
    assert result.payload["unresolved_agencies"] == []
    assert AgencyAlias.objects.filter(text="Phòng CCHC Sở NV", agency__code="TN.SNV", learned=True).exists()


@pytest.mark.parametrize(("data", "name"), [
    (b"", "empty.txt"),
    (b"\x00\x01\x02\x03" * 100, "x.bin"),
    ("Biên bản họp tổ dân phố, không phải kế hoạch.".encode(), "note.txt"),
    (b"PK\x03\x04not really a zip", "plan.docx"),
])
def test_bad_files_are_refused_and_nothing_is_written(demo_registry, data, name):
    with pytest.raises(DomainError) as err:
        plan_import(actor=None, data=data, filename=name)
    assert err.value.code and err.value.message
    assert Plan.objects.count() == 0


def test_an_officer_may_not_import(demo_registry, seed_bytes):
    from cchc.accounts.services import user_create
    from cchc.org.models import Agency

    officer = user_create(actor=None, username="cb", password="ThaiNguyen@2026",
                          agency=Agency.objects.get(code="TN.STP"), roles=["agency_officer"])
    with pytest.raises(PermissionDenied):
        plan_import(actor=officer, data=seed_bytes, filename="4203.txt")
