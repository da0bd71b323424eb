"""Fixtures: the approved 2020 plan of the plans tests with some progress reported on it."""

from __future__ import annotations

from datetime import date

import pytest
from django.apps import apps

from cchc.conftest import PASSWORD

# Until "cchc.reports" is in INSTALLED_APPS these tests cannot import its models: skip them rather
# than break the whole suite's collection. Once the app is installed they run.
if not apps.is_installed("cchc.reports"):
    collect_ignore_glob = ["test_*.py"]


@pytest.fixture
def approved(registry, people):
    from cchc.plans.services.generation import plan_version_approve
    from cchc.plans.tests.conftest import make_plan

    _plan, version = make_plan(registry)
    return plan_version_approve(actor=people["secretariat"], version=version)


@pytest.fixture
def tracked(approved, people, registry):
    """Task 1 (Sở Tư pháp, due 30/06/2020) done late with a reason; the SNV's Q1 report done on time."""
    from cchc.plans.models import WorkItem
    from cchc.plans.services.progress import ReportInput, progress_report_submit

    stp = WorkItem.objects.get(task__no="1", agency=registry["stp"])
    progress_report_submit(actor=people["officer_stp"], work_item=stp, today=date(2020, 7, 10), data=ReportInput(
        status="done", completed_on=date(2020, 7, 8), narrative="Chờ ý kiến thẩm định của Bộ Tư pháp"))
    snv_q1 = WorkItem.objects.get(task__no="2", agency=registry["snv"], occurrence__seq=1)
    progress_report_submit(actor=people["officer_snv"], work_item=snv_q1, today=date(2020, 3, 20),
                           data=ReportInput(status="done", completed_on=date(2020, 3, 20)))
    return approved


@pytest.fixture
def login(client):
    def go(user):
        assert client.login(username=user.username, password=PASSWORD)
        return client

    return go
