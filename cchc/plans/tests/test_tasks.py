"""Tasks by hand: create, edit, reschedule against the baseline, reassign, cancel; bad input refused."""

from __future__ import annotations

from datetime import date

import pytest

from cchc.common.errors import Conflict, PermissionDenied, ValidationFailed
from cchc.common.models import Event
from cchc.plans.models import Assignment, DeadlineChange, Task, WorkItem
from cchc.plans.services.tasks import (
    TaskInput,
    task_cancel,
    task_create,
    task_reschedule,
    task_set_assignees,
    task_update,
)


def test_a_task_added_by_hand_gets_assignments_occurrences_and_work_items(approved, plan_v1, people):
    plan, _ = plan_v1
    task = task_create(actor=people["secretariat"], plan=plan, data=TaskInput(
        content="Tổ chức tập huấn CCHC", lead=("TN.STP",), coordinating=("UBND_CAP_HUYEN",),
        due_date=date(2020, 10, 15), area_id=plan.areas.get(order=1).pk))
    assert task.source == "manual" and task.baseline_due == task.due_date == date(2020, 10, 15)
    assert {(a.agency.code, a.role) for a in task.assignments.all()} == {
        ("TN.STP", "lead"), ("TN.H164", "coordinating"), ("TN.H167", "coordinating")}
    assert WorkItem.objects.filter(task=task, due_date=date(2020, 10, 15)).count() == 3
    assert Event.objects.filter(verb="task.create", subject_id=str(task.pk)).exists()


def test_a_quarterly_task_by_hand_has_four_due_dates(approved, plan_v1, people):
    plan, _ = plan_v1
    task = task_create(actor=people["secretariat"], plan=plan, data=TaskInput(
        content="Báo cáo quý", lead=("TN.SNV",), recurrence="quarterly"))
    assert [o.due_date.month for o in task.occurrences.order_by("seq")] == [3, 6, 9, 12]


@pytest.mark.parametrize(("data", "code"), [
    (dict(content="X", lead=("TN.STP",), due_date=date(2021, 1, 15)), "date_outside_plan_period"),
    (dict(content="X", lead=("TN.STP",), due_date=date(2019, 12, 31)), "date_outside_plan_period"),
    (dict(content="X", lead=("TN.STP",), recurrence="monthly", recurrence_until=date(2022, 1, 1)),
     "date_outside_plan_period"),
    (dict(content="   ", lead=("TN.STP",)), "content_required"),
    (dict(content="X", lead=()), "lead_required"),
    (dict(content="X", lead=("TN.KHONG-CO",)), "unknown_agency"),
    (dict(content="X", lead=("TN.X05443",)), "agency_not_current"),  # a 2025 commune in a 2020 plan
    (dict(content="X", lead=("TN.STP",), recurrence="weekly"), "invalid_recurrence"),
])
def test_bad_task_input_is_refused_and_nothing_is_written(approved, plan_v1, people, data, code):
    plan, _ = plan_v1
    before = Task.objects.count()
    with pytest.raises(ValidationFailed) as err:
        task_create(actor=people["secretariat"], plan=plan, data=TaskInput(**data))
    assert err.value.code == code and err.value.message
    assert Task.objects.count() == before


def test_an_officer_may_not_add_tasks(approved, plan_v1, people):
    plan, _ = plan_v1
    with pytest.raises(PermissionDenied):
        task_create(actor=people["officer_stp"], plan=plan, data=TaskInput(content="X", lead=("TN.STP",)))


def test_a_changed_deadline_is_history_against_the_baseline(approved, plan_v1, people):
    plan, _ = plan_v1
    task = Task.objects.get(plan=plan, no="1")
    task_reschedule(actor=people["secretariat"], task=task, due_date=date(2020, 7, 15), reason="Chờ hướng dẫn của Bộ")
    task_reschedule(actor=people["secretariat"], task=task, due_date=date(2020, 8, 14), reason="Gia hạn lần 2")
    task.refresh_from_db()
    assert task.baseline_due == date(2020, 6, 30) and task.due_date == date(2020, 8, 14)
    assert task.variance_days == 45
    changes = list(DeadlineChange.objects.filter(task=task).order_by("pk"))
    assert [(c.old_due, c.new_due) for c in changes] == [(date(2020, 6, 30), date(2020, 7, 15)),
                                                         (date(2020, 7, 15), date(2020, 8, 14))]
    assert all(c.baseline_due == date(2020, 6, 30) for c in changes)
    assert set(WorkItem.objects.filter(task=task).values_list("due_date", flat=True)) == {date(2020, 8, 14)}
    event = Event.objects.filter(verb="task.reschedule").latest("pk")
    assert event.data["variance_days"] == 45 and event.reason == "Gia hạn lần 2"


def test_a_recurring_task_is_rescheduled_one_occurrence_at_a_time(approved, plan_v1, people):
    plan, _ = plan_v1
    task = Task.objects.get(plan=plan, no="2")
    with pytest.raises(ValidationFailed) as err:
        task_reschedule(actor=people["secretariat"], task=task, due_date=date(2020, 4, 10), reason="x")
    assert err.value.code == "occurrence_required"
    q1 = task.occurrences.get(seq=1)
    task_reschedule(actor=people["secretariat"], task=task, due_date=date(2020, 4, 10), reason="Lùi hạn quý I",
                    occurrence=q1)
    q1.refresh_from_db()
    assert q1.variance_days == 10 and task.occurrences.get(seq=2).variance_days == 0


@pytest.mark.parametrize(("due", "reason", "code"), [
    (date(2021, 2, 1), "Lý do", "date_outside_plan_period"),
    (date(2020, 7, 1), "  ", "reason_required"),
    (date(2020, 6, 30), "Lý do", "deadline_unchanged"),
])
def test_bad_reschedules_change_nothing(approved, plan_v1, people, due, reason, code):
    plan, _ = plan_v1
    task = Task.objects.get(plan=plan, no="1")
    with pytest.raises(ValidationFailed) as err:
        task_reschedule(actor=people["secretariat"], task=task, due_date=due, reason=reason)
    assert err.value.code == code
    task.refresh_from_db()
    assert task.due_date == date(2020, 6, 30) and not DeadlineChange.objects.exists()


def test_editing_wording_and_area_keeps_deadlines(approved, plan_v1, people):
    plan, _ = plan_v1
    task = Task.objects.get(plan=plan, no="4")
    area = plan.areas.get(order=2)
    task_update(actor=people["secretariat"], task=task, changes={"content": "Cập nhật CSDL TTHC", "area_id": area.pk})
    task.refresh_from_db()
    assert task.content == "Cập nhật CSDL TTHC" and task.area == area
    assert set(WorkItem.objects.filter(task=task).values_list("area_id", flat=True)) == {area.pk}
    with pytest.raises(ValidationFailed) as err:
        task_update(actor=people["secretariat"], task=task, changes={"due_date": date(2020, 5, 1)})
    assert err.value.code == "field_not_editable"


def test_reassigning_keeps_removed_agencies_rows_inactive(approved, plan_v1, people, registry):
    plan, _ = plan_v1
    task = Task.objects.get(plan=plan, no="1")
    task_set_assignees(actor=people["secretariat"], task=task, lead=["TN.STP"], coordinating=["TN.SNV"])
    active = {(a.agency.code, a.role) for a in Assignment.objects.filter(task=task, active=True)}
    assert active == {("TN.STP", "lead"), ("TN.SNV", "coordinating")}
    gone = Assignment.objects.get(task=task, agency=registry["h164"])
    assert not gone.active and WorkItem.objects.get(assignment=gone).cancelled


def test_a_cancelled_task_leaves_every_queue_and_cannot_be_cancelled_twice(approved, plan_v1, people):
    plan, _ = plan_v1
    task = Task.objects.get(plan=plan, no="3")
    task_cancel(actor=people["secretariat"], task=task, reason="Đã lồng ghép vào nhiệm vụ khác")
    assert not WorkItem.objects.filter(task=task, cancelled=False).exists()
    with pytest.raises(Conflict):
        task_cancel(actor=people["secretariat"], task=task, reason="lần nữa")
