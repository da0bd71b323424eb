"""Benchmark: an agency's work queue and a plan's page (the per-area dashboard) at provincial scale.

Data: 20 plans, 2,000 tasks (one in ten quarterly), 100 agencies, one lead and three coordinating
agencies per task, 50,000 progress reports — bulk-generated once (rows marked synthetic) into a
SQLite file cached in bench/.cache/, and generated afresh on PostgreSQL when ``BENCH_PG_URL`` is set
(bench/run.sh starts a throwaway server and sets it). Due dates spread over the current year, so
the queue has overdue, at-risk and on-track work.

Measured in-process with Django's test client, warm (after warm-up requests), as the pages are
served: ``GET /plans/queue/`` for the busiest agency's officer and ``GET /plans/<id>/`` (per-area
counts + the first page of tasks with their assignments) for the secretariat. Prints
``tasks_queue_p95_ms`` and ``plan_dashboard_p95_ms`` (target < 150) and the SQL queries per page,
``tasks_queue_queries`` and ``plan_dashboard_queries``, which must not grow with the number of
tasks: the same pages are counted on a tenth of the data (200 tasks, 5,000 reports) and the run
fails if the counts differ. Each printed figure is the worse of SQLite and PostgreSQL; per-database
figures are printed too.

Run: ``make bench B=plan_execution`` or ``bash bench/run.sh plan_execution``
     (``.venv/bin/python bench/plan_execution.py --only sqlite`` for a quick look).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._harness import (  # noqa: E402
    cache_dir,
    emit,
    log,
    migrate,
    migrations_fingerprint,
    postgres_database,
    run_child,
    server_env,
    sqlite_database,
)

HERE = Path(__file__).resolve()
DATA_VERSION = 1  # bump when populate() changes, so cached databases are rebuilt
SCALES = {"full": (2000, 50_000), "tenth": (200, 5_000)}  # tasks, reports
PLANS, AGENCIES, AREAS = 20, 100, 8
PASSWORD = "ThaiNguyen@2026"


# --- child modes: run inside a process whose DATABASE_URL is the benchmark database -------------


def _django() -> None:
    import django

    django.setup()


def populate(tasks_total: int, reports_total: int, seed: int = 2020) -> dict:
    """Bulk-insert the synthetic province (every row of plans is marked synthetic)."""
    _django()
    from datetime import date, datetime, timedelta

    from django.db import transaction
    from django.utils import timezone

    from cchc.accounts.services import user_create
    from cchc.common.text import fold
    from cchc.org.models import Agency
    from cchc.plans.models import (
        Area,
        Assignment,
        Occurrence,
        Plan,
        PlanVersion,
        ProgressReport,
        Task,
        WorkItem,
    )
    from cchc.plans.recurrence import expand

    rng = random.Random(seed)
    today = timezone.localdate()
    year = today.year
    start, end = date(year, 1, 1), date(year, 12, 31)
    with transaction.atomic():
        root = Agency.objects.create(code="BENCH.UBND", name="Ủy ban nhân dân tỉnh Thử Nghiệm", type="ubnd_tinh",
                                     valid_from=date(1997, 1, 1), illustrative=True,
                                     search_text=fold("Ủy ban nhân dân tỉnh Thử Nghiệm"))
        agencies = [Agency(code=f"BENCH.A{i:03d}", name=f"Cơ quan thử nghiệm số {i}", short_name=f"CQ{i}",
                           type="so" if i <= 60 else "ubnd_huyen", parent=root, valid_from=date(2000, 1, 1),
                           illustrative=True, search_text=fold(f"Cơ quan thử nghiệm số {i}"))
                    for i in range(1, AGENCIES)]
        Agency.objects.bulk_create(agencies)
        agencies = list(Agency.objects.filter(code__startswith="BENCH.A").order_by("code"))
        agencies.append(root)
        busy = agencies[1]  # BENCH.A002 leads more than its share: the heaviest queue
        plans = [Plan(title=f"Kế hoạch thử nghiệm số {p + 1}", year=year, owner=root, synthetic=True,
                      period_start=start, period_end=end) for p in range(PLANS)]
        Plan.objects.bulk_create(plans)
        versions = [PlanVersion(plan=p, number=1, document_number=f"{p.pk}/QĐ-BENCH", signed_date=start,
                                approved_at=timezone.now(), extracted={"plan_year": year}) for p in plans]
        PlanVersion.objects.bulk_create(versions)
        for p, v in zip(plans, versions, strict=True):
            p.baseline = v
        Plan.objects.bulk_update(plans, ["baseline"])
        areas = [Area(plan=p, order=a + 1, title=f"Lĩnh vực {a + 1}") for p in plans for a in range(AREAS)]
        Area.objects.bulk_create(areas)
        areas_by_plan: dict[int, list[Area]] = {}
        for a in areas:
            areas_by_plan.setdefault(a.plan_id, []).append(a)

        tasks, specs = [], []
        for i in range(tasks_total):
            plan = plans[i % PLANS]
            recurring = i % 10 == 0
            due = None if recurring else start + timedelta(days=rng.randrange(365))
            tasks.append(Task(plan=plan, version=plan.baseline, source="key_task", source_key=f"bench:{i}",
                              area=rng.choice(areas_by_plan[plan.pk]), order=i // PLANS + 1, no=str(i // PLANS + 1),
                              content=f"Nhiệm vụ thử nghiệm {i}: rà soát, đánh giá và báo cáo kết quả.",
                              recurrence="quarterly" if recurring else "", synthetic=True))
            specs.append(expand("quarterly" if recurring else "", deadline=due, period_start=start, period_end=end))
        for t, slots in zip(tasks, specs, strict=True):
            t.baseline_due = t.due_date = max(s.due for s in slots)
        Task.objects.bulk_create(tasks, batch_size=1000)
        occurrences = [Occurrence(task=t, seq=s.seq, label=s.label, period_start=s.start, period_end=s.end,
                                  baseline_due=s.due, due_date=s.due) for t, slots in zip(tasks, specs, strict=True)
                       for s in slots]
        Occurrence.objects.bulk_create(occurrences, batch_size=2000)
        occ_by_task: dict[int, list[Occurrence]] = {}
        for o in occurrences:
            occ_by_task.setdefault(o.task_id, []).append(o)

        assignments = []
        for t in tasks:
            lead = busy if rng.random() < 0.08 else rng.choice(agencies)
            others = rng.sample([a for a in agencies if a.pk != lead.pk], 3)
            assignments.append(Assignment(task=t, agency=lead, role="lead", written_as=lead.name))
            assignments += [Assignment(task=t, agency=a, role="coordinating", written_as=a.name) for a in others]
        Assignment.objects.bulk_create(assignments, batch_size=2000)
        items = [WorkItem(assignment=a, occurrence=o, task_id=a.task_id, plan_id=a.task.plan_id,
                          area_id=a.task.area_id, agency=a.agency, role=a.role, due_date=o.due_date, synthetic=True)
                 for a in assignments for o in occ_by_task[a.task_id]]
        WorkItem.objects.bulk_create(items, batch_size=2000)

        # Reports: every work item gets some, the last one deciding its state.
        per_item = [1] * len(items)
        for _ in range(reports_total - len(items)):
            per_item[rng.randrange(len(items))] += 1
        reports = []
        latest_of: list[int] = []
        for w, count in zip(items, per_item, strict=True):
            past = w.due_date < today
            roll = rng.random()
            if past and roll < 0.55:
                final = ("done_on_time", "accepted")
            elif past and roll < 0.70:
                final = ("done_late", "accepted")
            elif past and roll < 0.78:
                final = ("done_on_time", "returned")
            elif roll < 0.85:
                final = ("in_progress", "submitted")
            else:
                final = ("not_started", "submitted")
            kind = "report" if w.role == "lead" else "contribution"
            base = datetime.combine(min(w.due_date, today) - timedelta(days=count + 1), datetime.min.time(),
                                    tzinfo=timezone.get_current_timezone())
            for k in range(count):
                last = k == count - 1
                status, review = final if last else ("in_progress", "superseded")
                pct = 100 if status.startswith("done") else (0 if status == "not_started" else rng.randrange(10, 95))
                reports.append(ProgressReport(
                    work_item=w, task_id=w.task_id, agency_id=w.agency_id, kind=kind, status=status, percent=pct,
                    narrative="Báo cáo tiến độ (dữ liệu tổng hợp).", review=review,
                    completed_on=min(w.due_date, today) if status.startswith("done") else None,
                    submitted_at=base + timedelta(days=k), channel="synthetic", synthetic=True))
            latest_of.append(len(reports) - 1)
        ProgressReport.objects.bulk_create(reports, batch_size=2000)
        for w, idx in zip(items, latest_of, strict=True):
            r = reports[idx]
            w.latest_report, w.status, w.percent, w.review = r, r.status, r.percent, r.review
            w.completed_on, w.reported_at = r.completed_on, r.submitted_at
            w.is_open = r.review == "returned" or not (r.status.startswith("done") or r.status == "not_feasible")
        WorkItem.objects.bulk_update(items, ["latest_report", "status", "percent", "review", "completed_on",
                                             "reported_at", "is_open"], batch_size=2000)
        secretariat = user_create(actor=None, username="bench.thuongtruc", password=PASSWORD,
                                  agency=agencies[0], roles=["secretariat", "agency_officer"])
        officer = user_create(actor=None, username="bench.canbo", password=PASSWORD, agency=busy,
                              roles=["agency_officer"])
    busiest_plan = WorkItem.objects.filter(agency=busy).values("plan_id").first()["plan_id"]
    return {"secretariat": secretariat.pk, "officer": officer.pk, "plan": plans[0].pk, "busy_plan": busiest_plan,
            "tasks": Task.objects.count(), "work_items": WorkItem.objects.count(),
            "reports": ProgressReport.objects.count(), "agencies": Agency.objects.count()}


def measure(info: dict, rounds: int) -> dict:
    """p95 of warm requests and the queries of one request, for the queue and the plan page."""
    _django()
    import time

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from cchc.accounts.models import User

    pages = {
        "tasks_queue": (User.objects.get(pk=info["officer"]), "/plans/queue/"),
        "plan_dashboard": (User.objects.get(pk=info["secretariat"]), f"/plans/{info['plan']}/"),
    }
    out: dict = {}
    for name, (user, url) in pages.items():
        client = Client()
        client.force_login(user)
        for _ in range(20):  # warm-up: imports, template loading, calendar cache, database caches
            response = client.get(url)
            if response.status_code != 200:
                raise RuntimeError(f"{name}: HTTP {response.status_code}: {response.content[:300]!r}")
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        captured = list(ctx.captured_queries)
        timings = []
        for _ in range(rounds):
            started = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        timings.sort()
        out[name] = {"p95": timings[int(0.95 * (len(timings) - 1))], "p50": timings[len(timings) // 2],
                     "queries": len(captured), "sql": [q["sql"][:140] for q in captured],
                     "bytes": len(response.content)}
    return out


# --- the benchmark -----------------------------------------------------------------------------


def sqlite_template(scale: str) -> tuple[Path, dict]:
    """A migrated, populated SQLite file kept in bench/.cache (keyed by scale, schema and data version)."""
    tasks, reports = SCALES[scale]
    key = f"plan_execution-{scale}-v{DATA_VERSION}-{migrations_fingerprint()}"
    db, meta = cache_dir() / f"{key}.sqlite3", cache_dir() / f"{key}.json"
    if db.exists() and meta.exists():
        log(f"  cached database {db.name}")
        return db, json.loads(meta.read_text())
    for old in cache_dir().glob(f"plan_execution-{scale}-*"):
        old.unlink()
    with tempfile.TemporaryDirectory(prefix="cchc-bench-var-") as var, sqlite_database() as url:
        env = server_env(url, var_dir=Path(var))
        migrate(env)
        log(f"  generating {tasks} tasks, {reports} reports (SQLite)")
        info = run_child(HERE, ["--child", "populate", "--tasks", str(tasks), "--reports", str(reports)], env)
        path = Path(url.removeprefix("sqlite:///"))
        with sqlite3.connect(path) as con:  # fold the WAL in, so one copied file is the whole database
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        shutil.copyfile(path, db)
    meta.write_text(json.dumps(info))
    return db, info


def run_sqlite(scale: str, rounds: int) -> dict:
    template, info = sqlite_template(scale)
    with tempfile.TemporaryDirectory(prefix="cchc-bench-var-") as var, sqlite_database(template) as url:
        env = server_env(url, var_dir=Path(var))
        migrate(env)
        return run_child(HERE, ["--child", "measure", "--info", json.dumps(info), "--rounds", str(rounds)], env)


def run_postgres(base: str, scale: str, rounds: int) -> dict:
    tasks, reports = SCALES[scale]
    with tempfile.TemporaryDirectory(prefix="cchc-bench-var-") as var, postgres_database(base) as url:
        env = server_env(url, var_dir=Path(var))
        migrate(env)
        log(f"  generating {tasks} tasks, {reports} reports (PostgreSQL)")
        info = run_child(HERE, ["--child", "populate", "--tasks", str(tasks), "--reports", str(reports)], env)
        return run_child(HERE, ["--child", "measure", "--info", json.dumps(info), "--rounds", str(rounds)], env)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=int(os.environ.get("BENCH_ROUNDS_REQUESTS", 200)))
    parser.add_argument("--only", choices=["sqlite", "postgres"])
    parser.add_argument("--child", choices=["populate", "measure"], help=argparse.SUPPRESS)
    parser.add_argument("--tasks", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--reports", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--info", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child == "populate":
        print(json.dumps(populate(args.tasks, args.reports)))
        return
    if args.child == "measure":
        print(json.dumps(measure(json.loads(args.info), args.rounds)))
        return

    results: dict[str, dict[str, dict]] = {}
    if args.only in (None, "sqlite"):
        log("plan_execution: SQLite")
        results["sqlite"] = {scale: run_sqlite(scale, args.rounds if scale == "full" else 20) for scale in SCALES}
    if args.only in (None, "postgres"):
        base = os.environ.get("BENCH_PG_URL")
        if not base:
            log("plan_execution: BENCH_PG_URL is not set (bench/run.sh sets it); PostgreSQL skipped")
        else:
            log("plan_execution: PostgreSQL")
            results["postgres"] = {scale: run_postgres(base, scale, args.rounds if scale == "full" else 20)
                                   for scale in SCALES}
    if not results:
        raise SystemExit("plan_execution: nothing measured")

    grew = []
    for db, by_scale in results.items():
        full, tenth = by_scale["full"], by_scale["tenth"]
        for page in ("tasks_queue", "plan_dashboard"):
            emit(f"{page}_p95_ms_{db}", round(full[page]["p95"], 1), "ms")
            emit(f"{page}_p50_ms_{db}", round(full[page]["p50"], 1), "ms")
            log(f"  {db} {page}: {full[page]['queries']} queries at 2,000 tasks, {tenth[page]['queries']} at 200; "
                f"{full[page]['bytes']} bytes")
            if full[page]["queries"] != tenth[page]["queries"]:
                grew.append(f"{db} {page}: {tenth[page]['queries']} → {full[page]['queries']}")
                log("    " + "\n    ".join(full[page]["sql"]))
    # The headline figures: the worse database decides.
    for page in ("tasks_queue", "plan_dashboard"):
        emit(f"{page}_p95_ms", round(max(r["full"][page]["p95"] for r in results.values()), 1), "ms")
        emit(f"{page}_queries", max(r[s][page]["queries"] for r in results.values() for s in SCALES), "queries")
    if grew:
        raise SystemExit("plan_execution: queries per page grow with the number of tasks: " + "; ".join(grew))


if __name__ == "__main__":
    main()
