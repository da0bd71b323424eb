"""Benchmark: the notification jobs over a province's year of dossiers (BENCH_MILLION, default 1,000,000).

Data: the cached database of bench/_million.py (demo registry, staff and catalogue; synthetic
dossiers generated up to the day the cache was built). Measured in-process:

- ``dossier_reminders_scan_ms``: ``dossier_reminders_due`` (steps due soon or overdue in the
  window, appointments near for the apology prompt, recipients, ledger), warm (calendars built);
  ``..._cold_ms`` the first run of a process (it builds every agency's calendar);
- ``dossier_reminders_send_ms``: claiming, posting in-app and e-mailing (locmem backend) what the
  scan found; ``dossier_reminders_rescan_ms``: the next run, which finds everything already sent;
- ``citizen_catch_up_ms``: the catch-up query for dossier events without a message row (24 hours);
- ``citizen_retry_scan_ms``: the retry job's scan of failed messages.

Run: ``bench/run.sh dossier_reminders`` or ``BENCH_MILLION=2000 .venv/bin/python bench/dossier_reminders.py --only sqlite``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._harness import emit, log, run_child  # noqa: E402
from bench._million import million_postgres, million_sqlite  # noqa: E402

HERE = Path(__file__).resolve()


ROLES = ("reception_officer", "specialist", "division_head", "signer")


def _staff_everywhere() -> int:
    """One person of each processing role at every agency holding an open dossier (the demo staffs two)."""
    from django.db.models import Q

    from cchc.accounts.models import RoleAssignment, User
    from cchc.dossiers.models import OPEN_STATE_VALUES, Dossier

    open_ = Dossier.objects.filter(state__in=OPEN_STATE_VALUES)
    agencies = set(open_.values_list("competent_agency_id", flat=True)) | set(
        open_.values_list("receiving_agency_id", flat=True))
    have = set(User.objects.filter(Q(username__startswith="bench.")).values_list("username", flat=True))
    users = [User(username=f"bench.{role}.{a}", email=f"bench.{role}.{a}@example.org", agency_id=a, kind="staff",
                  password="!") for a in sorted(agencies) for role in ROLES if f"bench.{role}.{a}" not in have]
    User.objects.bulk_create(users, batch_size=500)
    made = {u.username: u.pk for u in User.objects.filter(username__startswith="bench.")}
    RoleAssignment.objects.bulk_create([RoleAssignment(user_id=pk, role=name.split(".")[1])
                                        for name, pk in made.items()], ignore_conflicts=True, batch_size=500)
    return len(users)


def measure() -> dict:
    import django

    django.setup()
    import time

    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from cchc.dossiers.models import OPEN_STATE_VALUES, Dossier
    from cchc.notifications import citizen, staff

    settings.CCHC_REMIND_SYNTHETIC = True  # the generated dossiers are all synthetic
    _staff_everywhere()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    now = timezone.now()

    def timed(fn):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            value = fn()
        return value, (time.perf_counter() - started) * 1000, len(queries)

    _, cold, _ = timed(lambda: staff.dossier_reminders_due(now=now))
    warm = []
    for _ in range(3):
        found, ms, queries = timed(lambda: staff.dossier_reminders_due(now=now))
        warm.append(ms)
    sent, send_ms, send_queries = timed(lambda: staff.dossier_reminders_send(candidates=found))
    again, rescan_ms, _ = timed(lambda: staff.dossier_reminders_due(now=now))
    _, catch_ms, _ = timed(lambda: citizen.dossier_events_unsent(now=now))
    _, retry_ms, _ = timed(lambda: citizen.dossier_messages_retry())
    return {
        "dossiers": Dossier.objects.count(),
        "open": Dossier.objects.filter(state__in=OPEN_STATE_VALUES).count(),
        "cold": cold, "warm": sorted(warm)[len(warm) // 2], "scan_queries": queries, "candidates": len(found),
        "send": send_ms, "send_queries": send_queries, "claimed": sent.claimed, "emails": sent.emails,
        "rescan": rescan_ms, "left": len(again), "catch_up": catch_ms, "retry": retry_ms,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["sqlite", "postgres"])
    parser.add_argument("--child", choices=["measure"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "measure":
        print(json.dumps(measure()))
        return
    import tempfile

    from bench._harness import server_env

    results: dict[str, dict] = {}
    if args.only in (None, "sqlite"):
        log("dossier_reminders: SQLite")
        with million_sqlite() as url, tempfile.TemporaryDirectory(prefix="cchc-bench-var-") as var:
            results["sqlite"] = run_child(HERE, ["--child", "measure"], server_env(url, var_dir=Path(var)))
    if args.only in (None, "postgres"):
        base = os.environ.get("BENCH_PG_URL")
        if not base:
            log("dossier_reminders: BENCH_PG_URL is not set (bench/run.sh sets it); PostgreSQL skipped")
        else:
            log("dossier_reminders: PostgreSQL")
            with million_postgres(base) as url, tempfile.TemporaryDirectory(prefix="cchc-bench-var-") as var:
                results["postgres"] = run_child(HERE, ["--child", "measure"], server_env(url, var_dir=Path(var)))
    if not results:
        raise SystemExit("dossier_reminders: nothing measured")
    for db, r in results.items():
        log(f"  {db}: {r['dossiers']:,} dossiers ({r['open']:,} open); scan {r['warm']:.0f} ms warm "
            f"({r['scan_queries']} queries), {r['cold']:.0f} ms cold; {r['candidates']} reminders, sent in "
            f"{r['send']:.0f} ms ({r['send_queries']} queries, {r['emails']} e-mails); rescan {r['rescan']:.0f} ms "
            f"({r['left']} left); catch-up {r['catch_up']:.1f} ms; retry scan {r['retry']:.1f} ms")
        emit(f"dossier_reminders_scan_ms_{db}", round(r["warm"], 1), "ms")
        emit(f"dossier_reminders_scan_cold_ms_{db}", round(r["cold"], 1), "ms")
        emit(f"dossier_reminders_send_ms_{db}", round(r["send"], 1), "ms")
        emit(f"dossier_reminders_rescan_ms_{db}", round(r["rescan"], 1), "ms")
        emit(f"citizen_catch_up_ms_{db}", round(r["catch_up"], 2), "ms")
        emit(f"citizen_retry_scan_ms_{db}", round(r["retry"], 2), "ms")
    emit("dossier_reminders_scan_ms", round(max(r["warm"] for r in results.values()), 1), "ms")
    emit("dossier_reminders_candidates", max(r["candidates"] for r in results.values()), "reminders")


if __name__ == "__main__":
    main()
