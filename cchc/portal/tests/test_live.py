"""The stand-in portal pushes over real HTTP to Django's live server: arrivals, retries, concurrent duplicates."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from cchc.dossiers.lifecycle import State
from cchc.dossiers.models import Dossier, ProcessLogEntry
from cchc.portal.models import InboundDossier
from cchc.portal.tests.conftest import SECRET
from cchc.portal.tests.standin import PortalStandIn

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def http_portal(live_server):
    return PortalStandIn(SECRET, base_url=live_server.url)


def test_a_dossier_pushed_over_http_is_submitted_online(http_portal, good):
    answer = http_portal.push(good())
    assert answer.status == 200, answer.body
    d = Dossier.objects.get(code=answer.body["MaHoSoTiepNhan"])
    assert d.state == State.SUBMITTED and d.channel == "online_portal" and d.other_code == answer.body["MaHoSo"]
    assert answer.headers["Content-Type"].startswith("application/json")


def test_retries_over_http_get_the_same_answer(http_portal, good):
    data = good()
    answers = [http_portal.push(data) for _ in range(3)]
    assert {a.status for a in answers} == {200}
    assert answers[0].body == answers[1].body == answers[2].body
    assert Dossier.objects.count() == 1 and InboundDossier.objects.get().repeats == 2


def test_concurrent_duplicates_make_one_dossier_and_the_same_acknowledgement(http_portal, good):
    data = good()
    n = 5
    barrier = threading.Barrier(n)
    answers: list = [None] * n

    def push(i):
        try:
            barrier.wait()
            answers[i] = http_portal.push(data)
        except BaseException as exc:  # noqa: BLE001 - inspected below
            answers[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=push, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert all(getattr(a, "status", None) == 200 for a in answers), answers
    assert len({a.body["MaHoSoTiepNhan"] for a in answers}) == 1
    assert all(a.body == answers[0].body for a in answers)
    assert Dossier.objects.count() == 1 and ProcessLogEntry.objects.count() == 1
    assert InboundDossier.objects.get().repeats == n - 1


def test_an_oversized_body_is_refused_before_it_is_read(http_portal, good, settings):
    settings.CCHC_DVCQG_MAX_BODY_BYTES = 1024
    data = good(TrichYeuHoSo="x" * 5000)
    answer = http_portal.push(data)
    assert answer.status == 413 and answer.body["error_code"] == "body_too_large"
    assert Dossier.objects.count() == 0 and InboundDossier.objects.count() == 0


def test_the_portal_push_command_sends_a_signed_sample_twice_and_gets_one_dossier(live_server, cat):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("portal_push", url=live_server.url, procedure=cat.published.procedure.code,
                 unit=cat.centre.code, code="DVCQG-CMD-1", repeat=2, stdout=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 2 and all(line.startswith("200 ") for line in lines)
    assert lines[0] == lines[1] and '"MaHoSo": "DVCQG-CMD-1"' in lines[0]
    d = Dossier.objects.get(other_code="DVCQG-CMD-1")
    assert d.state == State.SUBMITTED and len(d.components) == 2


def test_a_duplicate_arriving_while_the_first_is_being_written_waits_and_answers_as_a_repeat(good, monkeypatch):
    """The second push finds nothing yet, then waits on the key (PostgreSQL) or the write lock (SQLite)."""
    import json
    import time

    from django.utils import timezone

    from cchc.portal import services

    body = json.dumps(good()).encode()
    inside, release = threading.Event(), threading.Event()
    real = services.dossier_submit

    def slow(**kwargs):
        dossier = real(**kwargs)
        if threading.current_thread().name == "first":
            inside.set()
            release.wait(20)
        return dossier

    monkeypatch.setattr(services, "dossier_submit", slow)
    results: dict = {}

    def run(name):
        try:
            results[name] = services.inbound_dossier_receive(actor=services.PORTAL_ACTOR, body=body,
                                                             signed_at=timezone.now())
        except BaseException as exc:  # noqa: BLE001 - inspected below
            results[name] = exc
        finally:
            connection.close()

    first = threading.Thread(target=run, args=("first",), name="first")
    first.start()
    assert inside.wait(20)
    second = threading.Thread(target=run, args=("second",), name="second")
    second.start()
    time.sleep(1)
    assert second.is_alive()  # blocked behind the first transaction, not answered from a stale read
    release.set()
    first.join(30)
    second.join(30)
    assert results["first"].repeat is False and results["second"].repeat is True, results
    assert results["first"].ack == results["second"].ack
    assert Dossier.objects.count() == 1 and InboundDossier.objects.get().repeats == 1
