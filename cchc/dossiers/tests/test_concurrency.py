"""Two officers acting on one dossier at the same instant, on two real connections: exactly one wins.

Runs on the database of the run (SQLite by default; PostgreSQL when DATABASE_URL points at it); the
test marked ``postgres_only`` holds the winner's transaction open so that the loser really waits
on PostgreSQL's row lock before it is told about the conflict.
"""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection

from cchc.common.errors import Conflict
from cchc.dossiers import selectors, services
from cchc.dossiers.models import Dossier, ProcessLogEntry
from cchc.dossiers.services import _core
from cchc.dossiers.testing import intake_data, make_catalogue, make_staff

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def setup(registry):
    cat = make_catalogue(registry["stp"], province=registry["tn"])
    staff = make_staff(cat, registry["stp"], registry["snv"])
    dossier = services.dossier_receive(actor=staff["reception"], data=intake_data(cat))
    return staff, dossier


def race(calls):
    """Run each ``call(dossier)`` in its own thread (own connection) on a copy read before anyone acts."""
    results: list = [None] * len(calls)
    barrier = threading.Barrier(len(calls))

    def run(i, call):
        try:
            dossier = call.load()
            barrier.wait()
            results[i] = call(dossier)
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


class Call:
    def __init__(self, user, code, fn, **kwargs):
        self.user, self.code, self.fn, self.kwargs = user, code, fn, kwargs

    def load(self):
        return selectors.dossier_get(user=self.user, code=self.code)

    def __call__(self, dossier):
        return self.fn(actor=self.user, dossier=dossier, **self.kwargs)


def check_one_winner(results, dossier_code):
    wins = [r for r in results if isinstance(r, Dossier)]
    losses = [r for r in results if isinstance(r, Conflict)]
    assert len(wins) == 1 and len(losses) == len(results) - 1, results
    assert all(exc.code == "dossier_changed" and "vừa được người khác xử lý" in exc.message for exc in losses)
    d = Dossier.objects.get(code=dossier_code)
    assert ProcessLogEntry.objects.filter(dossier=d).count() == d.log_seq == 2
    return wins[0]


def test_two_officers_transfer_the_same_dossier(setup):
    staff, d = setup
    results = race([Call(staff["reception"], d.code, services.dossier_transfer),
                    Call(staff["reception2"], d.code, services.dossier_transfer)])
    check_one_winner(results, d.code)


def test_two_different_actions_at_once(setup):
    staff, d = setup
    results = race([Call(staff["reception"], d.code, services.dossier_transfer),
                    Call(staff["reception2"], d.code, services.dossier_withdraw, reason="Xin rút")])
    winner = check_one_winner(results, d.code)
    assert Dossier.objects.get(code=d.code).state == winner.state


def _held_open(monkeypatch, seconds):
    """Make the first transition to reach its event sleep inside its transaction (row lock held)."""
    real = _core.record_event
    first = threading.Lock()

    def slow(**kwargs):
        event = real(**kwargs)
        if first.acquire(blocking=False):
            time.sleep(seconds)
        return event

    monkeypatch.setattr(_core, "record_event", slow)


def test_the_loser_waits_for_the_winner_then_conflicts(setup, monkeypatch):
    staff, d = setup
    _held_open(monkeypatch, 0.5)
    started = time.monotonic()
    results = race([Call(staff["reception"], d.code, services.dossier_transfer),
                    Call(staff["reception2"], d.code, services.dossier_transfer)])
    check_one_winner(results, d.code)
    assert time.monotonic() - started >= 0.5


@pytest.mark.postgres_only
def test_postgresql_row_lock_decides(setup, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("runs when DATABASE_URL is PostgreSQL")
    staff, d = setup
    _held_open(monkeypatch, 0.5)
    results = race([Call(staff["reception"], d.code, services.dossier_transfer),
                    Call(staff["reception2"], d.code, services.dossier_transfer),
                    Call(staff["reception"], d.code, services.dossier_withdraw, reason="Xin rút")])
    check_one_winner(results, d.code)
