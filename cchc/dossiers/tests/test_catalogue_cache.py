"""Intake keeps the catalogue rows per worker; a catalogue changed by any means is never missed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection

from cchc.common import fastinsert, stamps
from cchc.common.errors import ValidationFailed
from cchc.dossiers import catalogue, services
from cchc.dossiers.models import Dossier
from cchc.procedures.models import ProcedureCase, ProcedureVersion

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    catalogue.clear_caches()
    yield
    catalogue.clear_caches()


def test_an_intake_keeps_the_rows_under_the_stamp_it_read(cat, staff, make_intake):
    services.dossier_receive(actor=staff["reception"], data=make_intake())
    stamp, rows = catalogue.published_cases_kept(cat.published.procedure.code)
    assert stamp == stamps.read("catalogue")
    assert [r.case.pk for r in rows] == [cat.case.pk]


def test_a_repeal_made_in_raw_sql_behind_the_cache_refuses_the_next_intake(cat, staff, make_intake):
    services.dossier_receive(actor=staff["reception"], data=make_intake())
    before = Dossier.objects.count()
    with connection.cursor() as cur:  # no service, no signal: only the trigger can tell
        cur.execute("UPDATE procedures_procedureversion SET status = 'repealed' WHERE id = %s", [cat.published.pk])
    with pytest.raises(ValidationFailed) as err:
        services.dossier_receive(actor=staff["reception"], data=make_intake())
    assert err.value.code == "procedure_not_published"
    assert Dossier.objects.count() == before


def test_a_time_limit_changed_behind_the_cache_is_the_one_the_dossier_gets(cat, staff, make_intake):
    first = services.dossier_receive(actor=staff["reception"], data=make_intake())
    assert first.time_limit == Decimal(10)
    ProcedureCase.objects.filter(pk=cat.case.pk).update(time_limit=Decimal(3))  # a bulk update, no save()
    second = services.dossier_receive(actor=staff["reception"], data=make_intake())
    assert Dossier.objects.get(code=second.code).time_limit == Decimal(3)
    assert second.due_at < first.due_at + (second.received_at - first.received_at)


def test_an_agency_ended_behind_the_cache_is_no_longer_competent(cat, staff, make_intake, registry):
    from datetime import date

    services.dossier_receive(actor=staff["reception"], data=make_intake())
    registry["stp"].__class__.objects.filter(pk=registry["stp"].pk).update(valid_to=date(2020, 1, 1))
    with pytest.raises(ValidationFailed) as err:
        services.dossier_receive(actor=staff["reception"], data=make_intake())
    assert err.value.code == "agency_not_in_force"


def test_a_stale_guard_inserts_nothing(cat, staff, make_intake):
    services.dossier_receive(actor=staff["reception"], data=make_intake())
    stamp, _ = catalogue.published_cases_kept(cat.published.procedure.code)
    ProcedureVersion.objects.filter(pk=cat.published.pk).update(name="Tên mới")
    assert stamps.read("catalogue") != stamp
    before = Dossier.objects.count()
    dossier = Dossier.objects.order_by("-pk").first()
    copy = fastinsert.new(Dossier, **{f.attname: getattr(dossier, f.attname)
                                      for f in Dossier._meta.concrete_fields if not f.primary_key})
    copy.code = "GUARD-TEST-0001"
    with pytest.raises(fastinsert.GuardFailed):
        fastinsert.insert(copy, stamps.guard("catalogue", stamp))
    assert Dossier.objects.count() == before
