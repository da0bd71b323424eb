"""Cache stamps: a per-worker cache of rarely changed rows, checked with one tiny query.

A stamp is a row of ``common_cachestamp`` whose value database triggers replace with a random
number on every INSERT, UPDATE, DELETE (and, on PostgreSQL, TRUNCATE) of the tables it watches.
A cache keyed by the stamp read *before* its rows therefore never serves rows older than the last
committed change, whatever made the change: a service, the admin, a bulk ``update()``, raw SQL or
a data migration. Random rather than counted, so a stamp recreated after the table is emptied
(a test flush) cannot come back to a value a worker has cached.

:func:`install_operation` installs the triggers in a migration; :func:`read` gives the value, or None
when the row does not exist yet (then nothing may be cached); :func:`guard` lets a write check,
in the same statement, that a stamp has not moved since its cache was filled.
"""

from __future__ import annotations

import hashlib

from cchc.common import hotsql

_READ = 'SELECT "value" FROM "common_cachestamp" WHERE "name" = %s'


def read(name: str) -> int | None:
    """The current value of stamp ``name`` (None: not set yet, do not cache)."""
    row = hotsql.fetchone(_READ, [name])
    return None if row is None else int(row[0])


def guard(name: str, value: int) -> tuple[str, list]:
    """An SQL condition (with its parameters) true while stamp ``name`` still has ``value``: given
    to a guarded INSERT (:func:`cchc.common.fastinsert.insert`), it checks a cache at no extra
    round trip."""
    return '(SELECT "value" FROM "common_cachestamp" WHERE "name" = %s) = %s', [name, value]


def _trigger_name(name: str, table: str, event: str = "") -> str:
    full = f"cchc_stamp_{name}_{table}{'_' + event.lower() if event else ''}"
    # PostgreSQL cuts identifiers at 63 bytes: shorten long ones without making two alike.
    return full if len(full) <= 63 else f"{full[:50]}_{hashlib.sha1(full.encode()).hexdigest()[:8]}"


def install_sql(vendor: str, name: str, tables: list[str]) -> tuple[list[str], list[str]]:
    """(forward, reverse) statements installing the triggers that renew stamp ``name`` when any of
    ``tables`` changes, and setting its first value."""
    forward, reverse = [], []
    if vendor == "postgresql":
        fn = f"cchc_stamp_{name}"
        forward.append(
            f"CREATE OR REPLACE FUNCTION {fn}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"INSERT INTO common_cachestamp (name, value) VALUES ('{name}', floor(random() * 9e15)::bigint) "
            "ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value; RETURN NULL; END $$")
        for table in tables:
            trig = _trigger_name(name, table)
            # Once per statement: a bulk update renews the stamp once.
            forward.append(f"CREATE TRIGGER {trig} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
                           f"FOR EACH STATEMENT EXECUTE FUNCTION {fn}()")
            reverse.append(f"DROP TRIGGER IF EXISTS {trig} ON {table}")
        reverse.append(f"DROP FUNCTION IF EXISTS {fn}()")
    else:
        upsert = (f"INSERT INTO common_cachestamp (name, value) VALUES ('{name}', random()) "
                  "ON CONFLICT (name) DO UPDATE SET value = excluded.value;")
        for table in tables:
            for event in ("INSERT", "UPDATE", "DELETE"):
                trig = _trigger_name(name, table, event)
                forward.append(f"CREATE TRIGGER {trig} AFTER {event} ON {table} BEGIN {upsert} END")
                reverse.append(f"DROP TRIGGER IF EXISTS {trig}")
    forward.append(f"INSERT INTO common_cachestamp (name, value) VALUES ('{name}', 1) ON CONFLICT (name) DO NOTHING")
    reverse.append(f"DELETE FROM common_cachestamp WHERE name = '{name}'")
    return forward, reverse


def install_operation(name: str, models: list[tuple[str, str]], m2m: list[tuple[str, str, str]] = ()):
    """The migration operation installing stamp ``name`` on the tables of ``models`` ((app, model)
    pairs) and of the many-to-many fields in ``m2m`` ((app, model, field)); reversible."""
    from django.db import migrations

    def tables(apps) -> list[str]:
        found = [apps.get_model(app, model)._meta.db_table for app, model in models]
        return found + [apps.get_model(app, model)._meta.get_field(field).remote_field.through._meta.db_table
                        for app, model, field in m2m]

    def run(apps, schema_editor, *, reverse: bool = False) -> None:
        forward, backward = install_sql(schema_editor.connection.vendor, name, tables(apps))
        for sql in backward if reverse else forward:
            schema_editor.execute(sql)

    return migrations.RunPython(run, lambda apps, schema_editor: run(apps, schema_editor, reverse=True))


__all__ = ["guard", "install_operation", "install_sql", "read"]
