"""Periodic job of payments: reconcile pending online payments (spec §7.4: a background job re-checks them)."""

from __future__ import annotations

from datetime import timedelta

try:  # Django 6 ships the API; on 5.2 the django-tasks backport provides it
    from django.tasks import task  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - depends on the Django version
    from django_tasks import task

from cchc.common.periodic import periodic


@periodic("payments.reconcile", every=timedelta(minutes=15))
@task()
def reconcile() -> dict[str, int]:
    """Query the platform about online requests pending longer than CCHC_PAYMENT_RECONCILE_AFTER_MINUTES."""
    from cchc.payments.services import payments_reconcile

    return payments_reconcile()
