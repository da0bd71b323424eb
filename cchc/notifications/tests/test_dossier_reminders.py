"""Staff reminders about dossier deadlines (spec §4.6): in working time, to the right people, once."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cchc import workdays
from cchc.dossiers import selectors, services
from cchc.notifications import staff as reminders
from cchc.notifications.models import DossierReminder, Notification
from cchc.workdays import TZ
from cchc.workdays.selectors import calendar_for

HOUR = 3600


def local(*args):
    return datetime(*args, tzinfo=TZ)


def reload(user, dossier):
    return selectors.dossier_get(user=user, code=dossier.code)


def shift(instant, seconds):
    """``seconds`` of working time from ``instant`` (before it when negative), on the national calendar."""
    return workdays.add_working_time(instant, seconds, calendar=calendar_for(agency_code=None))


def run(now):
    return reminders.dossier_reminders_send(candidates=reminders.dossier_reminders_due(now=now))


@pytest.fixture
def in_process(clock, staff, make_intake):
    """A dossier received Monday 2 March 2026 at 08:00 and transferred to Sở Tư pháp (step TD, specialists)."""
    clock.set(local(2026, 3, 2, 8, 0))
    d = services.dossier_receive(actor=staff["reception"], data=make_intake(received_at=local(2026, 3, 2, 8, 0)))
    return services.dossier_transfer(actor=staff["reception"], dossier=reload(staff["reception"], d))


def who(kind):
    return sorted(DossierReminder.objects.filter(kind=kind).values_list("recipient__username", flat=True))


STP_TD = ["chuyenvien.stp", "chuyenvien2.stp", "truongphong.stp"]  # the step's specialists and the division head


def test_a_step_due_soon_and_then_overdue_is_reminded_once_each_to_its_handlers_and_division_head(
        in_process, staff, smtp):
    d = in_process
    assert d.current_step.code == "TD" and d.step_due_at
    # Long before the step is due: nothing.
    assert reminders.dossier_reminders_due(now=shift(d.step_due_at, -10 * HOUR)) == []
    soon = shift(d.step_due_at, -2 * HOUR)
    first = run(soon)
    assert first.claimed == 3 and first.emails == 3 and first.failed == 0
    assert who("step_due_soon") == STP_TD
    again = run(soon + timedelta(minutes=15))
    assert (again.candidates, again.claimed, again.emails) == (0, 0, 0)
    subject, body = smtp.texts(staff["specialist"].email)[0]
    assert subject == "[CCHC] Nhắc hạn hồ sơ: 1 hồ sơ cần chú ý"
    assert d.code in body and "Thẩm định hồ sơ" in body and "sắp đến hạn (còn 2 giờ)" in body
    assert f"/dossiers/{d.code}/" in body
    # Past the due instant: the overdue reminder, once, to the same people.
    late = d.step_due_at + timedelta(hours=1)
    assert run(late).claimed == 3
    assert run(late + timedelta(hours=2)).claimed == 0
    assert who("step_overdue") == STP_TD
    assert "đã quá hạn" in smtp.texts(staff["head"].email)[1][1]
    # Nobody else: not the other agency, not the signer, not the one-stop unit.
    for name in ("other_head", "other_signer", "other_specialist", "signer", "reception"):
        assert not smtp.to(staff[name].email)
    assert len(smtp.messages) == 6
    # Each reminder is also an in-app notification, linked to the dossier.
    n = Notification.objects.filter(recipient=staff["specialist"]).order_by("pk")
    assert [x.verb for x in n] == ["dossier.step_due_soon", "dossier.step_overdue"]
    assert n[0].link == f"/dossiers/{d.code}/"


def test_a_new_step_is_a_new_deadline(in_process, staff, smtp):
    d = in_process
    run(d.step_due_at + timedelta(minutes=30))  # TD overdue
    # The specialist forwards it (late): the division head's own step XD starts, 8 working hours.
    with pytest.MonkeyPatch.context() as mp:
        from cchc.dossiers.services import _core

        moved = d.step_due_at + timedelta(hours=1)
        mp.setattr(_core, "now", lambda: moved)
        d = services.dossier_forward(actor=staff["specialist"], dossier=reload(staff["specialist"], d))
    assert d.current_step.code == "XD"
    run(shift(d.step_due_at, -1 * HOUR))
    rows = DossierReminder.objects.filter(kind="step_due_soon", step_code="XD")
    # XD's role is division_head: the head is reminded once, not once per capacity.
    assert list(rows.values_list("recipient__username", flat=True)) == ["truongphong.stp"]


def test_the_apology_prompt_goes_once_to_the_signer_and_division_head_before_the_appointment(in_process, staff, smtp):
    d = in_process
    early = shift(d.due_at, -12 * HOUR)  # a day and a half ahead: not yet
    assert "apology" not in {c.kind for c in reminders.dossier_reminders_due(now=early)}
    near = shift(d.due_at, -3 * HOUR)
    run(near)
    run(near + timedelta(minutes=30))
    assert who("apology") == ["giamdoc.stp", "truongphong.stp"]
    body = next(b for _s, b in smtp.texts(staff["signer"].email))
    assert "sắp đến ngày hẹn trả" in body and "xin lỗi và hẹn lại" in body and d.code in body
    assert not smtp.to(staff["other_signer"].email) and not smtp.to(staff["other_head"].email)
    # The signer issues the apology: the new appointment is far, no new prompt; the old one is not repeated.
    with pytest.MonkeyPatch.context() as mp:
        from cchc.dossiers.services import _core

        mp.setattr(_core, "now", lambda: near + timedelta(hours=1))
        services.dossier_apologise(actor=staff["signer"], dossier=reload(staff["signer"], d),
                                   new_due_at=d.due_at + timedelta(days=14), reason="Cần xác minh")
    run(near + timedelta(hours=2))
    assert DossierReminder.objects.filter(kind="apology").count() == 2


def test_a_passed_appointment_gets_no_apology_prompt(in_process):
    d = in_process
    kinds = {c.kind for c in reminders.dossier_reminders_due(now=d.due_at + timedelta(minutes=1))}
    assert "apology" not in kinds


def test_paused_and_finished_dossiers_are_not_reminded(in_process, staff, clock):
    d = in_process
    clock.set(local(2026, 3, 3, 9, 0))
    paused = services.dossier_request_supplement(actor=staff["specialist"], dossier=reload(staff["specialist"], d),
                                                 reason="Thiếu tờ khai")
    assert reminders.dossier_reminders_due(now=paused.step_due_at + timedelta(minutes=5)) == []
    clock.set(local(2026, 3, 3, 10, 0))
    d = services.dossier_receive_supplement(actor=staff["reception"], dossier=reload(staff["reception"], paused))
    d = services.dossier_stop(actor=staff["signer"], dossier=reload(staff["signer"], d), reason="Không đủ điều kiện")
    assert reminders.dossier_reminders_due(now=local(2026, 3, 20, 9, 0)) == []


def test_an_ancient_overdue_step_is_not_mailed_when_the_job_first_runs(in_process, settings):
    settings.CCHC_STEP_OVERDUE_LOOKBACK_HOURS = 24
    kinds = {c.kind for c in reminders.dossier_reminders_due(now=in_process.step_due_at + timedelta(days=2))}
    assert "step_overdue" not in kinds
    settings.CCHC_STEP_OVERDUE_LOOKBACK_HOURS = 72
    kinds = {c.kind for c in reminders.dossier_reminders_due(now=in_process.step_due_at + timedelta(days=2))}
    assert "step_overdue" in kinds


def test_the_scan_reads_a_fixed_number_of_queries_whatever_the_number_of_dossiers(clock, staff, make_intake):
    def make(n):
        out = []
        for _ in range(n):
            clock.set(local(2026, 3, 2, 8, 0))
            d = services.dossier_receive(actor=staff["reception"],
                                         data=make_intake(received_at=local(2026, 3, 2, 8, 0)))
            out.append(services.dossier_transfer(actor=staff["reception"], dossier=reload(staff["reception"], d)))
        return out

    first = make(2)
    now = shift(first[0].step_due_at, -1 * HOUR)
    with CaptureQueriesContext(connection) as few:
        assert len(reminders.dossier_reminders_due(now=now)) == 2 * 3
    make(6)
    with CaptureQueriesContext(connection) as many:
        assert len(reminders.dossier_reminders_due(now=now)) == 8 * 3
    assert len(many) == len(few)
    with CaptureQueriesContext(connection) as sending:
        result = reminders.dossier_reminders_send(candidates=reminders.dossier_reminders_due(now=now))
    assert result.claimed == 24 and len(sending) < 40


def test_the_periodic_job_is_registered(db):
    from cchc.common.periodic import jobs
    from cchc.notifications import tasks

    for name in ("notifications.dossier_reminders", "notifications.retry_dossier_messages",
                 "notifications.dossier_events_catch_up", "notifications.send_reminders"):
        assert name in jobs()
    assert tasks.send_dossier_reminders.call() == {"candidates": 0, "claimed": 0, "emails": 0, "failed": 0}


@pytest.mark.django_db(transaction=True)
def test_two_workers_racing_send_each_dossier_reminder_once(staff, make_intake, smtp, monkeypatch):
    import threading

    from django.db import connection as conn

    from cchc.dossiers.services import _core

    monkeypatch.setattr(_core, "now", lambda: local(2026, 3, 2, 8, 0))
    d = services.dossier_receive(actor=staff["reception"], data=make_intake(received_at=local(2026, 3, 2, 8, 0)))
    d = services.dossier_transfer(actor=staff["reception"], dossier=reload(staff["reception"], d))
    candidates = reminders.dossier_reminders_due(now=shift(d.step_due_at, -1 * HOUR))
    assert len(candidates) == 3
    barrier = threading.Barrier(2)
    results, errors = [], []

    def worker():
        try:
            barrier.wait(timeout=10)
            results.append(reminders.dossier_reminders_send(candidates=candidates))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            conn.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors and len(results) == 2
    assert sorted(r.claimed for r in results) == [0, 3]
    assert DossierReminder.objects.count() == 3 and Notification.objects.count() == 3
    for name in ("specialist", "specialist2", "head"):
        assert len(smtp.to(staff[name].email)) == 1


def test_an_agency_with_its_own_hours_is_judged_on_its_own_calendar(registry):
    from cchc.workdays.models import WorkingSchedule

    stp, snv = registry["stp"], registry["snv"]
    WorkingSchedule.objects.create(agency=stp, sessions=[["08:00", "12:00"], ["13:00", "16:00"]])
    calendars = reminders._Calendars({stp.pk: stp.code, snv.pk: snv.code})
    assert calendars.of(stp.pk).sessions == calendar_for(agency_code="TN.STP").sessions
    assert calendars.of(stp.pk).day_seconds == 7 * HOUR
    # Sở Nội vụ has nothing of its own: the national calendar, without a query of its own.
    assert calendars.of(snv.pk) is calendars.of(None)
    assert calendars.of(snv.pk).day_seconds == calendar_for(agency_code=None).day_seconds


def test_the_reminder_shows_on_my_notifications_page(in_process, staff, client):
    from cchc.conftest import PASSWORD

    d = in_process
    run(shift(d.step_due_at, -1 * HOUR))
    assert client.login(username=staff["head"].username, password=PASSWORD)
    html = client.get("/notifications/").content.decode()
    assert d.code in html and "sắp đến hạn" in html and "1 chưa đọc" in html
    client.logout()
    assert client.login(username=staff["other_head"].username, password=PASSWORD)
    assert d.code not in client.get("/notifications/").content.decode()


@pytest.fixture
def ten_days(cat):
    from cchc.procedures.models import ProcedureCase

    ProcedureCase.objects.filter(pk=cat.case.pk).update(supplement_days=10)


def test_a_lapsed_supplement_asks_the_division_head_once_to_consider_stopping(in_process, staff, clock, ten_days):
    clock.set(local(2026, 3, 3, 9, 0))
    d = services.dossier_request_supplement(actor=staff["specialist"], dossier=reload(staff["specialist"], in_process),
                                            reason="Thiếu tờ khai")
    # Ten calendar days from 3 March: the allowance runs to the end of 13 March.
    assert reminders.dossier_reminders_due(now=local(2026, 3, 13, 23, 59)) == []
    found = reminders.dossier_reminders_due(now=local(2026, 3, 14, 8, 0))
    assert {(c.kind, c.code) for c in found} == {("supplement_lapse", d.code)}
    assert "T13" in found[0].text and "13/03/2026" in found[0].text
    assert run(local(2026, 3, 14, 8, 0)).claimed == 1
    assert who("supplement_lapse") == ["truongphong.stp"]  # not Sở Nội vụ's, not the specialists
    assert Notification.objects.filter(verb="dossier.supplement_lapsed", recipient=staff["head"]).count() == 1
    assert run(local(2026, 3, 14, 9, 0)).claimed == 0


def test_a_lapsed_intake_supplement_goes_to_the_reception_officers(staff, clock, make_intake, ten_days):
    clock.set(local(2026, 3, 2, 9, 0))
    d = services.dossier_submit(actor=staff["reception"], data=make_intake(channel="postal"))
    services.dossier_request_intake_supplement(actor=staff["reception"], dossier=reload(staff["reception"], d),
                                               reason="Thiếu tờ khai")
    found = reminders.dossier_reminders_due(now=local(2026, 3, 13, 8, 0))
    assert sorted(c.kind for c in found) == ["supplement_lapse", "supplement_lapse"] and "T7" in found[0].text
    run(local(2026, 3, 13, 8, 0))
    assert who("supplement_lapse") == ["tiepnhan.tt", "tiepnhan2.tt"]


def test_a_supplied_or_closed_dossier_is_not_flagged(in_process, staff, clock, ten_days):
    clock.set(local(2026, 3, 3, 9, 0))
    d = services.dossier_request_supplement(actor=staff["specialist"], dossier=reload(staff["specialist"], in_process),
                                            reason="Thiếu tờ khai")
    clock.set(local(2026, 3, 5, 9, 0))
    services.dossier_receive_supplement(actor=staff["reception"], dossier=reload(staff["reception"], d))
    assert [c for c in reminders.dossier_reminders_due(now=local(2026, 3, 14, 8, 0)) if c.kind == "supplement_lapse"] == []


def test_a_dossier_stopped_before_its_allowance_ran_out_is_not_flagged(in_process, staff, clock, ten_days):
    clock.set(local(2026, 3, 3, 9, 0))
    d = services.dossier_request_supplement(actor=staff["specialist"], dossier=reload(staff["specialist"], in_process),
                                            reason="Thiếu tờ khai")
    services.dossier_stop(actor=staff["head"], dossier=reload(staff["head"], d), reason="Người nộp xin dừng")
    assert reminders.dossier_reminders_due(now=local(2026, 3, 14, 8, 0)) == []
