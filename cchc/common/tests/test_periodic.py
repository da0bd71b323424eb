"""The scheduler enqueues each periodic job once per slot, even when two run at once."""

from datetime import UTC, datetime, timedelta

from django_tasks_db.models import DBTaskResult

from cchc.common import periodic
from cchc.common.management.commands.scheduler import autodiscover
from cchc.common.models import PeriodicRun


def test_two_schedulers_enqueue_a_due_job_once(db):
    autodiscover()
    now = datetime(2026, 3, 2, 8, 30, tzinfo=UTC)
    first = periodic.enqueue_due(now)
    second = periodic.enqueue_due(now + timedelta(seconds=5))
    assert "common.prune_login_throttles" in first
    assert second == []
    assert DBTaskResult.objects.count() == len(first)
    assert PeriodicRun.objects.count() == len(first)


def test_the_next_slot_is_enqueued_again(db):
    autodiscover()
    now = datetime(2026, 3, 2, 8, 30, tzinfo=UTC)
    periodic.enqueue_due(now)
    again = periodic.enqueue_due(now + timedelta(hours=1))
    assert set(again) == {n for n, j in periodic.jobs().items() if j.every <= timedelta(hours=1)}


def test_slots_start_on_interval_boundaries():
    now = datetime(2026, 3, 2, 8, 59, 59, tzinfo=UTC)
    assert periodic.slot_of(now, timedelta(hours=1)) == datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
