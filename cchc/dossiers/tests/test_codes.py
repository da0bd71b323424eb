"""Dossier codes: format, a sequence per receiving unit and day, unique under concurrency."""

from __future__ import annotations

import threading
from datetime import date, datetime

import pytest
from django.db import connection, transaction

from cchc.dossiers import codes
from cchc.dossiers.models import DossierCounter
from cchc.workdays import TZ


class Unit:
    def __init__(self, code, identifier=""):
        self.code, self.identifier = code, identifier


def test_format_follows_the_production_pattern():
    assert codes.format_code("000.00.01.H56", date(2025, 7, 15), 1) == "000.00.01.H56-250715-0001"
    assert codes.format_code("TN.SNV", date(2025, 7, 15), 12345) == "TN.SNV-250715-12345"


def test_prefix_prefers_the_electronic_identifier():
    assert codes.unit_prefix(Unit("TN.TTPVHCC", "000.00.01.H56")) == "000.00.01.H56"
    assert codes.unit_prefix(Unit("TN.X05443")) == "TN.X05443"
    assert codes.unit_prefix(Unit("TN/ODD CODE")) == "TN.ODD.CODE"


def test_local_day_is_vietnamese_time():
    # 18:00 UTC on the 14th is 01:00 on the 15th in Hà Nội.
    assert codes.local_day(datetime(2025, 7, 14, 18, 0, tzinfo=TZ).astimezone(TZ)) == date(2025, 7, 14)
    from datetime import UTC

    assert codes.local_day(datetime(2025, 7, 14, 18, 0, tzinfo=UTC)) == date(2025, 7, 15)


@pytest.mark.django_db
def test_sequence_per_unit_and_day():
    d1, d2 = date(2026, 3, 2), date(2026, 3, 3)
    assert [codes.next_number("A", d1) for _ in range(3)] == [1, 2, 3]
    assert codes.next_number("B", d1) == 1
    assert codes.next_number("A", d2) == 1
    assert DossierCounter.objects.get(prefix="A", day=d1).last == 3


@pytest.mark.django_db
def test_a_guarded_number_is_counted_only_while_the_guard_holds():
    from cchc.common import stamps
    from cchc.common.fastinsert import GuardFailed

    day = date(2026, 3, 2)
    now = stamps.read("catalogue")
    assert now is not None
    assert codes.next_number("A", day, stamps.guard("catalogue", now)) == 1  # the first of the day too
    assert codes.next_number("A", day, stamps.guard("catalogue", now)) == 2
    with pytest.raises(GuardFailed):
        codes.next_number("A", day, stamps.guard("catalogue", now + 1))
    with pytest.raises(GuardFailed):
        codes.next_number("B", day, stamps.guard("catalogue", now + 1))
    assert DossierCounter.objects.get(prefix="A", day=day).last == 2
    assert not DossierCounter.objects.filter(prefix="B").exists()


@pytest.mark.django_db
def test_a_rolled_back_intake_gives_its_number_back():
    day = date(2026, 3, 2)
    codes.next_number("A", day)
    with pytest.raises(RuntimeError), transaction.atomic():
        codes.next_number("A", day)
        raise RuntimeError
    assert codes.next_number("A", day) == 2


@pytest.mark.django_db(transaction=True)
def test_concurrent_intakes_get_distinct_consecutive_numbers():
    day = date(2026, 3, 2)
    got: list[int] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(6)

    def work():
        try:
            barrier.wait()
            for _ in range(5):
                with transaction.atomic():
                    got.append(codes.next_number("UNIT", day))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(got) == list(range(1, 31))


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_on_postgresql_a_code_is_reserved_before_the_intake_transaction():
    unit, at = Unit("TN.RESERVE"), datetime(2026, 3, 2, 9, 0, tzinfo=TZ)
    first = codes.reserve_code(unit, at)
    assert first == "TN.RESERVE-260302-0001"
    # Committed at once: another connection sees the counter moved, so it never waits for an intake.
    assert DossierCounter.objects.get(prefix="TN.RESERVE").last == 1
    assert codes.reserve_code(unit, at) == "TN.RESERVE-260302-0002"


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_inside_a_callers_transaction_the_number_comes_from_that_transaction():
    unit, at = Unit("TN.NESTED"), datetime(2026, 3, 2, 9, 0, tzinfo=TZ)
    with transaction.atomic():
        assert codes.reserve_code(unit, at) is None
        code = codes.new_code(unit, at)
        transaction.set_rollback(True)
    assert code.endswith("-0001")
    # Rolled back with the caller: the number is given back.
    assert codes.new_code(unit, at).endswith("-0001")


@pytest.mark.django_db
def test_on_sqlite_the_number_always_comes_from_the_intake_transaction():
    if connection.vendor == "postgresql":
        pytest.skip("PostgreSQL reserves outside the transaction")
    assert codes.reserve_code(Unit("TN.LITE"), datetime(2026, 3, 2, 9, 0, tzinfo=TZ)) is None
