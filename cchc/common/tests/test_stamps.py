"""Cache stamps: renewed by database triggers on every kind of write to the watched tables."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection, transaction

from cchc.common import stamps
from cchc.org.models import Agency

pytestmark = pytest.mark.django_db


def _agency(code: str) -> Agency:
    return Agency.objects.create(code=code, name=f"Cơ quan {code}", type="so", valid_from=date(2020, 1, 1))


def test_it_exists_after_migrate():
    assert stamps.read("catalogue") is not None


def test_an_insert_an_update_and_a_delete_each_renew_it():
    seen = [stamps.read("catalogue")]
    agency = _agency("TN.STAMP")
    seen.append(stamps.read("catalogue"))
    Agency.objects.filter(pk=agency.pk).update(name="Tên khác")
    seen.append(stamps.read("catalogue"))
    with connection.cursor() as cur:
        cur.execute("DELETE FROM org_agency WHERE id = %s", [agency.pk])
    seen.append(stamps.read("catalogue"))
    assert len(set(seen)) == 4


def test_a_rolled_back_change_leaves_it_as_it_was():
    before = stamps.read("catalogue")
    with transaction.atomic():
        _agency("TN.ROLLBACK")
        assert stamps.read("catalogue") != before
        transaction.set_rollback(True)
    assert stamps.read("catalogue") == before


def test_an_unwatched_table_does_not_touch_it():
    from django.utils import timezone

    from cchc.common.models import Event

    before = stamps.read("catalogue")
    Event.objects.create(at=timezone.now(), actor_name="x", verb="x.y", subject_type="x", subject_id="1")
    assert stamps.read("catalogue") == before


def test_the_guard_holds_only_for_the_current_value():
    sql, params = stamps.guard("catalogue", stamps.read("catalogue"))
    with connection.cursor() as cur:
        cur.execute(f"SELECT 1 WHERE {sql}", params)
        assert cur.fetchone() == (1,)
        cur.execute(f"SELECT 1 WHERE {sql}", [params[0], params[1] + 1])
        assert cur.fetchone() is None


def test_long_trigger_names_stay_distinct_and_within_postgresql_limits():
    forward, _ = stamps.install_sql("postgresql", "catalogue", ["procedures_procedureversion_competent_agencies_x",
                                                                "procedures_procedureversion_competent_agencies_y"])
    names = [sql.split()[2] for sql in forward if sql.startswith("CREATE TRIGGER")]
    assert len(set(names)) == 2 and all(len(n) <= 63 for n in names)
