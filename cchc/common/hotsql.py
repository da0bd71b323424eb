"""Statements of the hot paths (dossier intake, API token lookup), run with the least driver overhead.

- PostgreSQL: Django's psycopg cursor binds parameters on the client, so the server parses and
  plans every statement on every call. The three-row intake insert spent about 0.8 ms of its 1 ms
  there. Here such a statement is prepared once per connection (psycopg's ``prepare=True``,
  server-side binding) and then only executed.
- SQLite: the driver's own cursor, with the ``%s`` → ``?`` rewrite done once per statement instead
  of on every call by Django's wrapper.

Nothing else changes: the statement runs on Django's connection, in whatever transaction is open;
driver errors come out as Django's (``IntegrityError``…); and when queries are being logged or
wrapped (``CaptureQueriesContext``, ``assertNumQueries``, ``connection.execute_wrapper``) the
ordinary Django cursor runs it instead, so every statement is still seen and counted.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections


@functools.lru_cache(maxsize=256)
def _qmark(sql: str) -> str:
    # The statements given here hold no literal '%' (Django's wrapper makes the same assumption).
    return sql.replace("%s", "?")


@functools.lru_cache(maxsize=256)
def _dollar(sql: str) -> str:
    # PostgreSQL's own $1, $2… placeholders: psycopg's raw cursor sends them without parsing the
    # statement (it re-parses statements over 4 KB or 50 parameters, such as the intake insert, on
    # every call).
    parts = sql.split("%s")
    return "".join(f"{part}${i}" for i, part in enumerate(parts[:-1], start=1)) + parts[-1]


def _db():
    # The connection itself, looked up once: every attribute read through ``django.db.connection``
    # (a proxy) is a thread-local lookup, and a statement here reads half a dozen.
    return connections[DEFAULT_DB_ALIAS]


def fetchone(sql: str, params: Sequence[Any]) -> tuple | None:
    """Run ``sql`` (``%s`` placeholders) and return its first row, or None."""
    return _execute(sql, params).fetchone()


def fetchall(sql: str, params: Sequence[Any]) -> list[tuple]:
    """Run ``sql`` and return all its rows."""
    return _execute(sql, params).fetchall()


def _execute(sql: str, params: Sequence[Any]):
    """A cursor that has run ``sql``: the driver's, or Django's while queries are captured or wrapped."""
    db = _db()
    if db.queries_logged or db.execute_wrappers or db.vendor not in {"postgresql", "sqlite"}:
        cur = db.cursor()
        cur.execute(sql, params)
        return cur
    if db.connection is None or (db.health_check_enabled and not db.health_check_done):
        db.close_if_health_check_failed()  # as Django's cursor does (CONN_HEALTH_CHECKS)
        db.ensure_connection()
    if db.needs_rollback:
        db.validate_no_broken_transaction()
    with db.wrap_database_errors:
        if db.vendor == "postgresql":
            return _pg_cursor(db).execute(_dollar(sql), params, prepare=True)
        return db.connection.execute(_qmark(sql), params)


def _pg_cursor(db):
    import psycopg

    # A server-side-binding cursor on Django's connection (Django's own cursors bind on the client,
    # which cannot prepare). It shares the connection's adapters, so values go in and come out as
    # they do through the ORM.
    return psycopg.RawCursor(db.connection)
