"""Two people publishing the same draft at the same instant, on two real connections: exactly one wins."""

import threading

import pytest
from django.db import connection

from cchc.common.errors import Conflict
from cchc.procedures import services
from cchc.procedures.models import ProcedureVersion

from .conftest import make_content

pytestmark = pytest.mark.django_db(transaction=True)


def race(fn, n=2):
    barrier = threading.Barrier(n)
    results: list = []

    def run():
        try:
            barrier.wait(timeout=10)
            results.append(fn())
        except Exception as exc:  # the loser's Conflict is a result too
            results.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results


def test_two_publishes_of_one_draft_cannot_both_win(registry, people):
    manager = people["secretariat"]
    v1 = services.version_publish(actor=manager, version=services.procedure_create(
        actor=manager, code="2.000488", content=make_content()))
    draft = services.version_create_draft(actor=manager, procedure=v1.procedure)

    results = race(lambda: services.version_publish(actor=manager, version=ProcedureVersion.objects.get(pk=draft.pk)))

    wins = [r for r in results if isinstance(r, ProcedureVersion)]
    losses = [r for r in results if isinstance(r, Conflict)]
    assert len(wins) == 1 and len(losses) == 1, results
    assert losses[0].message  # a clear Vietnamese message, not a database error
    states = dict(ProcedureVersion.objects.values_list("number", "status"))
    assert states == {1: "repealed", 2: "published"}


def test_two_drafts_opened_at_once_give_one_draft(registry, people):
    manager = people["secretariat"]
    v1 = services.version_publish(actor=manager, version=services.procedure_create(
        actor=manager, code="2.000488", content=make_content()))

    results = race(lambda: services.version_create_draft(actor=manager, procedure=v1.procedure))

    assert sum(isinstance(r, ProcedureVersion) for r in results) == 1
    assert sum(isinstance(r, Conflict) for r in results) == 1
    assert ProcedureVersion.objects.filter(status="draft").count() == 1
