"""Two reviewers act on one report at the same instant, on two real connections: exactly one wins."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from django.db import connection

from cchc.common.errors import Conflict
from cchc.common.models import Event
from cchc.plans.models import ProgressReport, WorkItem
from cchc.plans.services.progress import ReportInput, progress_report_review, progress_report_submit
from cchc.plans.tests.conftest import work_item

pytestmark = pytest.mark.django_db(transaction=True)


def race(*calls):
    """Run each call in its own thread (its own database connection), released together."""
    results: list = [None] * len(calls)
    barrier = threading.Barrier(len(calls))

    def run(i, call):
        try:
            barrier.wait()
            results[i] = call()
        except BaseException as exc:  # noqa: BLE001 - inspected by the test
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return results


@pytest.mark.parametrize("decisions", [("accept", "return"), ("accept", "accept"), ("return", "return")])
def test_two_concurrent_reviews_exactly_one_wins(approved, people, registry, decisions):
    item = work_item("1", registry["stp"])
    report = progress_report_submit(actor=people["officer_stp"], work_item=item, today=date(2020, 6, 20),
                                    data=ReportInput(status="done", completed_on=date(2020, 6, 15)))
    reviewers = (people["secretariat"], people["admin"])

    def review(user, decision):
        return lambda: progress_report_review(actor=user, report=ProgressReport.objects.get(pk=report.pk),
                                              decision=decision, reason="Thiếu minh chứng")

    results = race(*(review(u, d) for u, d in zip(reviewers, decisions, strict=True)))
    wins = [r for r in results if isinstance(r, ProgressReport)]
    losses = [r for r in results if isinstance(r, Conflict)]
    assert len(wins) == 1 and len(losses) == 1, results
    assert losses[0].code == "report_not_pending"
    report.refresh_from_db()
    assert report.review == wins[0].review
    assert WorkItem.objects.get(pk=item.pk).review == report.review
    assert Event.objects.filter(verb__in=["progress.accept", "progress.return"]).count() == 1


def test_a_report_and_a_review_at_once_never_leave_the_old_report_accepted_as_latest(approved, people, registry):
    item = work_item("1", registry["stp"])
    first = progress_report_submit(actor=people["officer_stp"], work_item=item, today=date(2020, 6, 20),
                                   data=ReportInput(status="in_progress", percent=30))
    results = race(
        lambda: progress_report_review(actor=people["secretariat"], report=ProgressReport.objects.get(pk=first.pk),
                                       decision="accept"),
        lambda: progress_report_submit(actor=people["officer_stp"], work_item=WorkItem.objects.get(pk=item.pk),
                                       today=date(2020, 6, 20), data=ReportInput(status="in_progress", percent=50)),
    )
    item.refresh_from_db()
    first.refresh_from_db()
    if isinstance(results[0], Conflict):  # the new report came first and superseded the old one
        assert first.review == "superseded" and item.review == "submitted" and item.percent == 50
    else:  # the review came first; the new report then came after an accepted one and was refused
        assert isinstance(results[1], Conflict) and item.review == "accepted" and item.percent == 30
