"""Housekeeping jobs run by the db_worker, enqueued by the scheduler."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

try:  # Django 6 ships the API; on 5.2 the django-tasks backport provides it
    from django.tasks import task  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - depends on the Django version
    from django_tasks import task

from cchc.common.periodic import periodic


@periodic("common.prune_login_throttles", every=timedelta(hours=1))
@task()
def prune_login_throttles() -> int:
    """Forget expired lock-outs and stale failure counters."""
    from cchc.accounts.models import LoginThrottle

    now = timezone.now()
    deleted, _ = LoginThrottle.objects.filter(locked_until__lt=now).delete()
    stale, _ = LoginThrottle.objects.filter(
        locked_until__isnull=True, first_failure_at__lt=now - timedelta(days=1)
    ).delete()
    return deleted + stale


@periodic("common.prune_periodic_runs", every=timedelta(days=1))
@task()
def prune_periodic_runs() -> int:
    """Keep 90 days of scheduler claims."""
    from cchc.common.models import PeriodicRun

    deleted, _ = PeriodicRun.objects.filter(slot__lt=timezone.now() - timedelta(days=90)).delete()
    return deleted
