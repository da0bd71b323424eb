"""``cchc dossier-register --agency CODE --from D --to D --out FILE``: the dossier register as XLSX."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from cchc.common.errors import DomainError
from cchc.org.models import Agency
from cchc.queues.register import write_register


class Command(BaseCommand):
    help = "Xuất sổ theo dõi hồ sơ của một đơn vị ra tệp Excel / export the dossier register as XLSX."

    def add_arguments(self, parser):
        parser.add_argument("--agency", required=True, help="Mã cơ quan, đơn vị (vd. TN.TTPVHCC).")
        parser.add_argument("--from", dest="start", type=date.fromisoformat, required=True,
                            help="Hồ sơ tiếp nhận từ ngày (YYYY-MM-DD).")
        parser.add_argument("--to", dest="end", type=date.fromisoformat, required=True,
                            help="Đến ngày (YYYY-MM-DD, tính cả ngày này).")
        parser.add_argument("--out", required=True, help="Tệp .xlsx cần ghi.")

    def handle(self, *args, **opts):
        agency = Agency.objects.filter(code=opts["agency"]).first()
        if agency is None:
            raise CommandError(f"Không tìm thấy cơ quan “{opts['agency']}”.")
        try:
            totals = write_register(agency, opts["start"], opts["end"], opts["out"])
        except DomainError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(f"Đã ghi {opts['out']}: {totals.dossiers} hồ sơ, {totals.returned} đã trả kết quả, "
                          f"{totals.late} quá hạn.")
