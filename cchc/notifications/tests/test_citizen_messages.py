"""Citizen messages over a real (local) SMTP server: one per event and channel, never twice."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from cchc.common.models import Event
from cchc.dossiers import selectors, services
from cchc.notifications import citizen, tasks
from cchc.notifications.models import DeliveryStatus, DossierMessage
from cchc.notifications.tests.conftest import run_queued
from cchc.workdays import TZ

EMAIL = "nguyenvanan@example.org"


def local(*args):
    return datetime(*args, tzinfo=TZ)


def reload(user, dossier):
    return selectors.dossier_get(user=user, code=dossier.code)


def event_of(dossier, verb):
    return Event.objects.get(subject_type="dossiers.dossier", subject_id=dossier.code, verb=verb)


@pytest.fixture
def receive(staff, make_intake, django_capture_on_commit_callbacks):
    """Receive a dossier at the counter, committing (so the on-commit hook enqueues its task)."""

    def go(**overrides):
        overrides.setdefault("applicant_email", EMAIL)
        with django_capture_on_commit_callbacks(execute=True):
            return services.dossier_receive(actor=staff["reception"], data=make_intake(**overrides))

    return go


def test_a_receipt_sends_one_email_with_the_code_the_appointment_and_the_lookup_link(receive, smtp, settings,
                                                                                    sms_outbox):
    settings.CCHC_PUBLIC_BASE_URL = "https://dichvucong.thainguyen.gov.vn/"
    d = receive()
    assert run_queued() == [{"sent": 2, "failed": 0, "skipped": 0}]
    assert len(smtp.messages) == 1 and smtp.messages[0]["to"] == [EMAIL]
    subject, body = smtp.texts(EMAIL)[0]
    assert subject == f"Hồ sơ {d.code} đã được tiếp nhận"
    assert "Kính gửi ông/bà Nguyễn Văn An" in body and "Cấp phiếu lý lịch tư pháp" in body
    assert f"Mã hồ sơ: {d.code}" in body
    assert f"Ngày hẹn trả kết quả: {d.original_due_at.astimezone(TZ):%H:%M} ngày " \
           f"{d.original_due_at.astimezone(TZ):%d/%m/%Y}" in body
    assert f"https://dichvucong.thainguyen.gov.vn/public/lookup/?code={d.code}" in body
    # The same event also went out by SMS, without diacritics, with the link.
    assert len(sms_outbox) == 1 and sms_outbox[0][0] == "0912345678"
    assert d.code in sms_outbox[0][1] and "tiep nhan" in sms_outbox[0][1] and "/public/lookup/?code=" in sms_outbox[0][1]
    rows = DossierMessage.objects.filter(dossier_code=d.code)
    assert {(r.channel, r.status) for r in rows} == {("email", "sent"), ("sms", "sent")}


def test_a_rerun_of_the_task_or_the_catch_up_sends_nothing_more(receive, smtp, sms_outbox):
    d = receive()
    run_queued()
    event = event_of(d, "dossier.receive")
    assert tasks.send_dossier_event.call(event.pk) == {"sent": 0, "failed": 0, "skipped": 2}
    assert citizen.dossier_events_unsent(now=event.at + timedelta(minutes=5)) == []
    assert tasks.dossier_events_catch_up.call() == 0
    assert len(smtp.messages) == 1 and len(sms_outbox) == 1
    assert DossierMessage.objects.count() == 2


def test_the_receiver_enqueues_only_after_commit_and_only_citizen_verbs(staff, make_intake, smtp):
    from django_tasks_db.models import DBTaskResult

    # Without the commit (the callbacks are captured, not run) nothing is queued.
    d = services.dossier_receive(actor=staff["reception"], data=make_intake(applicant_email=EMAIL))
    assert not DBTaskResult.objects.exists()
    # A transfer is not a citizen-facing event: nothing is queued for it either.
    d = services.dossier_transfer(actor=staff["reception"], dossier=reload(staff["reception"], d))
    assert not DBTaskResult.objects.exists() and not smtp.messages


def test_a_rolled_back_dossier_sends_nothing(staff, make_intake, smtp, django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                services.dossier_receive(actor=staff["reception"], data=make_intake(applicant_email=EMAIL))
                raise RuntimeError("rollback")
        except RuntimeError:
            pass
    assert callbacks == [] and run_queued() == [] and not smtp.messages


def test_no_email_address_means_sms_only(receive, smtp, sms_outbox):
    d = receive(applicant_email="")
    assert run_queued() == [{"sent": 1, "failed": 0, "skipped": 0}]
    assert not smtp.messages
    assert [to for to, _text in sms_outbox] == ["0912345678"]
    assert list(DossierMessage.objects.values_list("channel", "recipient", "status")) == [
        ("sms", "0912345678", "sent")]
    assert d.code in sms_outbox[0][1]


def test_nobody_to_tell_is_recorded_once_so_the_catch_up_leaves_it(staff, make_intake, smtp, sms_outbox):
    from cchc.dossiers.models import Dossier

    d = services.dossier_receive(actor=staff["reception"], data=make_intake(applicant_email=""))
    Dossier.objects.filter(pk=d.pk).update(applicant_phone="")
    event = event_of(d, "dossier.receive")
    assert tasks.send_dossier_event.call(event.pk) == {"sent": 0, "failed": 0, "skipped": 1}
    assert DossierMessage.objects.get().status == DeliveryStatus.SKIPPED
    assert citizen.dossier_events_unsent(now=event.at + timedelta(minutes=5)) == []
    assert not smtp.messages and not sms_outbox


def test_smtp_down_is_recorded_failed_then_retried_once_it_is_up(receive, smtp, settings, sms_outbox):
    up_port = settings.EMAIL_PORT
    settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = 9, 2  # nothing listens there
    d = receive()
    assert run_queued() == [{"sent": 1, "failed": 1, "skipped": 0}]  # the SMS went, the e-mail did not
    row = DossierMessage.objects.get(channel="email")
    assert row.status == DeliveryStatus.FAILED and row.attempts == 1 and row.last_error
    # Still down: the retry fails again and counts the attempt.
    assert tasks.retry_dossier_messages.call() == {"tried": 1, "sent": 0, "failed": 1, "gave_up": 0}
    settings.EMAIL_PORT = up_port
    assert tasks.retry_dossier_messages.call() == {"tried": 1, "sent": 1, "failed": 0, "gave_up": 0}
    row.refresh_from_db()
    assert row.status == DeliveryStatus.SENT and row.attempts == 3 and row.sent_at and not row.last_error
    assert [m["to"] for m in smtp.messages] == [[EMAIL]]
    assert d.code in smtp.texts(EMAIL)[0][0]
    # Nothing left to retry, and the task itself does not send it again.
    assert tasks.retry_dossier_messages.call()["tried"] == 0
    tasks.send_dossier_event.call(event_of(d, "dossier.receive").pk)
    assert len(smtp.messages) == 1 and len(sms_outbox) == 1


def test_retries_stop_after_the_bound(receive, settings, sms_outbox):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    settings.CCHC_NOTIFY_MAX_ATTEMPTS = 3
    receive()
    run_queued()
    assert citizen.dossier_messages_retry().failed == 1
    assert citizen.dossier_messages_retry().gave_up == 1
    assert citizen.dossier_messages_retry().tried == 0
    row = DossierMessage.objects.get(channel="email")
    assert (row.status, row.attempts) == (DeliveryStatus.GAVE_UP, 3)


def test_the_catch_up_enqueues_events_the_worker_never_saw(staff, make_intake, smtp, sms_outbox):
    from django_tasks_db.models import DBTaskResult

    # Committed, but the enqueue was lost (the hook never ran: callbacks captured, not executed).
    d = services.dossier_receive(actor=staff["reception"], data=make_intake(applicant_email=EMAIL))
    event = event_of(d, "dossier.receive")
    assert citizen.dossier_events_unsent(now=event.at) == []  # too young: left to the normal path
    assert citizen.dossier_events_unsent(now=event.at + timedelta(minutes=5)) == [event.pk]
    assert citizen.dossier_events_unsent(now=event.at + timedelta(hours=30)) == []  # too old
    later = event.at + timedelta(minutes=5)
    for event_id in citizen.dossier_events_unsent(now=later):
        tasks.send_dossier_event.enqueue(event_id)
    assert DBTaskResult.objects.count() == 1
    run_queued()
    assert len(smtp.to(EMAIL)) == 1
    assert citizen.dossier_events_unsent(now=later) == []


def test_every_citizen_event_sends_exactly_one_email(clock, staff, make_intake, smtp, sms_outbox,
                                                    django_capture_on_commit_callbacks):
    s = staff

    def act(fn, user, d, **kw):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(actor=user, dossier=reload(user, d), **kw)

    # Online arrival: an intake supplement, then acceptance.
    clock.set(local(2026, 3, 2, 8, 0))
    with django_capture_on_commit_callbacks(execute=True):
        d = services.dossier_submit(actor=s["reception"], data=make_intake(channel="kiosk", applicant_email=EMAIL))
    d = act(services.dossier_request_intake_supplement, s["reception"], d, reason="Thiếu bản chụp căn cước",
            components=["Bản chụp căn cước"])
    d = act(services.dossier_resubmit, s["reception"], d)
    d = act(services.dossier_accept, s["reception"], d)
    d = act(services.dossier_transfer, s["reception"], d)
    clock.set(local(2026, 3, 3, 9, 0))
    d = act(services.dossier_request_supplement, s["specialist"], d, reason="Bổ sung tờ khai có chữ ký")
    d = act(services.dossier_receive_supplement, s["reception"], d)
    clock.set(local(2026, 3, 4, 9, 0))
    new_due = d.due_at.astimezone(TZ).replace(hour=17, minute=0) + timedelta(days=7)
    d = act(services.dossier_apologise, s["signer"], d, new_due_at=new_due, reason="Cần xác minh tại địa phương",
            document_number="15/PXL")
    d = act(services.dossier_forward, s["specialist"], d)
    d = act(services.dossier_forward, s["head"], d)
    d = act(services.dossier_issue_result, s["signer"], d, result_number="123/PLLTP")
    run_queued()
    run_queued()  # a second pass of the worker finds nothing new
    subjects = [subject for subject, _body in smtp.texts(EMAIL)]
    assert subjects == [
        f"Hồ sơ {d.code} cần bổ sung, hoàn thiện",  # at intake
        f"Hồ sơ {d.code} đã được tiếp nhận",
        f"Hồ sơ {d.code} cần bổ sung, hoàn thiện",  # during processing
        f"Xin lỗi và hẹn lại ngày trả kết quả hồ sơ {d.code}",
        f"Hồ sơ {d.code} đã có kết quả",
    ]
    bodies = [body for _s, body in smtp.texts(EMAIL)]
    assert "Thiếu bản chụp căn cước" in bodies[0] and "Giấy tờ cần bổ sung: Bản chụp căn cước" in bodies[0]
    assert "tạm dừng" in bodies[2] and "Bổ sung tờ khai có chữ ký" in bodies[2]
    assert "Cần xác minh tại địa phương" in bodies[3] and f"{new_due:%d/%m/%Y}" in bodies[3] and "15/PXL" in bodies[3]
    assert "123/PLLTP" in bodies[4]
    assert all(f"/public/lookup/?code={d.code}" in b for b in bodies)
    assert len(sms_outbox) == 5
    assert DossierMessage.objects.filter(status="sent").count() == 10


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_each_message_once(staff, make_intake, smtp, sms_outbox):
    import threading

    from django.db import connection
    from django_tasks_db.models import DBTaskResult

    d = services.dossier_receive(actor=staff["reception"], data=make_intake(applicant_email=EMAIL))
    # Really committed here: the hook ran and queued the task.
    assert DBTaskResult.objects.filter(task_path="cchc.notifications.tasks.send_dossier_event").count() == 1
    event = event_of(d, "dossier.receive")
    barrier = threading.Barrier(2)
    results, errors = [], []

    def worker():
        try:
            barrier.wait(timeout=10)
            results.append(citizen.dossier_event_send(event_id=event.pk))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors and len(results) == 2
    assert sum(r.sent for r in results) == 2 and sum(r.skipped for r in results) == 2
    assert len(smtp.to(EMAIL)) == 1 and len(sms_outbox) == 1
    assert DossierMessage.objects.count() == 2


def test_the_receiver_reads_nothing_inside_the_dossier_transaction(db):
    from django.db import connection
    from django.db.models.signals import post_save
    from django.test.utils import CaptureQueriesContext

    from cchc.notifications.citizen_texts import CITIZEN_VERBS

    with CaptureQueriesContext(connection) as queries:
        for verb in [*sorted(CITIZEN_VERBS), "dossier.forward", "plans.task_create"]:
            event = Event(pk=1, verb=verb, subject_type="dossiers.dossier", subject_id="X", at=datetime.now(TZ))
            post_save.send(sender=Event, instance=event, created=True, update_fields=None, raw=False,
                           using=connection.alias)
    assert len(queries) == 0
    # Only the citizen-facing verbs registered an on-commit hook.
    assert len(connection.run_on_commit) == len(CITIZEN_VERBS)


def test_by_default_the_minute_job_sends_what_intake_committed(settings, staff, make_intake, smtp, sms_outbox,
                                                               django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    settings.CCHC_NOTIFY_ON_COMMIT = False
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        d = services.dossier_receive(actor=staff["reception"], data=make_intake(applicant_email=EMAIL))
    # Intake itself queues nothing: no hook, no task row.
    assert callbacks == [] and DBTaskResult.objects.count() == 0
    assert tasks.dossier_events_catch_up.call() == 1
    [(subject, body)] = smtp.texts(EMAIL)
    assert d.code in subject + body
    assert tasks.dossier_events_catch_up.call() == 0
    assert len(smtp.to(EMAIL)) == 1
