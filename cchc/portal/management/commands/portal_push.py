"""``cchc portal-push``: play the national portal by hand — sign a dossier with the shared secret and push it.

    cchc portal-push --url http://127.0.0.1:8000 --procedure 1.000001 --unit TN.TTPVHCC
    cchc portal-push --url http://127.0.0.1:8000 --file hoso.json --repeat 2

Without ``--file`` a sample dossier is built for the procedure's published case, one small PDF per
required component. For demos and manual checks; the contract is docs/national-portal-intake.md.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cchc.portal import contract, services


class Command(BaseCommand):
    help = "Ký và gửi một hồ sơ như Cổng DVCQG tới điểm nhận /api/v1/portal/dossiers."

    def add_arguments(self, parser):
        parser.add_argument("--url", required=True, help="địa chỉ gốc của hệ thống, ví dụ http://127.0.0.1:8000")
        parser.add_argument("--file", help="tệp JSON hồ sơ theo hợp đồng")
        parser.add_argument("--procedure", help="mã thủ tục (khi không có --file)")
        parser.add_argument("--case", default="", help="mã trường hợp")
        parser.add_argument("--unit", help="mã đơn vị tiếp nhận (khi không có --file)")
        parser.add_argument("--code", default="", help="mã hồ sơ trên Cổng (mặc định: sinh theo giờ)")
        parser.add_argument("--secret", default="", help="khóa bí mật (mặc định: CCHC_DVCQG_SECRET)")
        parser.add_argument("--repeat", type=int, default=1, help="gửi lặp lại bao nhiêu lần")

    def handle(self, *args, **opts):
        secret = opts["secret"] or services.shared_secret_or_none()
        if not secret:
            raise CommandError("Thiếu khóa bí mật: đặt CCHC_DVCQG_SECRET hoặc dùng --secret.")
        if opts["file"]:
            body = Path(opts["file"]).read_bytes()
        else:
            if not opts["procedure"] or not opts["unit"]:
                raise CommandError("Cần --file, hoặc --procedure và --unit.")
            code = opts["code"] or f"DVCQG-{time.strftime('%y%m%d%H%M%S')}"
            data = services.sample_payload(code=code, procedure_code=opts["procedure"], case_code=opts["case"],
                                           unit_code=opts["unit"])
            body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        for _ in range(max(1, opts["repeat"])):
            status, answer = contract.push(opts["url"], secret, body)
            self.stdout.write(f"{status} {json.dumps(answer, ensure_ascii=False)}")
