"""Reminders over a real SMTP server: one e-mail per rung and recipient, even when the job runs
twice or two workers race; in-app notifications beside them; nothing for finished work."""

from __future__ import annotations

from datetime import date

import pytest

from cchc.notifications import services
from cchc.notifications.models import Notification, ReminderSent
from cchc.plans.models import WorkItem
from cchc.workdays.selectors import calendar_for


def stp_item():
    return WorkItem.objects.select_related("task").get(task__no="1", agency__code="TN.STP")


def rung_day(item, rung):
    cal = calendar_for(agency_code=item.agency.code)
    return dict((name, d) for name, d in services.ladder.rung_dates(item.due_date, cal.add_working_days))[rung]


def run(today):
    return services.reminders_send(candidates=services.reminders_due(today=today))


def test_one_email_per_rung_even_when_run_twice(approved, people, smtp):
    item = stp_item()
    day = rung_day(item, "d-7")
    first = run(day)
    assert first.emails >= 2 and first.failed == 0
    stp_officer = people["officer_stp"].email
    assert len(smtp.to(stp_officer)) == 1
    subject, body = smtp.texts(stp_officer)[0]
    assert subject.startswith("[CCHC] Nhắc việc")
    assert "Rà soát văn bản quy phạm pháp luật của tỉnh" in body and "hạn 30/06/2020" in body
    again = run(day)
    assert (again.claimed, again.emails) == (0, 0)
    assert len(smtp.to(stp_officer)) == 1
    assert ReminderSent.objects.filter(work_item=item, rung="d-7").count() == 2  # officer and leader of STP
    assert ReminderSent.objects.filter(work_item=item, emailed_at__isnull=True).count() == 0


def test_two_workers_racing_send_each_reminder_once(approved, people, smtp):
    item = stp_item()
    day = rung_day(item, "d-3")
    seen_by_a = services.reminders_due(today=day)
    seen_by_b = services.reminders_due(today=day)  # both workers computed the same list
    assert seen_by_a == seen_by_b and seen_by_a
    a = services.reminders_send(candidates=seen_by_a)
    b = services.reminders_send(candidates=seen_by_b)
    assert a.claimed == len(seen_by_a) and b.claimed == 0 and b.emails == 0
    recipients = {c.recipient_id for c in seen_by_a}
    assert len(smtp.messages) == len(recipients)
    assert Notification.objects.filter(verb=services.REMINDER_VERB).count() == len(seen_by_a)


def test_each_rung_of_the_ladder_sends_once(approved, people, smtp):
    item = stp_item()
    officer = people["officer_stp"].email
    days = [rung_day(item, r) for r in ("d-7", "d-3", "d-1", "d0")]
    days.append(date.fromordinal(item.due_date.toordinal() + 7))
    for day in days:
        run(day)
        run(day)
    rungs = sorted(ReminderSent.objects.filter(work_item=item, recipient=people["officer_stp"])
                   .values_list("rung", flat=True))
    assert rungs == ["d-1", "d-3", "d-7", "d0", "od1"]
    about_it = [body for _s, body in smtp.texts(officer) if "Rà soát văn bản quy phạm" in body]
    assert len(about_it) == 5
    assert "đến hạn hôm nay" in about_it[3] and "đã quá hạn 7 ngày" in about_it[4]


def test_finished_work_is_not_reminded(approved, people, smtp):
    from cchc.plans.services.progress import ReportInput, progress_report_submit

    item = stp_item()
    day = rung_day(item, "d-1")
    progress_report_submit(actor=people["officer_stp"], work_item=item,
                           data=ReportInput(status="done", completed_on=day), today=day)
    run(day)
    assert not ReminderSent.objects.filter(work_item=item).exists()
    assert all("Rà soát văn bản" not in body for _s, body in smtp.texts(people["officer_stp"].email))


def test_a_mail_server_that_is_down_is_recorded_and_nothing_is_sent_twice(approved, people, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # nothing listens
    item = stp_item()
    result = run(rung_day(item, "d-7"))
    assert result.claimed and result.emails == 0 and result.failed >= 2
    # The claim stands (no double send later), the error is kept, the in-app notification is there.
    row = ReminderSent.objects.filter(work_item=item).first()
    assert row.emailed_at is None and row.email_error
    assert Notification.objects.filter(recipient=people["officer_stp"]).exists()
    assert run(rung_day(item, "d-7")).claimed == 0


def test_the_periodic_job_is_registered_and_idempotent(approved, people, smtp):
    from cchc.common.periodic import jobs
    from cchc.notifications import tasks

    assert "notifications.send_reminders" in jobs()
    first = tasks.send_reminders.call()
    second = tasks.send_reminders.call()
    assert first["emails"] >= 1 and second["emails"] == 0 and second["claimed"] == 0
    assert len(smtp.to(people["officer_stp"].email)) == 1


def test_a_later_run_does_not_even_try_reminders_already_sent(approved, people, smtp):
    item = stp_item()
    day = rung_day(item, "d-7")
    assert services.reminders_due(today=day)
    run(day)
    assert services.reminders_due(today=day) == []


@pytest.mark.django_db(transaction=True)
def test_two_worker_threads_at_once_send_each_reminder_once(registry, people, smtp):
    import threading

    from django.db import connection

    from cchc.plans.services.generation import plan_version_approve
    from cchc.plans.tests.conftest import make_plan

    _plan, version = make_plan(registry)
    plan_version_approve(actor=people["secretariat"], version=version)
    item = stp_item()
    day = rung_day(item, "d-3")
    candidates = services.reminders_due(today=day)
    barrier = threading.Barrier(2)
    results, errors = [], []

    def worker():
        try:
            barrier.wait(timeout=10)
            results.append(services.reminders_send(candidates=candidates))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors
    # However the two interleave, each (item, rung, recipient) is claimed and mailed exactly once.
    assert sum(r.claimed for r in results) == len(candidates) and len(results) == 2
    assert ReminderSent.objects.count() == len(candidates)
    for user in (people["officer_stp"], people["leader_stp"]):
        mentions = sum(body.count("Rà soát văn bản quy phạm") for _s, body in smtp.texts(user.email))
        assert mentions == 1
