"""Per-client rate limit of the public lookup and rating, shared by every server process.

Where the counter lives: in the database, because the server runs several worker processes (and
may run on several machines) and the project has no shared cache; a per-process counter would let
a client through N times the limit. One statement per request counts it, an upsert on a unique key
``"<minute>:<keyed hash of the address>"`` (SQLite ≥ 3.35 and PostgreSQL both have ``ON CONFLICT
… RETURNING``), so the write is one index probe and a small row, with no read-modify-write race.
The window is a fixed minute (a client may get up to twice the rate across a minute boundary,
which is fine for a flood guard). Rows of past minutes are deleted by a rare request.
"""

from __future__ import annotations

import hashlib
import hmac
import random
import time

from django.conf import settings
from django.db import connection
from django.http import HttpRequest

from cchc.common.errors import DomainError
from cchc.public import conf
from cchc.public.models import LookupThrottle

WINDOW_SECONDS = 60
CLEANUP_CHANCE = 0.02  # of the requests that open a new window for their client


class RateLimited(DomainError):
    """Too many lookups from one client address (HTTP 429)."""

    status = 429
    default_code = "rate_limited"

    def __init__(self, retry_after: int) -> None:
        super().__init__(
            f"Bạn đã tra cứu quá nhiều lần trong một phút (tối đa {conf.lookup_rate()} lần). "
            f"Vui lòng thử lại sau {retry_after} giây.",
            details={"retry_after": retry_after},
        )
        self.retry_after = retry_after


def client_address(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or the right-most entry of our own proxy's header."""
    header = conf.client_ip_header()
    if header:
        forwarded = request.META.get(header, "")
        parts = [p.strip() for p in forwarded.split(",") if p.strip()]
        if parts:
            return parts[-1]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _digest(address: str) -> str:
    # Keyed, so the table never holds a reversible address (personal data).
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()[:32]


def _sql() -> str:
    q = connection.ops.quote_name
    t = q(LookupThrottle._meta.db_table)
    return (f"INSERT INTO {t} ({q('key')}, {q('window')}, {q('hits')}) VALUES (%s, %s, 1) "
            f"ON CONFLICT ({q('key')}) DO UPDATE SET {q('hits')} = {t}.{q('hits')} + 1 RETURNING {q('hits')}")


def throttle_hit(request: HttpRequest, *, now: float | None = None) -> None:
    """Count one lookup of the request's client; raise :class:`RateLimited` beyond the rate."""
    now = time.time() if now is None else now
    window = int(now // WINDOW_SECONDS)
    key = f"{window}:{_digest(client_address(request))}"
    with connection.cursor() as cur:
        cur.execute(_sql(), [key, window])
        hits = cur.fetchone()[0]
    if hits == 1 and random.random() < CLEANUP_CHANCE:
        LookupThrottle.objects.filter(window__lt=window - 1).delete()
    if hits > conf.lookup_rate():
        raise RateLimited(max(1, WINDOW_SECONDS - int(now % WINDOW_SECONDS)))
