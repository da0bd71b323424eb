"""``cchc import-procedures FILE... [--dry-run] [--json]``: the national TTHC exports into the catalogue.

List exports (XLSX, CSV) are the spine; detail exports (DOCX, saved HTML, legacy .doc through
LibreOffice) enrich the procedures they name. Exit status 0 when imported (or checked, with
--dry-run) without error, 1 when refused: then nothing was written.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from cchc.common.errors import DomainError
from cchc.procedures.importing import ACTIONS, catalogue_import


class Command(BaseCommand):
    help = ("Nhập danh mục thủ tục hành chính từ tệp xuất của CSDL quốc gia: danh sách (.xlsx, .csv) và "
            "chi tiết từng thủ tục (.docx, .html, .doc).")

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ kiểm tra, không ghi vào cơ sở dữ liệu.")
        parser.add_argument("--json", action="store_true", help="In kết quả dạng JSON.")

    def handle(self, *args, **options):
        files = []
        for name in options["files"]:
            path = Path(name)
            if not path.is_file():
                sys.stderr.write(f"Lỗi: không tìm thấy tệp {path}.\n")
                raise SystemExit(1)
            files.append((path.name, path.read_bytes()))
        try:
            report = catalogue_import(actor=None, files=files, dry_run=options["dry_run"])
        except DomainError as exc:
            if options["json"]:
                self.stdout.write(json.dumps(exc.as_dict(), ensure_ascii=False))
            sys.stderr.write(f"Lỗi: {exc.message}\n")
            raise SystemExit(1) from None
        if options["json"]:
            self.stdout.write(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
        else:
            self._human(report)
        if report.errors:
            raise SystemExit(1)

    def _human(self, report) -> None:
        for issue in report.errors:
            where = f"{issue.file}" + (f", dòng {issue.row}" if issue.row else "")
            self.stderr.write(f"Lỗi ({where}): {issue.message}")
        for issue in report.warnings:
            where = f"{issue.file}" + (f", dòng {issue.row}" if issue.row else "")
            self.stdout.write(f"Lưu ý ({where}): {issue.message}")
        for item in report.procedures:
            self.stdout.write(f"{item['code']:<14} {ACTIONS[item['action']]:<44} {item['name'][:80]}")
        counts = report.counts
        summary = ", ".join(f"{ACTIONS[k].lower()}: {v}" for k, v in counts.items() if v)
        if report.errors:
            self.stdout.write(f"Từ chối: {len(report.errors)} lỗi; chưa ghi gì.")
        elif report.dry_run:
            self.stdout.write(f"Chạy thử ({len(report.procedures)} thủ tục; {summary}): chưa ghi gì.")
        else:
            self.stdout.write(f"Đã nhập {len(report.procedures)} thủ tục ({summary}).")
