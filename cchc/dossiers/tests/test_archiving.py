"""Archiving returned dossiers (T21): the system alone, after the configured delay, once."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.test import Client
from django.urls import reverse

from cchc.accounts.services import token_create
from cchc.common.errors import PermissionDenied
from cchc.common.periodic import jobs
from cchc.dossiers import selectors, services
from cchc.dossiers.lifecycle import Action
from cchc.dossiers.models import Dossier, ProcessLogEntry
from cchc.dossiers.services.archiving import ARCHIVIST
from cchc.workdays import TZ


def local(*args):
    return datetime(*args, tzinfo=TZ)


def reload(user, dossier):
    return selectors.dossier_get(user=user, code=dossier.code)


@pytest.fixture
def returned(clock, staff, received):
    s = staff
    clock.set(local(2026, 3, 10, 9, 0))
    d = services.dossier_transfer(actor=s["reception"], dossier=received)
    for who in ("specialist", "head"):
        d = services.dossier_forward(actor=s[who], dossier=reload(s[who], d))
    d = services.dossier_issue_result(actor=s["signer"], dossier=reload(s["signer"], d), result_number="12/QĐ")
    return services.dossier_return_result(actor=s["return"], dossier=reload(s["return"], d))


def test_the_job_archives_a_dossier_once_its_delay_has_passed(returned, clock, settings):
    settings.CCHC_ARCHIVE_AFTER_DAYS = 90
    assert services.dossiers_archive_due(now=local(2026, 6, 7, 9, 0)) == 0  # 89 days after the return
    clock.set(local(2026, 6, 9, 9, 0))
    assert services.dossiers_archive_due(now=local(2026, 6, 9, 9, 0)) == 1
    d = Dossier.objects.get(pk=returned.pk)
    assert d.state == "result_returned" and d.national_status == 10  # the citizen sees no change
    assert d.archived_at == local(2026, 6, 9, 9, 0) and d.archive_reference == d.code
    row = ProcessLogEntry.objects.filter(dossier=d).order_by("-seq").first()
    assert (row.action, row.from_state, row.to_state, row.role) == ("archive", "result_returned", "result_returned",
                                                                    "system:luutru")
    assert services.dossiers_archive_due(now=local(2026, 7, 1)) == 0  # never twice


def test_the_chain_still_verifies_after_archiving(returned, clock, settings):
    from django.core.management import call_command

    settings.CCHC_ARCHIVE_AFTER_DAYS = 0
    clock.set(local(2026, 3, 11, 9, 0))
    services.dossiers_archive_due(now=local(2026, 3, 11, 9, 0))
    call_command("verify_log", dossier=returned.code)


def test_no_person_may_archive(returned, staff):
    for who in ("reception", "return", "signer"):
        with pytest.raises(PermissionDenied):
            services.dossier_archive(actor=staff[who], dossier=reload(staff[who], returned))


def test_open_and_synthetic_dossiers_are_left_alone(received, returned, settings):
    settings.CCHC_ARCHIVE_AFTER_DAYS = 0
    Dossier.objects.filter(pk=returned.pk).update(synthetic=True)
    assert services.dossiers_archive_due(now=local(2030, 1, 1)) == 0
    assert Dossier.objects.filter(archived_at__isnull=False).count() == 0


def test_the_page_and_the_api_show_the_archiving(returned, staff, clock, settings):
    settings.CCHC_ARCHIVE_AFTER_DAYS = 0
    clock.set(local(2026, 3, 11, 9, 0))
    services.dossiers_archive_due(now=local(2026, 3, 11, 9, 0))
    client = Client()
    client.force_login(staff["reception"])
    page = client.get(reverse("dossiers:detail", args=[returned.code])).content.decode()
    assert 'data-testid="archived"' in page and "11/03/2026" in page and "Đưa hồ sơ vào lưu trữ" in page
    _, raw = token_create(actor=staff["reception"], name="t")
    body = Client().get(f"/api/v1/dossiers/{returned.code}", HTTP_AUTHORIZATION=f"Bearer {raw}").json()
    assert body["archive_reference"] == returned.code and body["archived_at"].startswith("2026-03-11T02:00")


def test_the_daily_job_is_registered_and_runs(returned, settings, clock):
    from cchc.dossiers import tasks

    assert jobs()["dossiers.archive_returned"].every == timedelta(days=1)
    settings.CCHC_ARCHIVE_AFTER_DAYS = 0
    clock.set(local(2026, 3, 10, 10, 0))
    assert tasks.archive_returned.call() == 1
    assert ARCHIVIST.actions == {Action.ARCHIVE}


def test_a_dossier_that_cannot_be_archived_is_tried_once_per_run(returned, clock, settings, monkeypatch):
    from cchc.common.errors import Conflict
    from cchc.dossiers.services import archiving

    tried = []

    def refuse(*, actor, dossier, **kwargs):
        tried.append(dossier.code)
        raise Conflict("changed meanwhile", code="dossier_changed")

    monkeypatch.setattr(archiving, "dossier_archive", refuse)
    settings.CCHC_ARCHIVE_AFTER_DAYS = 0
    clock.set(local(2026, 3, 11, 9, 0))
    assert services.dossiers_archive_due(now=local(2026, 3, 11, 9, 0), limit=50) == 0
    assert tried == [returned.code]
