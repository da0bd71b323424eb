"""Benchmark: the specialist's queue page (/queues/mine/) over 1,000,000 dossiers, through the real server.

- ``queue_page_p95_ms_sqlite`` / ``queue_page_p95_ms_postgres``: 95th percentile of the time to
  answer one request for the queue page (HTML, logged in by session), requests sent one after
  another on a kept-alive connection to granian (``--workers 2 --blocking-threads 1``), rotating
  over the page's common views: the default page, page 2, overdue, due within a day, one state, one
  channel, one step. The specialist works at the agency with the most open dossiers at specialist
  steps (a bench account made there), so the queue is the longest the data set has.
- ``queue_page_p95_ms``: the worse of the two (target < 150 ms).
- ``queue_page_p50_ms_<db>``: the median, for reference.

Data: bench/_million.py (``BENCH_MILLION`` dossiers, default 1,000,000; cached in bench/.cache).
PostgreSQL figures need ``BENCH_PG_URL`` (bench/run.sh sets it). Requests per database:
``BENCH_QUEUE_REQUESTS`` (default 300).
Run: ``bench/run.sh queue_page`` or ``BENCH_MILLION=20000 .venv/bin/python bench/queue_page.py [--only sqlite]``.
"""

from __future__ import annotations

import http.client
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._harness import Server, emit, log, run_child, server_env  # noqa: E402
from bench._million import million_postgres, million_sqlite  # noqa: E402

HERE = Path(__file__).resolve()
USERNAME = "chuyenvien.bench"


def child_prepare() -> dict:
    """A specialist at the agency with the most open dossiers at specialist steps, and a session for them."""
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import login
    from django.contrib.sessions.backends.db import SessionStore
    from django.db.models import Count
    from django.test import RequestFactory

    from cchc.accounts.models import User
    from cchc.accounts.services import user_create
    from cchc.dossiers.models import OPEN_STATE_VALUES, Dossier
    from cchc.org.models import Agency

    top = (Dossier.objects.filter(state__in=OPEN_STATE_VALUES, current_step__role="specialist")
           .values("current_agency_id").annotate(n=Count("id")).order_by("-n").first())
    agency = Agency.objects.get(pk=top["current_agency_id"])
    user = User.objects.filter(username=USERNAME).first() or user_create(
        actor=None, username=USERNAME, password="ThaiNguyen@2026", full_name="Chuyên viên đo tải", agency=agency,
        roles=["specialist"])
    request = RequestFactory().get("/")
    request.session = SessionStore()
    login(request, user, backend=settings.AUTHENTICATION_BACKENDS[-1])
    request.session.save()
    steps = list(Dossier.objects.filter(current_agency_id=agency.pk, state__in=OPEN_STATE_VALUES,
                                        current_step__role="specialist")
                 .values_list("current_step__code", flat=True).annotate(n=Count("id")).order_by("-n")[:1])
    return {"session": request.session.session_key, "agency": agency.code, "open_specialist": top["n"],
            "step": steps[0] if steps else "", "dossiers": Dossier.objects.count()}


def paths(step: str) -> list[str]:
    return ["/queues/mine/", "/queues/mine/?page=2", "/queues/mine/?window=overdue", "/queues/mine/?window=soon",
            "/queues/mine/?state=in_process", "/queues/mine/?channel=online_portal",
            f"/queues/mine/?step={step}", "/queues/mine/?window=3days&page=2"]


def measure(label: str, url: str, requests: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="cchc-bench-var-") as var:
        env = server_env(url, var_dir=Path(var))
        info = run_child(HERE, ["--child", "prepare"], env)
        log(f"  {label}: {info['dossiers']:,} dossiers; {USERNAME} at {info['agency']} "
            f"({info['open_specialist']} open dossiers at specialist steps)")
        with Server(env) as server:
            conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
            headers = {"Cookie": f"sessionid={info['session']}"}
            todo = paths(info["step"])

            def get(path: str) -> tuple[float, bytes]:
                started = time.perf_counter()
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                body = response.read()
                elapsed = (time.perf_counter() - started) * 1000
                if response.status != 200:
                    raise RuntimeError(f"{label}: GET {path} answered {response.status}: {body[:300]!r}")
                return elapsed, body

            for _ in range(3):  # warm-up: both workers, imports, templates, calendars
                for p in todo:
                    get(p)
            _, first = get(todo[0])
            rows = first.count(b'data-testid="queue-row"')
            if info["open_specialist"] and rows == 0:
                raise RuntimeError(f"{label}: the queue page shows no dossier; the figure would measure nothing")
            times = sorted(get(todo[i % len(todo)])[0] for i in range(requests))
            conn.close()
    p50, p95 = times[len(times) // 2], times[min(len(times) - 1, int(len(times) * 0.95))]
    log(f"  {label}: {requests} requests, {rows} rows on the first page; p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
        f"max {times[-1]:.1f} ms")
    return {"p50": p50, "p95": p95}


def main() -> None:
    if len(sys.argv) >= 3 and sys.argv[1] == "--child":
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")
        print(json.dumps({"prepare": child_prepare}[sys.argv[2]]()))
        return
    requests = int(os.environ.get("BENCH_QUEUE_REQUESTS", "300"))
    only = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv else ""
    results: dict[str, dict] = {}
    if only != "postgres":
        log("queue_page: SQLite")
        with million_sqlite() as url:
            results["sqlite"] = measure("sqlite", url, requests)
    pg = os.environ.get("BENCH_PG_URL") if only != "sqlite" else None
    if pg:
        log("queue_page: PostgreSQL")
        with million_postgres(pg) as url:
            results["postgres"] = measure("postgres", url, requests)
    elif only != "sqlite":
        log("queue_page: BENCH_PG_URL is not set; PostgreSQL figures skipped")
    for label, r in results.items():
        emit(f"queue_page_p95_ms_{label}", r["p95"], "ms")
        emit(f"queue_page_p50_ms_{label}", r["p50"], "ms")
    emit("queue_page_p95_ms", max(r["p95"] for r in results.values()), "ms")


if __name__ == "__main__":
    main()
