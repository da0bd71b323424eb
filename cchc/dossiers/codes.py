"""Dossier codes (mã hồ sơ, spec §3.3): ``{identifier of the receiving unit}-{yyMMdd}-{NNNN}``.

The sequence is per receiving unit and local day, starting at 0001 and widening past 9999. It
comes from one counter row per (unit, day), incremented with ``UPDATE … RETURNING``: the row lock
serialises intakes of the same unit on the same day only, never the whole system.

On PostgreSQL, when the caller is not already inside a transaction, the number is reserved in a
short transaction of its own (:func:`reserve_code`), committed without waiting for the disk: held
until the intake's commit, the row lock would serialise every intake of a unit behind the previous
one's disk flush (about 10 ms here), so a busy counter took one dossier per flush. That commit is
made durable by the intake's own commit, which flushes the log up to and past it; if the server
dies in between, no dossier carries the number. An intake that fails afterwards leaves a gap,
which the format tolerates (spec §3.3: codes are unique, not dense; the synthetic generator and
rows deleted by hand leave gaps too). Elsewhere (SQLite, or inside a caller's transaction) the
increment runs in the intake's transaction and a rolled-back intake gives its number back.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from django.db import IntegrityError, connection, transaction

from cchc.workdays import TZ

# What may appear in a unit identifier inside a code: the identifiers of QCVN 102:2016 look like
# 000.00.01.H56; agency codes of this registry look like TN.SNV or TN.X05443.
_PREFIX_OK = re.compile(r"[^A-Za-z0-9.]+")


def unit_prefix(agency) -> str:
    """The receiving unit's identifier for codes: its electronic identifier, else its registry code."""
    raw = (getattr(agency, "identifier", "") or "").strip() or agency.code
    return _PREFIX_OK.sub(".", raw).strip(".")[:40] or "DV"


def format_code(prefix: str, day: date, number: int) -> str:
    return f"{prefix}-{day:%y%m%d}-{number:04d}"


def local_day(at: datetime) -> date:
    return at.astimezone(TZ).date()


def next_number(prefix: str, day: date) -> int:
    """Reserve the next number of ``prefix`` on ``day``. Call inside the intake's transaction."""
    from cchc.dossiers.models import DossierCounter

    q = connection.ops.quote_name
    sql = (f"UPDATE {q(DossierCounter._meta.db_table)} SET {q('last')} = {q('last')} + 1 "  # noqa: S608
           f"WHERE {q('prefix')} = %s AND {q('day')} = %s RETURNING {q('last')}")
    with connection.cursor() as cur:
        for _attempt in range(3):
            cur.execute(sql, [prefix, day])
            row = cur.fetchone()
            if row is not None:
                return int(row[0])
            # First dossier of the day at this unit: create the row. Two first dossiers at once both
            # try; the loser's insert violates the unique constraint and it goes back to the UPDATE.
            try:
                with transaction.atomic():
                    DossierCounter.objects.create(prefix=prefix, day=day, last=1)
                return 1
            except IntegrityError:
                continue
    raise RuntimeError("could not reserve a dossier number")  # pragma: no cover


def reserve_code(agency, at: datetime) -> str | None:
    """The next code, reserved in its own quickly committed transaction (PostgreSQL outside a
    transaction only); None where the number must come from the intake's transaction instead."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return None
    with transaction.atomic():
        with connection.cursor() as cur:
            # Only this transaction: its increment is durable once the intake's commit is.
            cur.execute("SET LOCAL synchronous_commit TO OFF")
        return new_code(agency, at)


def new_code(agency, at: datetime) -> str:
    prefix = unit_prefix(agency)
    day = local_day(at)
    return format_code(prefix, day, next_number(prefix, day))
