"""``cchc import-plan FILE [--json] [--dry-run]``: a decision file becomes a structured plan."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from cchc.common.errors import DomainError
from cchc.plans.selectors import plan_get
from cchc.plans.services import plan_import


class Command(BaseCommand):
    help = "Nhập quyết định/kế hoạch (txt, html, docx, pdf) thành kế hoạch có cấu trúc."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--json", action="store_true", help="In kết quả trích xuất dạng JSON.")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ trích xuất, không ghi vào cơ sở dữ liệu.")
        parser.add_argument("--into", type=int, help="Nhập thành phiên bản mới của kế hoạch có số này.")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            if not path.is_file():
                raise DomainError(f"Không tìm thấy tệp {path}.", code="file_not_found")
            into = plan_get(pk=options["into"]) if options["into"] else None
            result = plan_import(actor=None, data=path.read_bytes(), filename=path.name,
                                 dry_run=options["dry_run"], into=into)
        except DomainError as exc:
            if options["json"]:
                self.stdout.write(json.dumps({"error": {"code": exc.code, "message": exc.message}}, ensure_ascii=False))
            sys.stderr.write(f"Lỗi: {exc.message}\n")
            raise SystemExit(1) from None
        if options["json"]:
            payload = dict(result.payload)
            if result.plan is not None:
                payload["plan_id"], payload["version"] = result.plan.pk, result.version.number
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        p = result.payload
        self.stdout.write(f"{p.get('document_type') or ''} {p.get('document_number') or ''} — {p.get('title') or ''}")
        self.stdout.write(f"Nội dung: {len(p.get('sections') or [])} lĩnh vực; nhiệm vụ trọng tâm: {len(p.get('key_tasks') or [])}")
        if p.get("unresolved_agencies"):
            self.stdout.write("Chưa nhận diện: " + "; ".join(p["unresolved_agencies"]))
        if result.plan is not None:
            self.stdout.write(f"Đã tạo kế hoạch số {result.plan.pk}, phiên bản {result.version.number}.")
        else:
            self.stdout.write("Chạy thử: chưa ghi gì.")
