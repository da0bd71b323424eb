"""Periodic jobs of the dossiers app, enqueued by the scheduler and run by the db_worker."""

from __future__ import annotations

from datetime import timedelta

try:  # Django 6 ships the API; on 5.2 the django-tasks backport provides it
    from django.tasks import task  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - depends on the Django version
    from django_tasks import task

from cchc.common.periodic import periodic


@periodic("dossiers.log_digest", every=timedelta(days=1))
@task()
def log_digest() -> str:
    """Digest every dossier's process-log head as of the start of today (local time).

    Runs once a day; a run that finds today's digest already made (a retry) does nothing.
    """
    from cchc.common.errors import Conflict
    from cchc.dossiers.services import log_digest_create

    try:
        digest = log_digest_create(actor=None)
    except Conflict:
        return "exists"
    return digest.hash


@periodic("dossiers.archive_returned", every=timedelta(days=1))
@task()
def archive_returned() -> int:
    """Archive the dossiers returned more than ``CCHC_ARCHIVE_AFTER_DAYS`` ago (T21); how many."""
    from cchc.dossiers.services import dossiers_archive_due

    return dossiers_archive_due()
