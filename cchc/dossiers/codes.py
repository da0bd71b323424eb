"""Dossier codes (mã hồ sơ, spec §3.3): ``{identifier of the receiving unit}-{yyMMdd}-{NNNN}``.

The sequence is per receiving unit and local day, starting at 0001 and widening past 9999. It
comes from one counter row per (unit, day), created or incremented by one upsert (``INSERT … ON
CONFLICT DO UPDATE … RETURNING``): the row lock serialises intakes of the same unit on the same day
only, never the whole system.

On PostgreSQL, when the caller is not already inside a transaction, the number is reserved in a
statement committed on its own (:func:`reserve_code`), without waiting for the disk: held
until the intake's commit, the row lock would serialise every intake of a unit behind the previous
one's disk flush (about 10 ms here), so a busy counter took one dossier per flush. That commit is
made durable by the intake's own commit, which flushes the log up to and past it; if the server
dies in between, no dossier carries the number. An intake that fails afterwards leaves a gap,
which the format tolerates (spec §3.3: codes are unique, not dense; the synthetic generator and
rows deleted by hand leave gaps too). Elsewhere (SQLite, or inside a caller's transaction) the
increment runs in the intake's transaction and a rolled-back intake gives its number back.
"""

from __future__ import annotations

import functools
import re
from datetime import date, datetime

from django.db import connection

from cchc.common import hotsql
from cchc.common.fastinsert import GuardFailed
from cchc.workdays import TZ

# What may appear in a unit identifier inside a code: the identifiers of QCVN 102:2016 look like
# 000.00.01.H56; agency codes of this registry look like TN.SNV or TN.X05443.
_PREFIX_OK = re.compile(r"[^A-Za-z0-9.]+")


def unit_prefix(agency) -> str:
    """The receiving unit's identifier for codes: its electronic identifier, else its registry code."""
    raw = (getattr(agency, "identifier", "") or "").strip() or agency.code
    return _PREFIX_OK.sub(".", raw).strip(".")[:40] or "DV"


def format_code(prefix: str, day: date, number: int) -> str:
    # yymmdd by arithmetic: strftime costs a microsecond per intake.
    return f"{prefix}-{day.year % 100:02d}{day.month:02d}{day.day:02d}-{number:04d}"


def local_day(at: datetime) -> date:
    return at.astimezone(TZ).date()


@functools.cache
def _counter_sql(vendor: str, quick_commit: bool, guard: str = "") -> str:
    from cchc.dossiers.models import DossierCounter

    q = connection.ops.quote_name
    table = q(DossierCounter._meta.db_table)
    # One statement whether or not the (unit, day) row exists yet: two first dossiers of a day
    # cannot both insert it, and no retry loop is needed. With a guard (an SQL condition), nothing
    # is counted and no row comes back when it is false.
    values = f"SELECT %s, %s, 1 WHERE {guard}" if guard else "VALUES (%s, %s, 1)"
    sql = (f"INSERT INTO {table} ({q('prefix')}, {q('day')}, {q('last')}) {values} "  # noqa: S608
           f"ON CONFLICT ({q('prefix')}, {q('day')}) DO UPDATE SET {q('last')} = {table}.{q('last')} + 1 "
           f"RETURNING {q('last')}")
    if quick_commit:
        # set_config(…, true) lasts until the end of the statement's own (implicit) transaction, so
        # only this increment is committed without waiting for the disk. A SELECT in a WITH clause
        # runs only when referenced, hence the reference in RETURNING.
        sql = ("WITH quick AS (SELECT set_config('synchronous_commit', 'off', true) AS v) " + sql
               + ", (SELECT v FROM quick)")
    return sql


def next_number(prefix: str, day: date, guard: tuple[str, list] | None = None) -> int:
    """Reserve the next number of ``prefix`` on ``day``. Call inside the intake's transaction.

    ``guard``: (SQL condition, its parameters), checked by the same statement; when false nothing
    is reserved and :class:`cchc.common.fastinsert.GuardFailed` is raised.
    """
    sql = _counter_sql(connection.vendor, False, guard[0] if guard else "")
    row = hotsql.fetchone(sql, [prefix, day, *guard[1]] if guard else [prefix, day])
    if row is None:
        raise GuardFailed
    return int(row[0])


def reserve_code(agency, at: datetime) -> str | None:
    """The next code, reserved in its own quickly committed transaction (PostgreSQL outside a
    transaction only); None where the number must come from the intake's transaction instead."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return None
    prefix, day = unit_prefix(agency), local_day(at)
    # Outside a transaction block the statement commits by itself: one round trip.
    number = hotsql.fetchone(_counter_sql(connection.vendor, True), [prefix, day])[0]
    return format_code(prefix, day, int(number))


def new_code(agency, at: datetime, guard: tuple[str, list] | None = None) -> str:
    """The next code of ``agency``'s unit for the day of ``at`` (inside the intake's transaction);
    ``guard`` as for :func:`next_number`."""
    prefix = unit_prefix(agency)
    day = local_day(at)
    return format_code(prefix, day, next_number(prefix, day, guard))
