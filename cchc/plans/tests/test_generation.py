"""Approving a version: the baseline, tasks from the appendix, the contents and the duties, groups
expanded per member as of the plan's date, recurring tasks expanded into occurrences, amendments
reconciled."""

from __future__ import annotations

from datetime import date

import pytest

from cchc.common.errors import Conflict, PermissionDenied
from cchc.common.models import Event
from cchc.plans.models import Assignment, DeadlineChange, KeyTask, Occurrence, PlanVersion, Task, WorkItem
from cchc.plans.services.generation import plan_version_approve
from cchc.plans.tests.conftest import SEED


def _task(plan, no):
    return Task.objects.get(plan=plan, no=no)


def test_approval_sets_the_baseline_and_the_plan_period(approved, plan_v1):
    plan, version = plan_v1
    plan.refresh_from_db()
    version.refresh_from_db()
    assert plan.baseline_id == version.pk and version.approved_at is not None
    assert (plan.period_start, plan.period_end) == (date(2020, 1, 1), date(2020, 12, 31))
    assert Event.objects.filter(verb="plan.approve", subject_id=str(plan.pk)).count() == 1


def test_key_tasks_content_items_and_duties_all_become_tasks(approved, plan_v1):
    plan, _ = plan_v1
    sources = {s: Task.objects.filter(plan=plan, source=s).count() for s in ("key_task", "content", "duty")}
    # 5 appendix rows; contents: 1.a, 1.b, 2.1 (a container), 2.1.a, 2.1.b (the appendix note is skipped);
    # duties: one for everyone, two for the Department of Home Affairs.
    assert sources == {"key_task": 5, "content": 5, "duty": 3}
    container = _task(plan, "II.2.1")
    assert container.children.count() == 2 and not container.assignments.exists()
    assert container.area.title == "Hiện đại hóa hành chính"


def test_a_group_becomes_one_assignment_per_member_as_of_the_plan_date(approved, plan_v1, registry):
    plan, _ = plan_v1
    task = _task(plan, "1")
    coord = Assignment.objects.filter(task=task, role="coordinating")
    # "UBND cấp huyện" in 2020: the two district units of the fixture province (not Bắc Kạn's).
    assert {a.agency.code for a in coord} == {"TN.VPUB", "TN.H164", "TN.H167"}
    assert coord.get(agency=registry["h164"]).via_group.code == "UBND_CAP_HUYEN"
    leads = Assignment.objects.filter(task=_task(plan, "5"), role="lead")
    assert {a.agency.code for a in leads} == {"TN.H164", "TN.H167"}


def test_related_agencies_and_unknown_names_are_listed_not_assigned(approved, plan_v1):
    plan, _ = plan_v1
    assert _task(plan, "2").unresolved == ["các Sở, Ban, ngành liên quan"]
    assert not Assignment.objects.filter(task=_task(plan, "2"), role="coordinating").exists()
    assert _task(plan, "5").unresolved == ["Cơ quan chưa có trong danh mục"]
    assert "các Sở, Ban, ngành liên quan" in approved.unresolved


def test_content_items_go_to_the_agencies_charged_with_the_whole_plan(approved, plan_v1, registry):
    plan, _ = plan_v1
    leads = {a.agency.code for a in _task(plan, "II.1.a").assignments.all()}
    # "các Sở, Ban, ngành" (6 in the fixture) + "UBND cấp huyện" (2), each leading its own share.
    assert leads == {"TN.SNV", "TN.STP", "TN.STTTT", "TN.SKHCN", "TN.VPUB", "TN.BQLKCN", "TN.H164", "TN.H167"}
    assert _task(plan, "II.1.a").due_date == date(2020, 12, 31)
    duty = _task(plan, "IV.2.b")
    assert [a.agency.code for a in duty.assignments.all()] == ["TN.SNV"] and duty.content == "Tổng hợp báo cáo."


@pytest.mark.parametrize(("no", "labels", "last_due"), [
    ("1", [""], date(2020, 6, 30)),
    ("2", ["Quý I/2020", "Quý II/2020", "Quý III/2020", "Quý IV/2020"], date(2020, 12, 31)),
    ("4", [f"Tháng {m}/2020" for m in range(1, 13)], date(2020, 12, 31)),
])
def test_recurring_tasks_expand_into_occurrences(approved, plan_v1, no, labels, last_due):
    plan, _ = plan_v1
    task = _task(plan, no)
    occs = list(task.occurrences.order_by("seq"))
    assert [o.label for o in occs] == labels
    assert occs[-1].due_date == last_due == task.due_date == task.baseline_due
    assert WorkItem.objects.filter(task=task).count() == len(labels) * task.assignments.count()


def test_key_task_group_headings_map_to_content_areas(approved, plan_v1):
    plan, _ = plan_v1
    assert _task(plan, "1").area.title == "Cải cách thể chế"
    assert _task(plan, "3").area.title == "Hiện đại hóa hành chính"
    assert _task(plan, "4").area is None


def test_a_version_is_approved_once(approved, plan_v1, people):
    _, version = plan_v1
    with pytest.raises(Conflict) as err:
        plan_version_approve(actor=people["secretariat"], version=version)
    assert err.value.code == "version_already_approved"


def test_an_agency_officer_may_not_approve(plan_v1, people):
    _, version = plan_v1
    with pytest.raises(PermissionDenied) as err:
        plan_version_approve(actor=people["officer_stp"], version=version)
    assert err.value.code == "plan_approve_forbidden"
    assert not Task.objects.exists() and PlanVersion.objects.get(pk=version.pk).approved_at is None


def _amend(plan, version):
    """Version 2: task 1 moved to Q3, task 3 dropped, a new task 6."""
    from cchc.plans.models import Section, TaskAgency

    v2 = PlanVersion.objects.create(plan=plan, number=2, document_number="2/QĐ-UBND", signed_date=date(2020, 5, 1),
                                    extracted=version.extracted)
    Section.objects.bulk_create([Section(version=v2, order=s.order, title=s.title) for s in version.sections.all()])
    for kt in version.key_tasks.exclude(no="3"):
        agencies = list(kt.agencies.all())
        kt.pk, kt.version = None, v2
        if kt.no == "1":
            kt.deadline_date = date(2020, 9, 30)
        kt.save()
        for ta in agencies:
            ta.pk, ta.task = None, kt
            ta.save()
    new = KeyTask.objects.create(version=v2, order=6, no="6", content="Khảo sát sự hài lòng của người dân.",
                                 deadline_date=date(2020, 11, 30))
    TaskAgency.objects.create(task=new, role="lead", order=1, text="Sở Nội vụ",
                              agency=plan.owner.children.get(code="TN.SNV"))
    return v2


def test_an_amended_version_reconciles_tasks_and_keeps_reports(approved, plan_v1, people, registry):
    from cchc.plans.services.progress import ReportInput, progress_report_submit
    from cchc.plans.tests.conftest import work_item

    plan, version = plan_v1
    item = work_item("1", registry["stp"])
    report = progress_report_submit(actor=people["officer_stp"], work_item=item, today=date(2020, 4, 1),
                                    data=ReportInput(status="in_progress", percent=40))
    v2 = _amend(plan, version)
    result = plan_version_approve(actor=people["secretariat"], version=v2)
    assert (result.created, result.cancelled) == (1, 1)
    task1 = _task(plan, "1")
    assert task1.baseline_due == task1.due_date == date(2020, 9, 30) and task1.version_id == v2.pk
    change = DeadlineChange.objects.get(task=task1)
    assert (change.old_due, change.new_due, change.source) == (date(2020, 6, 30), date(2020, 9, 30), "version")
    item.refresh_from_db()
    assert item.latest_report_id == report.pk and item.due_date == date(2020, 9, 30)
    assert _task(plan, "3").state == "cancelled"
    assert not WorkItem.objects.filter(task=_task(plan, "3"), cancelled=False).exists()
    assert _task(plan, "6").assignments.get().agency.code == "TN.SNV"
    # Approving the older version again is refused.
    with pytest.raises(Conflict):
        plan_version_approve(actor=people["secretariat"], version=version)


def test_the_seed_decision_becomes_tracked_tasks(db):
    from cchc.org.registry_demo import load_registry_demo
    from cchc.plans.services import plan_import

    load_registry_demo()
    imported = plan_import(actor=None, data=SEED.read_bytes(), filename="4203.txt")
    result = plan_version_approve(actor=None, version=imported.version)
    plan = imported.plan
    assert Task.objects.filter(plan=plan, source="key_task").count() == 21
    assert Task.objects.filter(plan=plan, source="content").count() >= 40
    assert Task.objects.filter(plan=plan, source="duty").count() >= 15
    # Task 16 names "UBND cấp huyện" among its coordinating agencies: the nine 2019-2020 district units.
    task16 = Task.objects.get(plan=plan, source="key_task", no="16")
    districts = task16.assignments.filter(via_group__code="UBND_CAP_HUYEN")
    assert districts.count() == 9
    assert Occurrence.objects.filter(task__plan=plan, task__no="11", task__source="key_task").count() == 4
    assert Occurrence.objects.filter(task__plan=plan, task__no="8", task__source="key_task").count() == 4
    assert result.work_items == WorkItem.objects.filter(plan=plan).count() > 1000
