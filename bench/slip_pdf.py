"""Benchmark: one receipt-and-appointment slip as PDF (``render_letter("slip", dossier)``), in-process.

A throwaway SQLite database is migrated, one dossier is received at the counter (the illustrative
catalogue of ``cchc.dossiers.testing``), a few slips are rendered to warm the template, font and
stylesheet caches, then ``--count`` slips are rendered one after the other and the median is
reported: its letter checks and reads (four small queries), the template, the QR code and WeasyPrint.
Target < 500 ms.

Prints ``slip_pdf_ms <median> ms`` (and ``slip_pdf_p95_ms``).
Run: ``bench/run.sh slip_pdf`` or ``.venv/bin/python bench/slip_pdf.py [--count 30] [--warm 3]``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._harness import emit, log, migrate, run_child, server_env, sqlite_database  # noqa: E402

HERE = Path(__file__).resolve()


def child(count: int, warm: int) -> dict:
    """In the benchmark's environment: make one dossier, render its slip ``warm`` + ``count`` times."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")
    import django

    django.setup()
    from datetime import date

    from cchc.dossiers import services
    from cchc.dossiers.selectors import dossier_get
    from cchc.dossiers.testing import intake_data, make_catalogue, make_staff
    from cchc.letters.render import render_letter
    from cchc.org.services import AgencyData, agency_create

    def agency(code: str, name: str, type_: str, parent=None):
        return agency_create(actor=None, data=AgencyData(code=code, name=name, type=type_, parent=parent,
                                                         valid_from=date(2000, 1, 1)))

    province = agency("TN.UBND", "Ủy ban nhân dân tỉnh Thái Nguyên", "ubnd_tinh")
    stp = agency("TN.STP", "Sở Tư pháp", "so", province)
    snv = agency("TN.SNV", "Sở Nội vụ", "so", province)
    cat = make_catalogue(stp, province=province)
    staff = make_staff(cat, stp, snv)
    received = services.dossier_receive(actor=staff["reception"], data=intake_data(cat))
    # The dossier as the print view gets it: through the scoped selector.
    dossier = dossier_get(user=staff["reception"], code=received.code)

    started = time.perf_counter()
    first = render_letter("slip", dossier)
    cold_ms = (time.perf_counter() - started) * 1000
    for _ in range(max(warm - 1, 0)):
        render_letter("slip", dossier)
    times = []
    for _ in range(count):
        began = time.perf_counter()
        render_letter("slip", dossier)
        times.append((time.perf_counter() - began) * 1000)
    times.sort()
    return {"median_ms": statistics.median(times), "p95_ms": times[min(len(times) - 1, int(len(times) * 0.95))],
            "cold_ms": cold_ms, "bytes": len(first), "count": count}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=int(os.environ.get("SLIP_PDF_COUNT", "30")))
    parser.add_argument("--warm", type=int, default=3)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.count, args.warm)))
        return

    with sqlite_database() as url, tempfile.TemporaryDirectory(prefix="cchc-bench-var-") as var:
        env = server_env(url, var_dir=Path(var))
        log("slip_pdf: migrating a throwaway SQLite database")
        migrate(env)
        log(f"slip_pdf: rendering {args.warm} warm-up + {args.count} slips")
        result = run_child(HERE, ["--child", "--count", str(args.count), "--warm", str(args.warm)], env)
    log(f"  first (cold) render {result['cold_ms']:.0f} ms, {result['bytes']} bytes a slip")
    emit("slip_pdf_ms", result["median_ms"], "ms")
    emit("slip_pdf_p95_ms", result["p95_ms"], "ms")


if __name__ == "__main__":
    main()
