"""``cchc verify-log [--dossier CODE]``: check the process-log chains and the daily digests.

Prints the first broken row of each damaged dossier (and the first digest that no longer matches)
and exits with status 1 when anything is broken, 0 when all is intact.
"""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError

from cchc.dossiers import processlog
from cchc.dossiers.models import Dossier


class Command(BaseCommand):
    help = "Kiểm tra chuỗi băm nhật ký xử lý hồ sơ và các bản tóm lược hằng ngày / verify the process log."

    def add_arguments(self, parser):
        parser.add_argument("--dossier", metavar="CODE", help="Chỉ kiểm tra một hồ sơ (không kiểm tra bản tóm lược).")
        parser.add_argument("--quiet", action="store_true", help="Không hiện thanh tiến độ.")

    def handle(self, *args, **options):
        code = options.get("dossier")
        if code and not Dossier.objects.filter(code=code).exists():
            raise CommandError(f"Không có hồ sơ “{code}”.")
        total = 1 if code else Dossier.objects.count()
        done = [0]

        def progress(n: int) -> None:
            done[0] += n
            if not options["quiet"] and sys.stderr.isatty():
                sys.stderr.write(f"\r  {done[0]:,}/{total:,} hồ sơ")
                sys.stderr.flush()

        report = processlog.verify(code=code, progress=progress)
        if not options["quiet"] and sys.stderr.isatty():
            sys.stderr.write("\n")
        for p in report.problems:
            where = f" [dòng id={p.row_id}]" if p.row_id else ""
            self.stdout.write(f"LỖI: {p.message}{where}")
        summary = (f"Đã kiểm tra {report.dossiers} hồ sơ, {report.rows} dòng nhật ký, "
                   f"{report.digests} bản tóm lược: ")
        if report.ok:
            self.stdout.write(summary + "nguyên vẹn.")
            return
        self.stdout.write(summary + f"{len(report.problems)} lỗi.")
        raise SystemExit(1)
