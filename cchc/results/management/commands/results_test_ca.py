"""``cchc results-test-ca DIR``: a demo certificate authority and agency signing certificates.

NOT FOR PRODUCTION: the root's private key sits next to the certificates and every name says
"KHÔNG DÙNG CHO SẢN XUẤT". Point ``CCHC_RESULTS_KEY_DIR`` at DIR to sign with them; outside
production the demo root in DIR is trusted automatically (see cchc/results/signing.py).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cchc.results.testca import NOT_FOR_PRODUCTION, write_demo_ca


class Command(BaseCommand):
    help = "Tạo CA thử nghiệm và chứng thư ký số cho các cơ quan (chỉ để demo, không dùng cho sản xuất)."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="Thư mục ghi khoá và chứng thư (tạo nếu chưa có).")
        parser.add_argument("--agency", action="append", default=[],
                            help="Mã cơ quan cần chứng thư (lặp lại được); mặc định: mọi cơ quan đang tồn tại.")
        parser.add_argument("--p12-password", default="", help="Ghi thêm tệp <MÃ>.p12 với mật khẩu này.")

    def handle(self, *args, **options):
        from django.conf import settings

        from cchc.org.models import Agency

        if getattr(settings, "PRODUCTION", False):
            raise CommandError("Không tạo CA thử nghiệm khi CCHC_ENV=production.")
        qs = Agency.objects.as_of(date.today()).order_by("code")
        if options["agency"]:
            qs = Agency.objects.filter(code__in=options["agency"]).order_by("code")
            missing = sorted(set(options["agency"]) - set(qs.values_list("code", flat=True)))
            if missing:
                raise CommandError(f"Không có cơ quan mã: {', '.join(missing)}.")
        agencies = list(qs.values_list("code", "name"))
        if not agencies:
            raise CommandError("Chưa có cơ quan nào trong danh mục; hãy chạy “cchc demo” trước.")
        directory = Path(options["directory"]).expanduser().resolve()
        password = options["p12_password"].encode() or None
        written = write_demo_ca(directory, agencies, p12_password=password)
        self.stdout.write(self.style.WARNING(f"CA THỬ NGHIỆM — {NOT_FOR_PRODUCTION}"))
        self.stdout.write(f"Đã ghi {len(written)} tệp cho {len(agencies)} cơ quan vào {directory}")
        self.stdout.write(f"Cấu hình: CCHC_RESULTS_KEY_DIR={directory}")
        self.stdout.write(f"          CCHC_RESULTS_TRUST_ROOTS={directory / 'root.cert.pem'}")
