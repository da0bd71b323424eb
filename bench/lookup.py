"""Benchmark: the public dossier lookup with 1,000,000 dossiers, offered at a fixed rate (open loop).

The databases come from bench/_million.py (``BENCH_MILLION`` dossiers, default 1,000,000; a cached
SQLite file and a cached pg_dump). For each of SQLite and PostgreSQL (``BENCH_PG_URL``; bench/run.sh
starts one) the real server (bench/_harness.py ``Server``: granian, 2 workers) is offered requests
on a fixed schedule, ``--rate`` per second (default 200) for ``--seconds`` after a warm-up, whatever
the answers do: a request is sent at its scheduled instant on a new connection (``Connection:
close``: each is a different citizen), and its latency counts from the scheduled instant, so a stall shows up in
the percentiles instead of slowing the load down (no coordinated omission).

The requests come from ``--clients`` loopback addresses (127.0.x.y; Linux routes all of 127/8 to
the loopback), so the per-client rate limit (``CCHC_PUBLIC_LOOKUP_RATE``, default 30 a minute) stays
on and its counter row is written by every request, as in production: at 200/s over 2,000
addresses each sends 6 a minute. A 429 fails the run (the figure would measure refusals).

The mix: half ``GET /public/lookup/?code=`` (the page the slip's QR opens), half
``GET /api/v1/public/lookup?code=``; 10 % of each carry the holder's phone (``key``), 10 % ask for
a code that does not exist (404, same cost as a wrong key). Codes are drawn at random over the
whole table.

Prints ``lookup_p99_ms`` (the worse of the two databases), ``lookup_p99_ms_sqlite`` /
``lookup_p99_ms_postgres``, ``lookup_p50_ms_*`` and ``lookup_queries`` (SQL statements of one lookup
request). Target p99 < 20 ms.
Run: ``bench/run.sh lookup`` (``LOOKUP_ONLY=sqlite|postgres``, ``LOOKUP_RATE``, ``LOOKUP_SECONDS`` narrow it);
small: ``BENCH_MILLION=2000 .venv/bin/python bench/lookup.py --seconds 5``. When the 1M cache of the current
migrations is missing but an older one of the same size exists, a copy of that is migrated and used.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import contextlib
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._harness import (  # noqa: E402
    Server,
    cache_dir,
    emit,
    log,
    migrate,
    postgres_database,
    run_child,
    server_env,
    sqlite_database,
)
from bench._million import DATA_VERSION, _key, _pg_tool, million_count, million_postgres, million_sqlite  # noqa: E402

HERE = Path(__file__).resolve()
SAMPLE = 20_000  # codes drawn from the database for the request mix


# --- child modes (DATABASE_URL is the benchmark database) ----------------------------------------


def child_codes(count: int, seed: int) -> dict:
    """``count`` random (code, phone) pairs of non-draft dossiers, drawn by id over the whole table."""
    import django

    django.setup()
    from django.db.models import Max, Min

    from cchc.dossiers.models import Dossier

    bounds = Dossier.objects.aggregate(lo=Min("id"), hi=Max("id"))
    rng = random.Random(seed)
    lo, hi = bounds["lo"] or 0, bounds["hi"] or 0
    ids = rng.sample(range(lo, hi + 1), min(count, hi - lo + 1)) if hi else []
    rows: list[list[str]] = []
    for start in range(0, len(ids), 5000):
        rows += [list(r) for r in Dossier.objects.filter(pk__in=ids[start:start + 5000]).exclude(state="draft")
                 .values_list("code", "applicant_phone")]
    return {"rows": rows, "total": Dossier.objects.count() if hi - lo < 5_000_000 else hi - lo + 1}


def child_queries(code: str, phone: str) -> dict:
    """SQL statements of one warm lookup (page and API, with the key), counted in-process."""
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(REMOTE_ADDR="192.0.2.1")
    counts = {}
    for name, path in (("page", "/public/lookup/"), ("api", "/api/v1/public/lookup")):
        for _ in range(2):
            with CaptureQueriesContext(connection) as ctx:
                resp = client.get(path, {"code": code, "key": phone} if phone else {"code": code})
            assert resp.status_code == 200, (resp.status_code, resp.content[:300])
        counts[name] = len(ctx.captured_queries)
        counts[f"{name}_sql"] = [q["sql"][:100] for q in ctx.captured_queries]
    return counts


# --- the open-loop client ------------------------------------------------------------------------


class Client:
    """HTTP/1.1 requests to the server, each on a new connection from its client's own source address.

    One connection per request, closed after the answer, as distinct citizens opening the slip's link
    do. (Keeping thousands of idle keep-alive connections open would instead measure granian's
    per-worker connection cap: beyond ``--backpressure`` it stops accepting until idle ones time out.)
    """

    def __init__(self, port: int) -> None:
        self.port = port
        self.opened = 0

    async def get(self, src: str, path: str) -> int:
        self.opened += 1
        reader, writer = await asyncio.open_connection("127.0.0.1", self.port, local_addr=(src, 0))
        try:
            writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: cchc-bench\r\n"
                         "Connection: close\r\n\r\n".encode())
            return await self._read(reader)
        finally:
            writer.close()

    @staticmethod
    async def _read(reader: asyncio.StreamReader) -> int:
        head = await reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
        if headers.get("transfer-encoding", "").lower() == "chunked":
            while True:
                size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
                await reader.readexactly(size + 2)
                if size == 0:
                    break
        else:
            await reader.readexactly(int(headers.get("content-length", "0")))
        return status


def make_paths(rows: list[list[str]], n: int, seed: int) -> list[str]:
    """``n`` request paths: half page, half API; 10 % with the holder's phone, 10 % an unknown code."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        code, phone = rng.choice(rows)
        r = rng.random()
        if r < 0.1:
            params = {"code": f"TN.KHONGCO-{rng.randrange(10**6):06d}-{rng.randrange(10**4):04d}"}
        elif r < 0.2 and phone:
            params = {"code": code, "key": phone}
        else:
            params = {"code": code}
        base = "/public/lookup/" if i % 2 == 0 else "/api/v1/public/lookup"
        out.append(f"{base}?{urlencode(params)}")
    return out


async def open_loop(port: int, paths: list[str], rate: float, sources: list[str]) -> tuple[list[float], dict]:
    """Send ``paths`` at ``rate`` per second on schedule; latencies (ms) from each scheduled instant."""
    client = Client(port)
    loop = asyncio.get_running_loop()
    latencies: list[float] = []
    by_kind: dict[str, list[float]] = collections.defaultdict(list)
    statuses: collections.Counter = collections.Counter()
    start = loop.time() + 0.2

    async def one(i: int, path: str) -> None:
        due = start + i / rate
        delay = due - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        try:
            status = await client.get(sources[i % len(sources)], path)
        except Exception as exc:  # noqa: BLE001 - counted and reported
            statuses[f"error {type(exc).__name__}"] += 1
            return
        latencies.append((loop.time() - due) * 1000)
        by_kind["api" if path.startswith("/api/") else "page"].append(latencies[-1])
        statuses[status] += 1

    await asyncio.gather(*(one(i, p) for i, p in enumerate(paths)))
    kinds = {k: f"p50 {percentile(v, 50):.1f} / p99 {percentile(v, 99):.1f} ms" for k, v in by_kind.items()}
    return latencies, dict(statuses) | {"connections": client.opened} | kinds


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = min(len(ordered) - 1, max(0, math.ceil(p / 100 * len(ordered)) - 1))  # nearest rank
    return ordered[k]


@contextlib.contextmanager
def million_db(kind: str, var: Path) -> Iterator[str]:
    """The 1M-dossier database of bench/_million.py; if its cache was built under another migrations
    fingerprint (other apps' migrations change while they are written), a copy of the newest cache of
    the same size brought up to date with ``migrate`` rather than an hour of rebuilding."""
    count = million_count()
    suffix = "sqlite3" if kind == "sqlite" else "pgdump"
    exact = cache_dir() / f"{_key(count)}.{suffix}"
    stale = sorted(cache_dir().glob(f"million-{count}-v{DATA_VERSION}-*.{suffix}"), key=lambda p: p.stat().st_mtime)
    if exact.exists() or not stale:
        with million_sqlite() if kind == "sqlite" else million_postgres(os.environ["BENCH_PG_URL"]) as url:
            yield url
        return
    log(f"  using {stale[-1].name} (built under other migrations) and migrating it")
    if kind == "sqlite":
        with sqlite_database(stale[-1]) as url:
            migrate(server_env(url, var_dir=var))
            yield url
        return
    with postgres_database(os.environ["BENCH_PG_URL"]) as url:
        subprocess.run([_pg_tool("pg_restore"), "-j", "2", "--no-owner", "-d", url, str(stale[-1])], check=True)
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("ANALYZE")
        migrate(server_env(url, var_dir=var))
        yield url


def settle_postgres(url: str) -> None:
    """A freshly restored database has no hint bits or visibility map yet: the first read of every page
    then writes it back, and autovacuum works through the whole restore during the run. A production
    database is past that state; VACUUM the tables the lookup reads and CHECKPOINT before measuring."""
    import psycopg

    started = time.monotonic()
    with psycopg.connect(url, autocommit=True) as conn:
        for table in ("dossiers_dossier", "dossiers_pause", "dossiers_supplementrequest", "dossiers_reappointment",
                      "procedures_procedure", "procedures_procedureversion", "procedures_procedurecase",
                      "org_agency"):
            conn.execute(f'VACUUM (ANALYZE) "{table}"')
        conn.execute("CHECKPOINT")
    log(f"  vacuumed and checkpointed in {time.monotonic() - started:.1f} s")


def measure(label: str, url: str, args, var: Path) -> dict:
    if label == "postgres":
        settle_postgres(url)
    env = server_env(url, var_dir=var)
    # The production limit stays on: the load comes from many addresses (see the module docstring).
    env["CCHC_PUBLIC_LOOKUP_RATE"] = str(args.limit)
    sample = run_child(HERE, ["--child", "codes", str(SAMPLE), "1"], env)
    rows = sample["rows"]
    if not rows:
        raise RuntimeError(f"{label}: the database has no dossiers")
    log(f"  {label}: {sample['total']:,} dossiers; {len(rows):,} codes sampled")
    with_phone = next((r for r in rows if r[1]), rows[0])
    queries = run_child(HERE, ["--child", "queries", with_phone[0], with_phone[1]], env)
    log(f"  {label}: a lookup runs {queries['page']} SQL statements (page), {queries['api']} (API): "
        f"{queries['api_sql']}")
    sources = [f"127.0.{1 + i // 250}.{1 + i % 250}" for i in range(args.clients)]
    per_minute = args.rate * 60 / len(sources)
    if per_minute > args.limit:
        raise RuntimeError(f"{args.clients} clients at {args.rate}/s send {per_minute:.0f} a minute each, over "
                           f"the limit {args.limit}: use more --clients")
    with Server(env) as server:
        warm = make_paths(rows, int(args.rate * args.warmup), seed=2)
        lat, st = asyncio.run(open_loop(server.port, warm, args.rate, sources))
        log(f"  {label} warm-up: {len(lat)} answers, p99 {percentile(lat, 99):.1f} ms, {st}")
        paths = make_paths(rows, int(args.rate * args.seconds), seed=3)
        started = time.monotonic()
        lat, st = asyncio.run(open_loop(server.port, paths, args.rate, sources))
        elapsed = time.monotonic() - started
        rss, _ = server.worker_rss_mib()
    bad = {k: v for k, v in st.items() if k not in (200, 404, "connections", "page", "api")}
    p50, p99, worst = percentile(lat, 50), percentile(lat, 99), max(lat)
    log(f"  {label}: {len(lat)} answers in {elapsed:.1f} s ({len(lat) / elapsed:.0f}/s offered {args.rate}/s); "
        f"p50 {p50:.1f} ms, p99 {p99:.1f} ms, max {worst:.1f} ms; {st}; worker RSS {rss:.0f} MiB")
    if bad:
        raise RuntimeError(f"{label}: unexpected answers {bad}: the figure would not measure lookups")
    return {"p50": p50, "p99": p99, "queries": max(queries["page"], queries["api"])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rate", type=float, default=float(os.environ.get("LOOKUP_RATE", 200)),
                        help="requests per second offered (open loop)")
    parser.add_argument("--seconds", type=float, default=float(os.environ.get("LOOKUP_SECONDS", 30)),
                        help="length of the measured run")
    parser.add_argument("--warmup", type=float, default=15.0, help="seconds of warm-up at the same rate")
    parser.add_argument("--clients", type=int, default=2000, help="distinct client addresses")
    parser.add_argument("--limit", type=int, default=30, help="the per-client limit a minute (the default)")
    parser.add_argument("--only", choices=["sqlite", "postgres"], default=os.environ.get("LOOKUP_ONLY") or None,
                        help="one database only (or LOOKUP_ONLY=...)")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")
        mode, *rest = args.child
        out = child_codes(int(rest[0]), int(rest[1])) if mode == "codes" else child_queries(*rest)
        print(json.dumps(out, ensure_ascii=False))
        return
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="cchc-bench-var-") as var:
        if args.only != "postgres":
            log("lookup: SQLite")
            with million_db("sqlite", Path(var)) as url:
                results["sqlite"] = measure("sqlite", url, args, Path(var))
        pg = os.environ.get("BENCH_PG_URL")
        if pg and args.only != "sqlite":
            log("lookup: PostgreSQL")
            with million_db("postgres", Path(var)) as url:
                results["postgres"] = measure("postgres", url, args, Path(var))
        elif args.only != "sqlite":
            log("lookup: BENCH_PG_URL is not set; PostgreSQL figures skipped")
    if not results:
        return
    emit("lookup_p99_ms", max(r["p99"] for r in results.values()), "ms")
    for label, r in results.items():
        emit(f"lookup_p99_ms_{label}", r["p99"], "ms")
        emit(f"lookup_p50_ms_{label}", r["p50"], "ms")
    emit("lookup_queries", max(r["queries"] for r in results.values()), "queries")


if __name__ == "__main__":
    main()
