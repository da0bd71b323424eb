"""Benchmark: drafting the province's year report as DOCX on the data of bench/plan_execution.py.

Data: the same synthetic province (20 plans, 2,000 tasks, 100 agencies, 50,000 progress reports;
due dates spread over the current year), taken from plan_execution's cached SQLite file, and
generated afresh on PostgreSQL when ``BENCH_PG_URL`` is set (bench/run.sh sets it).

Measured in-process, warm: ``period_report`` (the figures, per area and per agency, and the late
tasks with their reasons) plus ``docx_report.render`` for the secretariat, the median of several
runs. Prints ``year_report_docx_ms`` (target < 3,000; the worse of the databases), per-database
figures, and ``year_report_late_rows`` (how many rows the late-task table had).

Run: ``make bench B=year_report`` or ``.venv/bin/python bench/year_report.py --only sqlite``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import plan_execution  # noqa: E402
from bench._harness import (  # noqa: E402
    emit,
    log,
    migrate,
    postgres_database,
    run_child,
    server_env,
    sqlite_database,
)

HERE = Path(__file__).resolve()


def measure(info: dict, rounds: int) -> dict:
    """Median and worst time of drafting the year report, and its size."""
    import django

    django.setup()
    import time

    from django.utils import timezone

    from cchc.accounts.models import User
    from cchc.reports import docx_report
    from cchc.reports.periods import Period
    from cchc.reports.selectors import period_report

    user = User.objects.get(pk=info["secretariat"])
    period = Period(timezone.localdate().year, "year")
    timings, size, late = [], 0, 0
    for i in range(rounds + 1):
        started = time.perf_counter()
        report = period_report(user=user, period=period)
        data = docx_report.render(report)
        elapsed = (time.perf_counter() - started) * 1000
        if i:  # the first run warms imports and caches
            timings.append(elapsed)
        size, late = len(data), len(report.late)
    return {"median": statistics.median(timings), "max": max(timings), "bytes": size, "late": late}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=int(os.environ.get("BENCH_ROUNDS_REPORT", 5)))
    parser.add_argument("--only", choices=["sqlite", "postgres"])
    parser.add_argument("--child", choices=["measure"], help=argparse.SUPPRESS)
    parser.add_argument("--info", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "measure":
        print(json.dumps(measure(json.loads(args.info), args.rounds)))
        return

    results: dict[str, dict] = {}
    if args.only in (None, "sqlite"):
        log("year_report: SQLite")
        template, info = plan_execution.sqlite_template("full")
        with tempfile.TemporaryDirectory(prefix="cchc-bench-var-") as var, sqlite_database(template) as url:
            env = server_env(url, var_dir=Path(var))
            migrate(env)
            results["sqlite"] = run_child(HERE, ["--child", "measure", "--info", json.dumps(info),
                                                 "--rounds", str(args.rounds)], env)
    if args.only in (None, "postgres"):
        base = os.environ.get("BENCH_PG_URL")
        if not base:
            log("year_report: BENCH_PG_URL is not set (bench/run.sh sets it); PostgreSQL skipped")
        else:
            log("year_report: PostgreSQL")
            tasks, reports = plan_execution.SCALES["full"]
            with tempfile.TemporaryDirectory(prefix="cchc-bench-var-") as var, postgres_database(base) as url:
                env = server_env(url, var_dir=Path(var))
                migrate(env)
                info = run_child(plan_execution.HERE, ["--child", "populate", "--tasks", str(tasks),
                                                       "--reports", str(reports)], env)
                results["postgres"] = run_child(HERE, ["--child", "measure", "--info", json.dumps(info),
                                                       "--rounds", str(args.rounds)], env)
    if not results:
        raise SystemExit("year_report: nothing measured")
    for db, r in results.items():
        emit(f"year_report_docx_ms_{db}", round(r["median"], 1), "ms")
        log(f"  {db}: median {r['median']:.0f} ms, worst {r['max']:.0f} ms, {r['late']} late rows, {r['bytes']} bytes")
    emit("year_report_docx_ms", round(max(r["median"] for r in results.values()), 1), "ms")
    emit("year_report_late_rows", max(r["late"] for r in results.values()), "rows")


if __name__ == "__main__":
    main()
