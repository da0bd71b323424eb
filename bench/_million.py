"""Cached databases of 1,000,000 synthetic dossiers for the benchmarks that need a full province's year.

    from bench._million import million_sqlite, million_postgres

    with million_sqlite() as url:            # a private copy of the cached SQLite file
        env = server_env(url, var_dir=...)
        url.logins["chuyenvien.tuphap"]      # {"password", "token", "session", "agency", "roles"}
    with million_postgres(BENCH_PG_URL) as url:   # a fresh database restored from a cached pg_dump
        ...

Each database is migrated, holds the Thái Nguyên demo (registry, staff accounts of DEMO_USERS, the
procedure catalogue) and ``N`` dossiers made by ``cchc generate-dossiers --count N --seed 1`` (N from
``BENCH_MILLION``, default 1,000,000). Building one is slow (minutes at full scale), so the result is
kept in bench/.cache (git-ignored), keyed by N, DATA_VERSION and the migrations of the apps the data
lives in (DATA_APPS; newer migrations of other apps are applied to each hand-out):

- SQLite: the file itself (WAL folded in); every ``million_sqlite()`` hands out a copy
  (``copy=False`` hands out the cached file itself: only for runs that write nothing that matters);
- PostgreSQL: a ``pg_dump -Fc`` file, restored with ``pg_restore -j2`` into a new database (dropped on
  exit), then ANALYZEd (a restore carries no planner statistics).

The yielded value is a ``str`` (the DATABASE_URL) with two attributes: ``logins`` (username → password,
a fresh API token, a fresh session key, agency code, roles; created at hand-out, so nothing expires in
the cache) and ``count`` (the dossiers generated). ``python bench/_million.py [sqlite|postgres]`` builds
the caches ahead of time.

The dossiers are generated up to the day the cache was built: on later days more of them are overdue,
which is what a real backlog looks like anyway; delete bench/.cache/million-* to rebuild.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._harness import (  # noqa: E402
    BIN,
    ROOT,
    cache_dir,
    log,
    migrate,
    postgres_database,
    run_child,
    server_env,
    sqlite_database,
)

HERE = Path(__file__).resolve()
DATA_VERSION = 1  # bump when populate() or the generation arguments change, so caches are rebuilt
DEMO_PASSWORD = "ThaiNguyen@2026"

# Handy names of demo accounts (cchc/accounts/demo.py).
SPECIALIST = "chuyenvien.tuphap"  # Sở Tư pháp, specialist
DIVISION_HEAD = "truongphong.tuphap"  # Sở Tư pháp, division head
LEADER = "lanhdao.tuphap"  # Sở Tư pháp, agency leader + signer
RECEPTION = "tiepnhan"  # provincial one-stop centre, reception officer
RETURN = "trakq"  # provincial one-stop centre, return officer
ADMIN = "admin"


class MillionDB(str):
    """A DATABASE_URL that also carries the demo logins of its database and the dossier count."""

    logins: dict[str, dict]
    count: int

    def __new__(cls, url: str, *, logins: dict[str, dict], count: int) -> MillionDB:
        obj = super().__new__(cls, url)
        obj.logins, obj.count = logins, count
        return obj

    def token(self, username: str = SPECIALIST) -> str:
        return self.logins[username]["token"]

    def session(self, username: str = SPECIALIST) -> str:
        return self.logins[username]["session"]


def million_count() -> int:
    return int(os.environ.get("BENCH_MILLION", "1000000").replace("_", ""))


# The apps whose tables the generated data lives in: a change to their migrations rebuilds the cache.
# Migrations of other apps only add their own tables; they are applied to each hand-out (``migrate``).
DATA_APPS = ("accounts", "common", "dossiers", "org", "procedures", "workdays")


def data_fingerprint() -> str:
    """A hash of the migrations of DATA_APPS (cf. bench/_harness.migrations_fingerprint, over every app)."""
    digest = hashlib.sha256()
    for app in DATA_APPS:
        for path in sorted((ROOT / "cchc" / app / "migrations").glob("*.py")):
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _key(count: int) -> str:
    return f"million-{count}-v{DATA_VERSION}-{data_fingerprint()}"


# --- building ----------------------------------------------------------------------------------


def _fill(env: dict[str, str], count: int) -> None:
    """Migrate, load the demo (without its 300 dossiers), then generate ``count`` dossiers."""
    migrate(env)
    run_child(HERE, ["--child", "demo"], env)
    started = time.monotonic()
    log(f"  generating {count:,} dossiers (cchc generate-dossiers --seed 1)")
    proc = subprocess.run([str(BIN / "cchc"), "generate-dossiers", "--count", str(count), "--seed", "1", "--quiet",
                           "--skip-checks"], env=env, cwd=ROOT, check=True, stdout=subprocess.PIPE, text=True)
    log(f"  {proc.stdout.strip()} [{time.monotonic() - started:.0f} s in all]")


def _sqlite_template(count: int) -> Path:
    db = cache_dir() / f"{_key(count)}.sqlite3"
    if db.exists():
        log(f"  cached database {db.name}")
        return db
    for old in cache_dir().glob(f"million-{count}-*.sqlite3"):
        old.unlink()
    with tempfile.TemporaryDirectory(prefix="cchc-bench-var-") as var, sqlite_database() as url:
        env = server_env(url, var_dir=Path(var))
        _fill(env, count)
        path = Path(url.removeprefix("sqlite:///"))
        with sqlite3.connect(path) as con:  # fold the WAL in (one file is the whole database), fresh stats
            con.execute("PRAGMA analysis_limit=1000")
            con.execute("ANALYZE")
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        tmp = db.with_suffix(".partial")
        shutil.copyfile(path, tmp)
        tmp.rename(db)  # never leave a half-copied file under the final name
    return db


def _pg_tool(name: str) -> str:
    # The newest client tools installed: pg_dump must not be older than the server.
    found = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), key=lambda p: int(p.parts[-3]))
    return str(found[-1]) if found else name


def _pg_dump_file(base_url: str, count: int) -> Path:
    dump = cache_dir() / f"{_key(count)}.pgdump"
    if dump.exists():
        log(f"  cached dump {dump.name}")
        return dump
    for old in cache_dir().glob(f"million-{count}-*.pgdump"):
        old.unlink()
    with tempfile.TemporaryDirectory(prefix="cchc-bench-var-") as var, postgres_database(base_url) as url:
        env = server_env(url, var_dir=Path(var))
        _fill(env, count)
        tmp = dump.with_suffix(".partial")
        subprocess.run([_pg_tool("pg_dump"), "-Fc", "-Z", "1", "-f", str(tmp), "--no-owner", url], check=True)
        tmp.rename(dump)
    return dump


def _hand_out(url: str, count: int) -> MillionDB:
    with tempfile.TemporaryDirectory(prefix="cchc-bench-var-") as var:
        env = server_env(url, var_dir=Path(var))
        migrate(env)  # the migrations of apps added since the cache was built (their tables only)
        logins = run_child(HERE, ["--child", "logins"], env)
    return MillionDB(url, logins=logins, count=count)


@contextlib.contextmanager
def million_sqlite(*, copy: bool = True) -> Iterator[MillionDB]:
    """A migrated SQLite database of ``BENCH_MILLION`` dossiers (a copy of the cached file)."""
    count = million_count()
    template = _sqlite_template(count)
    if not copy:
        yield _hand_out(f"sqlite:///{template}", count)
        return
    started = time.monotonic()
    with sqlite_database(template) as url:
        log(f"  copied the SQLite database in {time.monotonic() - started:.1f} s")
        yield _hand_out(url, count)


@contextlib.contextmanager
def million_postgres(base_url: str) -> Iterator[MillionDB]:
    """A new PostgreSQL database of ``BENCH_MILLION`` dossiers restored from the cached dump (dropped after)."""
    count = million_count()
    dump = _pg_dump_file(base_url, count)
    with postgres_database(base_url) as url:
        started = time.monotonic()
        subprocess.run([_pg_tool("pg_restore"), "-j", "2", "--no-owner", "-d", url, str(dump)], check=True)
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("ANALYZE")
        log(f"  restored {dump.name} in {time.monotonic() - started:.1f} s")
        yield _hand_out(url, count)


# --- child modes (run with DATABASE_URL set to the database being built) -----------------------


def child_demo() -> dict:
    """The demo registry, staff accounts and procedure catalogue (no dossiers: the generator makes them)."""
    import django

    django.setup()
    from cchc.accounts.demo import load_demo_users
    from cchc.org.registry_demo import load_registry_demo
    from cchc.procedures.demo import load_procedures_demo

    counts = load_registry_demo()
    users = load_demo_users()
    procedures = load_procedures_demo()
    return {"agencies": counts["agencies"], "users": len(users), "procedures": procedures}


def child_logins() -> dict:
    """A fresh API token and session for every demo staff account; their passwords, agencies, roles."""
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import login
    from django.contrib.sessions.backends.db import SessionStore
    from django.test import RequestFactory

    from cchc.accounts.models import User
    from cchc.accounts.services import token_create

    out = {}
    for user in User.objects.select_related("agency").filter(kind=User.Kind.STAFF, demo=True).order_by("username"):
        _, raw = token_create(actor=user, name=f"bench {int(time.time())}")
        request = RequestFactory().get("/")
        request.session = SessionStore()
        login(request, user, backend=settings.AUTHENTICATION_BACKENDS[-1])
        request.session.save()
        out[user.username] = {"password": DEMO_PASSWORD, "token": raw, "session": request.session.session_key,
                              "agency": user.agency.code if user.agency_id else None,
                              "roles": sorted(user.role_set)}
    return out


def main() -> None:
    if len(sys.argv) >= 3 and sys.argv[1] == "--child":
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")
        out = {"demo": child_demo, "logins": child_logins}[sys.argv[2]]()
        print(json.dumps(out, ensure_ascii=False))
        return
    which = sys.argv[1:] or ["sqlite", "postgres"]
    if "sqlite" in which:
        with million_sqlite(copy=False) as url:
            log(f"SQLite: {url.count:,} dossiers; logins {sorted(url.logins)}")
    if "postgres" in which:
        pg = os.environ.get("BENCH_PG_URL")
        if not pg:
            log("BENCH_PG_URL is not set; PostgreSQL skipped")
            return
        with million_postgres(pg) as url:
            log(f"PostgreSQL {urlparse(url).path}: {url.count:,} dossiers; logins {sorted(url.logins)}")


if __name__ == "__main__":
    main()
