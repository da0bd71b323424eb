"""Benchmark: throughput of the agencies API against bare Django views doing the same database work.

``GET /api/v1/agencies/{code}`` (a random one of N agencies, anonymous: the registry is public) is
compared with ``GET /bare/agencies/{code}/full`` (the same selectors and queries, no django-ninja), and ``POST /api/v1/agencies`` (a secretariat
officer's bearer token, a unique code per request) with ``POST /bare/agencies`` (see
bench/_bare_urls.py). Both run on one granian server (2 workers, 1 blocking thread each, as
``cchc serve``) under wrk with 16 connections on loopback, on SQLite and on PostgreSQL
(``BENCH_PG_URL``, set by bench/run.sh; skipped with a warning when unset). Each pair is measured
``--rounds`` times in alternating order (API first, then bare first, ...) and the best figure of each
is kept, which evens out drift of a shared 2-core machine. Reads are also compared with
``GET /bare/agencies/{code}``, a single SELECT, printed as ``api_read_vs_single_select_ratio_*``.

Prints ``api_read_ratio`` and ``api_write_ratio`` (API req/s divided by bare req/s; the worse of
the two databases; target >= 0.6), the req/s and p99 latency behind them, the SQL queries one
request costs (counted in-process with CaptureQueriesContext on Django's test client) and the peak
resident memory of a server worker.

Run: ``make bench B=api_agencies`` or ``bash bench/run.sh api_agencies``
     (``.venv/bin/python bench/api_agencies.py --seconds 3 --rounds 1`` for a quick look).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._harness import (  # noqa: E402
    Server,
    cache_dir,
    emit,
    log,
    lua_get_random,
    lua_post_unique,
    migrate,
    migrations_fingerprint,
    postgres_database,
    run_child,
    server_env,
    sqlite_database,
    wrk,
)

HERE = Path(__file__).resolve()
DATA_VERSION = 1  # bump when populate() changes, so cached databases are rebuilt
PASSWORD = "ThaiNguyen@2026"
WRITE_BODY = ('{"code": "B.{uid}", "name": "Sở thử nghiệm {uid}", "short_name": "STN", "type": "so", '
              '"valid_from": "2020-01-01"}')


# --- child modes: run inside a process whose DATABASE_URL is the benchmark database -------------


def _django() -> None:
    import django

    django.setup()


def populate(count: int) -> dict:
    """A province, its Department of Home Affairs, ``count`` departments with an alias each, and a
    secretariat officer with an API token."""
    _django()
    from datetime import date

    from cchc.accounts.services import token_create, user_create
    from cchc.common.text import fold
    from cchc.org.models import Agency, AgencyAlias
    from cchc.org.services import AgencyData, agency_create

    root = agency_create(actor=None, data=AgencyData(code="BENCH.UBND", name="Ủy ban nhân dân tỉnh Thử Nghiệm",
                                                      type="ubnd_tinh", valid_from=date(1997, 1, 1)))
    snv = agency_create(actor=None, data=AgencyData(code="BENCH.SNV", name="Sở Nội vụ", type="so", parent=root,
                                                     valid_from=date(2000, 1, 1)))
    agencies = [
        Agency(code=f"BENCH.{i:05d}", name=f"Sở thử nghiệm số {i}", short_name=f"STN{i}", type="so", parent=root,
               valid_from=date(2000, 1, 1), search_text=fold(f"Sở thử nghiệm số {i} | STN{i}"))
        for i in range(1, count + 1)
    ]
    Agency.objects.bulk_create(agencies, batch_size=500)
    created = Agency.objects.filter(code__startswith="BENCH.0")
    AgencyAlias.objects.bulk_create([AgencyAlias(agency=a, text=f"Sở TN {a.code[6:]}") for a in created],
                                    batch_size=500)
    user = user_create(actor=None, username="bench.thuongtruc", password=PASSWORD, full_name="Thường trực (bench)",
                       agency=snv, roles=["secretariat"])
    _token, raw = token_create(actor=user, name="bench")
    return {"token": raw}


def count_queries(token: str) -> dict:
    """SQL queries of one request of each kind, after a warm-up request (steady state)."""
    _django()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    auth = {"Authorization": f"Bearer {token}"}
    serial = iter(range(1_000_000))

    def body() -> str:
        return WRITE_BODY.replace("{uid}", f"q-{next(serial)}")

    calls = {
        "api_read": lambda: client.get("/api/v1/agencies/BENCH.00001"),
        "bare_read": lambda: client.get("/bare/agencies/BENCH.00001"),
        "bare_full_read": lambda: client.get("/bare/agencies/BENCH.00001/full"),
        "api_write": lambda: client.post("/api/v1/agencies", body(), content_type="application/json", headers=auth),
        "bare_write": lambda: client.post("/bare/agencies", body(), content_type="application/json"),
    }
    out: dict = {}
    for name, call in calls.items():
        call()
        with CaptureQueriesContext(connection) as ctx:
            response = call()
        if response.status_code not in (200, 201):
            raise RuntimeError(f"{name}: HTTP {response.status_code}: {response.content[:300]!r}")
        out[name] = len(ctx.captured_queries)
        out[name + "_sql"] = [q["sql"][:160] for q in ctx.captured_queries]
    return out


# --- the benchmark -----------------------------------------------------------------------------


def sqlite_template(count: int) -> tuple[Path, dict]:
    """A migrated, populated SQLite file kept in bench/.cache (keyed by schema and data version)."""
    key = f"api_agencies-{count}-v{DATA_VERSION}-{migrations_fingerprint()}"
    db, meta = cache_dir() / f"{key}.sqlite3", cache_dir() / f"{key}.json"
    if db.exists() and meta.exists():
        log(f"  cached database {db.name}")
        return db, json.loads(meta.read_text())
    for old in cache_dir().glob("api_agencies-*"):
        old.unlink()
    with tempfile.TemporaryDirectory(prefix="cchc-bench-var-") as var, sqlite_database() as url:
        env = server_env(url, settings="bench._bare_settings", var_dir=Path(var))
        migrate(env)
        info = run_child(HERE, ["--child", "populate", "--agencies", str(count)], env)
        path = Path(url.removeprefix("sqlite:///"))
        # Fold the WAL into the main file, so one copied file is the whole database.
        with sqlite3.connect(path) as con:
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        shutil.copyfile(path, db)
    meta.write_text(json.dumps(info))
    return db, info


def measure(label: str, url: str, info: dict, env: dict[str, str], args: argparse.Namespace) -> dict:
    """Query counts, then the four throughput figures on one server, then the worker's memory."""
    queries = run_child(HERE, ["--child", "count", "--token", info["token"]], env)
    for name in ("api_read", "api_write"):
        log(f"  {name}: {queries[name]} queries: " + " | ".join(queries[name + "_sql"]))
    auth = {"Authorization": f"Bearer {info['token']}"}
    scripts = {
        "api_read": lua_get_random("/api/v1/agencies/BENCH.{n}", args.agencies, 5),
        "bare_read": lua_get_random("/bare/agencies/BENCH.{n}", args.agencies, 5),
        "bare_full_read": lua_get_random("/bare/agencies/BENCH.{n}/full", args.agencies, 5),
        "api_write": lua_post_unique("/api/v1/agencies", WRITE_BODY, auth),
        "bare_write": lua_post_unique("/bare/agencies", WRITE_BODY),
    }
    best: dict[str, object] = {}
    with Server(env) as server:
        log(f"  granian on {server.url}, workers {server.worker_pids()}")
        for name, lua in scripts.items():  # warm-up: connections, imports, caches
            wrk(server.url, lua, seconds=1, prefix=f"w{name[0:1]}{name[-1]}", name=f"{name} (warm-up)")
        for rnd in range(args.rounds):
            for kind in ("read", "write"):
                order = ["api", "bare"] if rnd % 2 == 0 else ["bare", "api"]
                if kind == "read":
                    order.insert(1, "bare_full")
                for who in order:
                    name = f"{who}_{kind}"
                    result = wrk(server.url, scripts[name], seconds=args.seconds, prefix=f"r{rnd}{who[0]}",
                                 name=f"{name}_{label} #{rnd + 1}")
                    if name not in best or result.rps > best[name].rps:  # type: ignore[union-attr]
                        best[name] = result
        rss, peak = server.worker_rss_mib()
    return {"best": best, "queries": queries, "rss": rss, "peak": peak}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agencies", type=int, default=1000, help="agencies to read from (default 1000)")
    parser.add_argument("--seconds", type=float, default=float(os.environ.get("BENCH_SECONDS", 5)))
    parser.add_argument("--rounds", type=int, default=int(os.environ.get("BENCH_ROUNDS", 2)))
    parser.add_argument("--only", choices=["sqlite", "postgres"])
    parser.add_argument("--child", choices=["populate", "count"], help=argparse.SUPPRESS)
    parser.add_argument("--token", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child == "populate":
        print(json.dumps(populate(args.agencies)))
        return
    if args.child == "count":
        print(json.dumps(count_queries(args.token)))
        return

    results: dict[str, dict] = {}
    if args.only in (None, "sqlite"):
        log("api_agencies: SQLite")
        template, info = sqlite_template(args.agencies)
        with tempfile.TemporaryDirectory(prefix="cchc-bench-var-") as var, sqlite_database(template) as url:
            env = server_env(url, settings="bench._bare_settings", var_dir=Path(var))
            migrate(env)  # a no-op on an up-to-date copy; applies anything newer than the cache
            results["sqlite"] = measure("sqlite", url, info, env, args)
    if args.only in (None, "postgres"):
        base = os.environ.get("BENCH_PG_URL")
        if not base:
            log("api_agencies: BENCH_PG_URL is not set (bench/run.sh sets it); PostgreSQL skipped")
        else:
            log("api_agencies: PostgreSQL")
            with tempfile.TemporaryDirectory(prefix="cchc-bench-var-") as var, postgres_database(base) as url:
                env = server_env(url, settings="bench._bare_settings", var_dir=Path(var))
                migrate(env)
                info = run_child(HERE, ["--child", "populate", "--agencies", str(args.agencies)], env)
                results["postgres"] = measure("postgres", url, info, env, args)
    if not results:
        raise SystemExit("api_agencies: nothing measured")

    ratios: dict[str, list[float]] = {"read": [], "write": []}
    for db, res in results.items():
        best = res["best"]
        for kind in ("read", "write"):
            api, bare = best[f"api_{kind}"], best[f"bare_{kind}"]
            emit(f"api_{kind}_rps_{db}", api.rps, "rps")
            emit(f"bare_{kind}_rps_{db}", bare.rps, "rps")
            emit(f"api_{kind}_p99_{db}", api.p99_ms, "ms")
            emit(f"bare_{kind}_p99_{db}", bare.p99_ms, "ms")
            if kind == "read":
                # The baseline is a bare view doing the same database work: the detail's
                # selectors (agency, aliases, lineage) without django-ninja. The single-SELECT view
                # is printed too, to show what the extra queries of the detail cost.
                full = best["bare_full_read"]
                emit(f"bare_full_read_rps_{db}", full.rps, "rps")
                emit(f"api_read_vs_single_select_ratio_{db}", round(api.rps / bare.rps, 3), "ratio")
                ratio = api.rps / full.rps
            else:
                ratio = api.rps / bare.rps
            emit(f"api_{kind}_ratio_{db}", round(ratio, 3), "ratio")
            ratios[kind].append(ratio)
        emit(f"worker_rss_peak_{db}", round(res["peak"], 1), "MiB")
    # The headline figures: the worse database decides.
    emit("api_read_ratio", round(min(ratios["read"]), 3), "ratio")
    emit("api_write_ratio", round(min(ratios["write"]), 3), "ratio")
    for name in ("api_read", "api_write", "bare_read", "bare_full_read", "bare_write"):
        emit(f"{name}_queries", max(r["queries"][name] for r in results.values()), "queries")


if __name__ == "__main__":
    main()
