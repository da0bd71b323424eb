"""Database backup and restore: SQLite's online backup API, pg_dump/pg_restore for PostgreSQL."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path

from django.db import connections

from cchc.common.errors import DomainError


def _pg_env(settings_dict: dict) -> dict[str, str]:
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if settings_dict.get(key):
            env[var] = str(settings_dict[key])
    return env


def backup_database(target: Path, *, alias: str = "default") -> Path:
    """Write a consistent copy of the database to ``target`` while the site keeps running."""
    conn = connections[alias]
    target.parent.mkdir(parents=True, exist_ok=True)
    if conn.vendor == "sqlite":
        conn.ensure_connection()
        dest = sqlite3.connect(str(target))
        try:
            # The online backup copies page by page under SQLite's own locking: writers are not stopped.
            conn.connection.backup(dest)
        finally:
            dest.close()
        return target
    if conn.vendor == "postgresql":
        cmd = ["pg_dump", "--format=custom", "--no-owner", "--file", str(target), conn.settings_dict["NAME"]]
        result = subprocess.run(cmd, env=_pg_env(conn.settings_dict), capture_output=True, text=True)
        if result.returncode != 0:
            raise DomainError(f"pg_dump thất bại: {result.stderr.strip()}", code="backup_failed")
        return target
    raise DomainError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu {conn.vendor}.", code="backup_unsupported")


def restore_database(source: Path, *, alias: str = "default") -> None:
    """Replace the database's content with a backup made by ``backup_database``."""
    if not source.is_file():
        raise DomainError(f"Không tìm thấy tệp sao lưu {source}.", code="backup_missing")
    conn = connections[alias]
    if conn.vendor == "sqlite":
        with source.open("rb") as fh:
            if fh.read(16) != b"SQLite format 3\x00":
                raise DomainError("Tệp không phải bản sao lưu SQLite.", code="backup_invalid")
        conn.ensure_connection()
        src = sqlite3.connect(str(source))
        try:
            src.backup(conn.connection)
        finally:
            src.close()
        return
    if conn.vendor == "postgresql":
        conn.close()
        cmd = ["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
               "--dbname", conn.settings_dict["NAME"], str(source)]
        result = subprocess.run(cmd, env=_pg_env(conn.settings_dict), capture_output=True, text=True)
        if result.returncode != 0:
            raise DomainError(f"pg_restore thất bại: {result.stderr.strip()}", code="restore_failed")
        return
    raise DomainError(f"Chưa hỗ trợ khôi phục cơ sở dữ liệu {conn.vendor}.", code="restore_unsupported")
