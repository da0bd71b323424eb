"""The per-client rate limit: a clear Vietnamese 429, counted in the database (shared by workers)."""

from __future__ import annotations

import pytest

from cchc.public.models import LookupThrottle


def test_the_page_answers_429_in_vietnamese_beyond_the_rate(client, received, settings):
    settings.CCHC_PUBLIC_LOOKUP_RATE = 3
    for _ in range(3):
        assert client.get("/public/lookup/", {"code": received.code}).status_code == 200
    resp = client.get("/public/lookup/", {"code": received.code})
    assert resp.status_code == 429
    assert "tra cứu quá nhiều lần" in resp.content.decode()
    assert 1 <= int(resp["Retry-After"]) <= 60


def test_the_api_answers_429_and_another_address_is_not_limited(client, received, settings):
    settings.CCHC_PUBLIC_LOOKUP_RATE = 2
    for _ in range(2):
        assert client.get("/api/v1/public/lookup", {"code": received.code}).status_code == 200
    resp = client.get("/api/v1/public/lookup", {"code": received.code})
    assert resp.status_code == 429
    assert resp.json()["error"]["code"] == "rate_limited"
    assert "Vui lòng thử lại sau" in resp.json()["error"]["message"]
    other = client.get("/api/v1/public/lookup", {"code": received.code}, REMOTE_ADDR="10.0.0.7")
    assert other.status_code == 200


def test_wrong_codes_count_too_so_guessing_is_limited(client, received, settings):
    settings.CCHC_PUBLIC_LOOKUP_RATE = 2
    for i in range(2):
        assert client.get("/api/v1/public/lookup", {"code": f"NO-SUCH-{i}"}).status_code == 404
    assert client.get("/api/v1/public/lookup", {"code": received.code}).status_code == 429


def test_the_counter_lives_in_the_database_and_never_stores_the_address(client, received, settings):
    settings.CCHC_PUBLIC_LOOKUP_RATE = 10
    client.get("/api/v1/public/lookup", {"code": received.code}, REMOTE_ADDR="203.0.113.9")
    client.get("/api/v1/public/lookup", {"code": received.code}, REMOTE_ADDR="203.0.113.9")
    rows = list(LookupThrottle.objects.all())
    assert len(rows) == 1 and rows[0].hits == 2
    assert "203.0.113.9" not in rows[0].key


def test_a_proxy_header_is_read_only_when_configured(client, received, settings):
    settings.CCHC_PUBLIC_LOOKUP_RATE = 1
    settings.CCHC_PUBLIC_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    a = client.get("/api/v1/public/lookup", {"code": received.code}, HTTP_X_FORWARDED_FOR="1.1.1.1, 198.51.100.1")
    b = client.get("/api/v1/public/lookup", {"code": received.code}, HTTP_X_FORWARDED_FOR="198.51.100.2")
    c = client.get("/api/v1/public/lookup", {"code": received.code}, HTTP_X_FORWARDED_FOR="9.9.9.9, 198.51.100.2")
    assert (a.status_code, b.status_code, c.status_code) == (200, 200, 429)


def test_old_windows_are_cleaned_up(rf, db, settings, monkeypatch):
    from cchc.public import throttle

    monkeypatch.setattr(throttle, "CLEANUP_CHANCE", 1.0)
    request = rf.get("/")
    throttle.throttle_hit(request, now=60 * 1000)
    throttle.throttle_hit(request, now=60 * 1005)
    assert list(LookupThrottle.objects.values_list("window", flat=True)) == [1005]


@pytest.mark.postgres_only
def test_on_postgresql_the_counter_table_is_unlogged(db):
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SELECT relpersistence FROM pg_class WHERE relname = %s", ["public_lookupthrottle"])
        assert cur.fetchone()[0] == "u"  # no WAL, so counting a lookup never waits for a disk flush
