"""Bulk writing of synthetic dossiers: ``executemany`` on SQLite, ``COPY`` on PostgreSQL.

Rows are put into the database's own format by the generator's workers (text COPY lines for
PostgreSQL, adapted tuples for SQLite), so the writing process only inserts. Dossier ids are
reserved before a chunk is simulated: from the identity sequence on PostgreSQL, by raising
SQLite's AUTOINCREMENT counter once for the whole run.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from django.db import connection, transaction

from cchc.dossiers.models import Dossier, DossierCounter, ProcessLogEntry
from cchc.dossiers.synthetic_columns import DOSSIER_COLUMNS, DT_COLUMNS, LOG_COLUMNS

_D_DT = [i for i, c in enumerate(DOSSIER_COLUMNS) if c in DT_COLUMNS]
_D_DATE = [DOSSIER_COLUMNS.index("result_date")]
_L_DT = [i for i, c in enumerate(LOG_COLUMNS) if c in DT_COLUMNS]


def _sqlite_dt(value: datetime | None) -> str | None:
    # Django's own storage format on SQLite: naive UTC text, so its queries compare correctly.
    # str() of an aware UTC datetime is that text plus "+00:00"; slicing is cheaper than replace().
    return None if value is None else str(value.astimezone(UTC))[:-6]


def sqlite_rows(rows: list, *, log: bool) -> list[list]:
    """Rows adapted for sqlite3: datetimes and dates as Django stores them, decimals as text."""
    dt_idx, date_idx = (_L_DT, ()) if log else (_D_DT, _D_DATE)
    out = []
    for row in rows:
        r = list(row)
        for i in dt_idx:
            r[i] = _sqlite_dt(r[i])
        for i in date_idx:
            v = r[i]
            r[i] = v.isoformat() if isinstance(v, date) else v
        out.append(r)
    return out


_ESCAPE = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _pg_text(v) -> str:
    if v is None:
        return "\\N"
    if v is True:
        return "t"
    if v is False:
        return "f"
    if isinstance(v, (datetime, date)):
        return v.isoformat()
    if isinstance(v, (int, Decimal)):
        return str(v)
    return str(v).translate(_ESCAPE)


def pg_copy_text(rows: list) -> bytes:
    """Rows as PostgreSQL's text COPY format."""
    return "".join("\t".join(map(_pg_text, row)) + "\n" for row in rows).encode()


class Writer:
    """Reserves dossier ids and inserts prepared chunks."""

    def __init__(self) -> None:
        self.pg = connection.vendor == "postgresql"
        self.dossier_table = Dossier._meta.db_table
        self.log_table = ProcessLogEntry._meta.db_table
        self._base = 0

    def reserve(self, total: int) -> None:
        """SQLite: move the AUTOINCREMENT counter past ``total`` new ids now, so a live intake during the
        run takes an id after them. (PostgreSQL draws ids per chunk from its sequence.)"""
        if self.pg:
            return
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute(f"SELECT COALESCE(MAX(id), 0) FROM {self.dossier_table}")  # noqa: S608
            high = cur.fetchone()[0]
            cur.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [self.dossier_table])
            row = cur.fetchone()
            self._base = max(high, row[0] if row else 0) + 1
            if row:
                cur.execute("UPDATE sqlite_sequence SET seq = %s WHERE name = %s", [self._base + total - 1,
                                                                                    self.dossier_table])
            else:
                cur.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [self.dossier_table,
                                                                                        self._base + total - 1])

    def ids(self, start: int, end: int) -> list[int]:
        """The ids of the receipts ``start``..``end`` of the run."""
        if not self.pg:
            return list(range(self._base + start, self._base + end))
        with connection.cursor() as cur:
            cur.execute(f"SELECT nextval(pg_get_serial_sequence('{self.dossier_table}', 'id')) "  # noqa: S608
                        "FROM generate_series(1, %s)", [end - start])
            return [r[0] for r in cur.fetchall()]

    def write(self, dossiers, logs) -> None:
        """Insert one prepared chunk (``pg_copy_text`` bytes or ``sqlite_rows`` lists) in a transaction."""
        with transaction.atomic():
            if self.pg:
                self._copy(self.dossier_table, DOSSIER_COLUMNS, dossiers)
                self._copy(self.log_table, LOG_COLUMNS, logs)
                return
            raw = connection.connection
            raw.executemany(self._insert_sql(self.dossier_table, DOSSIER_COLUMNS), dossiers)
            raw.executemany(self._insert_sql(self.log_table, LOG_COLUMNS), logs)

    @staticmethod
    def _insert_sql(table: str, columns: tuple[str, ...]) -> str:
        cols = ", ".join(f'"{c}"' for c in columns)
        return f"INSERT INTO {table} ({cols}) VALUES ({', '.join('?' * len(columns))})"  # noqa: S608

    def _copy(self, table: str, columns: tuple[str, ...], payload: bytes) -> None:
        cols = ", ".join(f'"{c}"' for c in columns)
        with connection.cursor() as cur, cur.cursor.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:  # noqa: S608
            copy.write(payload)


def load_counters() -> dict:
    return {(c.prefix, c.day): c.last for c in DossierCounter.objects.all()}


def save_counters(counters: dict, touched: set) -> None:
    """Raise the per-unit, per-day counters to the numbers used, so live intakes continue after them."""
    rows = [DossierCounter(prefix=p, day=d, last=counters[(p, d)]) for p, d in sorted(touched)]
    with transaction.atomic():
        DossierCounter.objects.bulk_create(rows, batch_size=2000, update_conflicts=True,
                                           unique_fields=["prefix", "day"], update_fields=["last"])
