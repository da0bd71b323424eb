"""Benchmark: dossier intake through the HTTP API, against a bare Django + ninja insert; synthetic generation.

- ``intake_ratio_sqlite`` / ``intake_ratio_postgres``: ``POST /api/v1/dossiers`` (counter intake with
  its due-date computation, dossier code, process-log row and event; a reception officer's bearer
  token; a unique applicant per request) divided by ``POST /bench/bare/insert`` (a django-ninja
  endpoint inserting one row, no authentication), both served by one granian process (``--interface
  wsgi --workers 2 --blocking-threads 1 --no-ws``) under wrk with 16 connections on loopback, the
  pair measured ``--rounds`` times in alternating order and the best of each kept. Target >= 0.6.
- ``intake_queries``: SQL statements of one intake request (a warm one, counted in-process).
- ``worker_rss_mb``: resident memory of the larger granian worker after the intake runs (target < 250).
- ``generate_dossiers_per_s``: dossiers per second of ``cchc generate-dossiers`` (its own figure,
  without start-up), the worse of SQLite and PostgreSQL.

PostgreSQL figures need ``BENCH_PG_URL`` (bench/run.sh sets it); without it they are skipped.
Run: ``make bench B=one_stop_core``, or ``.venv/bin/python bench/one_stop_core.py --seconds 3 --rounds 1``.

This module is also the WSGI application of the benchmark server (``bench.one_stop_core:application``):
cchc's own URLs plus the bare endpoint, so both are measured on the same process and database.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._harness import (  # noqa: E402
    BIN,
    ROOT,
    Server,
    emit,
    log,
    migrate,
    postgres_database,
    run_child,
    server_env,
    sqlite_database,
    wrk,
)

HERE = Path(__file__).resolve()
PASSWORD = "ThaiNguyen@2026"
BARE_BODY = '{"name": "bare {uid}", "note": "bench"}'

# --- the server side: cchc's URLs plus the bare ninja insert ------------------------------------

_handler = None


def application(environ, start_response):
    """WSGI entry point of the benchmark server (built on the first request, after fork)."""
    global _handler
    if _handler is None:
        _handler = _make_handler()
    return _handler(environ, start_response)


def _make_handler():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")
    import django
    from django.core.handlers.wsgi import WSGIHandler

    django.setup(set_prefix=False)

    class Handler(WSGIHandler):
        def get_response(self, request):
            # This module's urlpatterns: the application's, plus /bench/bare/insert.
            request.urlconf = __name__
            return super().get_response(request)

    return Handler()


def __getattr__(name: str):
    # Built lazily (PEP 562): importing this file must not need Django (the benchmark runner imports it).
    if name == "urlpatterns":
        globals()["urlpatterns"] = value = _urlpatterns()
        return value
    raise AttributeError(name)


def _urlpatterns():
    from django.urls import path
    from django.utils import timezone
    from ninja import NinjaAPI, Schema, Status

    from cchc.common.models import Event
    from cchc.urls import urlpatterns as app_urls

    bare = NinjaAPI(urls_namespace="bench-bare", docs_url=None, openapi_url=None)

    class BareIn(Schema):
        name: str
        note: str = ""

    class BareOut(Schema):
        id: int

    # Annotations are strings here (``from __future__ import annotations``); ninja resolves them in
    # the module's globals, so the schemas must be found there.
    globals().update(BareIn=BareIn, BareOut=BareOut)

    @bare.post("/insert", response={201: BareOut})
    def insert(request, body: BareIn):
        e = Event.objects.create(at=timezone.now(), actor_name="bench", verb="bench.insert", subject_type="bench",
                                 subject_id=body.name[:80], data={"note": body.note})
        return Status(201, {"id": e.pk})

    return [path("bench/bare/", bare.urls), *app_urls]


# --- wrk scripts ---------------------------------------------------------------------------------
# Written here rather than taken from bench/_harness.py: its lua_post_unique() indexes wrk.headers with a
# long string and no spaces (``wrk.headers[[[Content-Type]]]``), which Lua reads as a call; wrk then
# reports a script error on stderr and silently benchmarks ``GET /`` instead. Every run below is also
# checked against the rows it wrote (``written``).


def _lstr(text: str) -> str:
    level = 0
    while f"]{'=' * level}]" in text:
        level += 1
    eq = "=" * level
    return f"[{eq}[{text}]{eq}]"


def lua_post(path: str, body_template: str, headers: dict[str, str] | None = None) -> str:
    """POST ``body_template`` with ``{uid}`` replaced by a value unique to the run (prefix, thread, counter)."""
    head = "\n".join(f"  wrk.headers[ {_lstr(k)} ] = {_lstr(v)}"
                      for k, v in {"Content-Type": "application/json", **(headers or {})}.items())
    body = " .. uid .. ".join(_lstr(part) for part in body_template.split("{uid}"))
    return f"""
local thread_counter = 0
function setup(thread)
  thread_counter = thread_counter + 1
  thread:set("id", thread_counter)
end

function init(args)
  prefix = args[1] or "u"
  wrk.method = "POST"
{head}
end

local counter = 0
function request()
  counter = counter + 1
  local uid = prefix .. id .. "-" .. counter
  return wrk.format(nil, {_lstr(path)}, nil, {body})
end
"""


# --- child modes (a process whose DATABASE_URL is the benchmark database) -----------------------


def populate() -> dict:
    """A province, the Department of Justice with a published 10-day procedure of five steps, the
    provincial one-stop centre, a reception officer with an API token."""
    import django

    django.setup()
    from datetime import date

    from cchc.accounts.services import token_create, user_create
    from cchc.dossiers.testing import make_catalogue
    from cchc.org.services import AgencyData, agency_create

    tn = agency_create(actor=None, data=AgencyData(code="TN.UBND", name="Ủy ban nhân dân tỉnh Thái Nguyên",
                                                    type="ubnd_tinh", valid_from=date(1997, 1, 1)))
    stp = agency_create(actor=None, data=AgencyData(code="TN.STP", name="Sở Tư pháp", type="so", parent=tn,
                                                     valid_from=date(1997, 1, 1)))
    cat = make_catalogue(stp, province=tn)
    officer = user_create(actor=None, username="tiepnhan.bench", password=PASSWORD, agency=cat.centre,
                          roles=["reception_officer"])
    _, raw = token_create(actor=officer, name="bench")
    body = {"procedure_code": cat.published.procedure.code, "case_code": "TH1", "applicant_name": "Người nộp {uid}",
            "applicant_id_number": "019201000123", "applicant_phone": "0912345678",
            "subject": "Cấp phiếu lý lịch tư pháp",
            "components": [{"component_id": c.pk, "originals": 1, "digitised": True} for c in cat.components[:2]]}
    return {"token": raw, "body": json.dumps(body, ensure_ascii=False)}


def written() -> dict:
    """Rows the runs wrote: intakes (dossiers) and bare inserts (their events)."""
    import django

    django.setup()
    from cchc.common.models import Event
    from cchc.dossiers.models import Dossier

    return {"dossiers": Dossier.objects.count(), "bare": Event.objects.filter(verb="bench.insert").count()}


def count_queries(token: str, body: str) -> dict:
    """SQL statements of one warm intake request, through the whole Django stack in-process."""
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    counts = []
    for i in range(3):
        with CaptureQueriesContext(connection) as ctx:
            resp = client.post("/api/v1/dossiers", body.replace("{uid}", f"q{i}"), content_type="application/json",
                               **headers)
        assert resp.status_code == 201, resp.content
        counts.append(len(ctx.captured_queries))
    return {"queries": counts[-1], "sql": [q["sql"][:120] for q in ctx.captured_queries]}


# --- the runner ---------------------------------------------------------------------------------


def measure_db(label: str, url: str, args, var_dir: Path) -> dict:
    env = server_env(url, var_dir=var_dir)
    migrate(env)
    data = run_child(HERE, ["--child", "populate"], env)
    queries = run_child(HERE, ["--child", "queries", data["token"], data["body"]], env)
    log(f"  intake: {queries['queries']} SQL statements per request")
    intake_lua = lua_post("/api/v1/dossiers", data["body"], headers={"Authorization": f"Bearer {data['token']}"})
    bare_lua = lua_post("/bench/bare/insert", BARE_BODY)
    best_intake = best_bare = 0.0
    sent = {"intake": 0, "bare": 0}
    with Server(env, app="bench.one_stop_core:application") as server:
        sent["intake"] += wrk(server.url, intake_lua, seconds=2, prefix="w", name=f"{label} warm-up intake").requests
        sent["bare"] += wrk(server.url, bare_lua, seconds=2, prefix="w", name=f"{label} warm-up bare").requests
        for r in range(args.rounds):
            pair = [("intake", intake_lua), ("bare", bare_lua)]
            for kind, lua in pair if r % 2 == 0 else pair[::-1]:
                res = wrk(server.url, lua, seconds=args.seconds, prefix=f"r{r}", name=f"{label} {kind} #{r + 1}")
                sent[kind] += res.requests
                if kind == "intake":
                    best_intake = max(best_intake, res.rps)
                else:
                    best_bare = max(best_bare, res.rps)
        rss, peak = server.worker_rss_mib()
    rows = run_child(HERE, ["--child", "written"], env)
    # wrk counts completed answers; the server may finish a few more as wrk stops, never fewer.
    if rows["dossiers"] < sent["intake"] or rows["bare"] < sent["bare"]:
        raise RuntimeError(f"{label}: {sent} requests answered but {rows} rows written: the runs did not "
                           "measure what they claim")
    log(f"  {label}: intake {best_intake:.0f} req/s, bare {best_bare:.0f} req/s; worker RSS {rss:.0f} MiB "
        f"(peak {peak:.0f})")
    gen = generate(env, args.generate)
    return {"ratio": best_intake / best_bare if best_bare else 0.0, "intake_rps": best_intake, "bare_rps": best_bare,
            "queries": queries["queries"], "rss": rss, "generate": gen}


def generate(env: dict, count: int) -> float:
    """Dossiers per second of ``cchc generate-dossiers``, as it reports (start-up excluded)."""
    proc = subprocess.run([str(BIN / "cchc"), "generate-dossiers", "--count", str(count), "--seed", "1", "--quiet",
                           "--skip-checks"], env=env, cwd=ROOT, check=True, stdout=subprocess.PIPE, text=True)
    m = re.search(r"\((\d+) hồ sơ/giây\)", proc.stdout)
    if not m:
        raise RuntimeError(f"could not read generate-dossiers' output: {proc.stdout!r}")
    log(f"  {proc.stdout.strip()}")
    return float(m.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=8.0, help="length of each measured wrk run")
    parser.add_argument("--rounds", type=int, default=3, help="measured rounds per pair (best kept)")
    parser.add_argument("--generate", type=int, default=200_000, help="dossiers generated per database")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")
        mode, *rest = args.child
        out = {"populate": populate, "written": written}[mode]() if mode != "queries" else count_queries(*rest)
        print(json.dumps(out, ensure_ascii=False))
        return
    import tempfile

    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="cchc-bench-var-") as var:
        log("one_stop_core: SQLite")
        with sqlite_database() as url:
            results["sqlite"] = measure_db("sqlite", url, args, Path(var))
        pg = os.environ.get("BENCH_PG_URL")
        if pg:
            log("one_stop_core: PostgreSQL")
            with postgres_database(pg) as url:
                results["postgres"] = measure_db("postgres", url, args, Path(var))
        else:
            log("one_stop_core: BENCH_PG_URL is not set; PostgreSQL figures skipped")
    emit("intake_ratio_sqlite", results["sqlite"]["ratio"], "ratio")
    if "postgres" in results:
        emit("intake_ratio_postgres", results["postgres"]["ratio"], "ratio")
    for label, r in results.items():
        emit(f"intake_rps_{label}", r["intake_rps"], "req/s")
        emit(f"bare_insert_rps_{label}", r["bare_rps"], "req/s")
    emit("intake_queries", max(r["queries"] for r in results.values()), "queries")
    emit("worker_rss_mb", max(r["rss"] for r in results.values()), "MiB")
    emit("generate_dossiers_per_s", min(r["generate"] for r in results.values()), "per_s")


if __name__ == "__main__":
    main()
