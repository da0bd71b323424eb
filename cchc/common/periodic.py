"""Periodic jobs: what runs how often. The scheduler enqueues each due run exactly once.

A run is identified by (job name, slot), slot = the start of its interval. Inserting that pair
under a unique constraint is the claim: a second scheduler's insert fails and it enqueues nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    every: timedelta
    enqueue: Callable[[], object]


_JOBS: dict[str, PeriodicJob] = {}


def periodic(name: str, every: timedelta) -> Callable:
    """Register a django-tasks task to be enqueued every ``every``."""

    def wrap(task):
        _JOBS[name] = PeriodicJob(name=name, every=every, enqueue=task.enqueue)
        return task

    return wrap


def jobs() -> dict[str, PeriodicJob]:
    return dict(_JOBS)


def slot_of(now: datetime, every: timedelta) -> datetime:
    epoch = datetime(2000, 1, 1, tzinfo=now.tzinfo)
    n = (now - epoch) // every
    return epoch + n * every


def enqueue_due(now: datetime | None = None) -> list[str]:
    """Enqueue every job whose current slot has not been claimed yet; return the names enqueued."""
    from cchc.common.models import PeriodicRun

    now = now or timezone.now()
    started = []
    for job in _JOBS.values():
        slot = slot_of(now, job.every)
        try:
            with transaction.atomic():
                PeriodicRun.objects.create(name=job.name, slot=slot)
                job.enqueue()
        except IntegrityError:
            continue  # another scheduler claimed this slot
        started.append(job.name)
    return started
