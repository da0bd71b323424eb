"""Hot statements: same rows and errors as Django's cursor, still counted when queries are captured."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from cchc.common import hotsql

pytestmark = pytest.mark.django_db


def test_it_returns_rows_as_the_orm_reads_them():
    from datetime import date

    from cchc.org.models import Agency

    Agency.objects.create(code="TN.HOT", name="Sở Nóng", type="so", valid_from=date(2020, 1, 2))
    row = hotsql.fetchone("SELECT code, valid_from FROM org_agency WHERE code = %s", ["TN.HOT"])
    assert row == ("TN.HOT", date(2020, 1, 2))
    assert hotsql.fetchall("SELECT code FROM org_agency WHERE code = %s", ["nobody"]) == []


def test_statements_are_counted_when_queries_are_captured():
    with CaptureQueriesContext(connection) as ctx:
        hotsql.fetchone("SELECT %s", [1])
        hotsql.fetchall("SELECT %s", [2])
    assert len(ctx.captured_queries) == 2


def test_driver_errors_come_out_as_djangos():
    from cchc.common.models import CacheStamp

    CacheStamp.objects.update_or_create(name="hot-test", defaults={"value": 1})
    with pytest.raises(IntegrityError), transaction.atomic():
        hotsql.fetchone('INSERT INTO common_cachestamp (name, value) VALUES (%s, %s) RETURNING id', ["hot-test", 2])
