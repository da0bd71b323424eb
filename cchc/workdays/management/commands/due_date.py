"""``cchc due-date --received 2026-02-13T10:00 --limit 5 --unit working_days``: the appointment."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.core.management.base import BaseCommand, CommandError

from cchc import workdays
from cchc.common.errors import DomainError
from cchc.workdays.selectors import calendar_for


class Command(BaseCommand):
    help = "Tính ngày hẹn trả theo lịch làm việc / compute a due date in working time."

    def add_arguments(self, parser):
        parser.add_argument("--received", required=True, help="Thời điểm tiếp nhận, giờ Việt Nam: 2026-02-13T10:00")
        parser.add_argument("--limit", required=True, help="Thời hạn (số, có thể là 0,5).")
        parser.add_argument("--unit", default="working_days",
                            help="working_days | working_hours | calendar_days | same_day | no_appointment")
        parser.add_argument("--agency", default=None, help="Mã cơ quan (lịch và giờ làm việc riêng).")
        parser.add_argument("--convention", default="day", help="day (tính theo ngày) | hour (theo giờ làm việc)")

    def handle(self, *args, **options):
        try:
            received = datetime.fromisoformat(options["received"])
        except ValueError:
            raise CommandError(f"Thời điểm “{options['received']}” không đúng dạng YYYY-MM-DDTHH:MM.") from None
        if received.tzinfo is None:
            received = received.replace(tzinfo=workdays.TZ)
        try:
            limit = Decimal(options["limit"].replace(",", "."))
        except InvalidOperation:
            raise CommandError(f"Thời hạn “{options['limit']}” không phải là số.") from None
        if limit == limit.to_integral_value():
            limit = int(limit)
        try:
            cal = calendar_for(agency_code=options["agency"])
            due = workdays.compute_due(received, limit, options["unit"], calendar=cal, convention=options["convention"])
        except (DomainError, ValueError) as exc:
            raise CommandError(getattr(exc, "message", str(exc))) from None
        if due is None:
            self.stdout.write("Không hẹn ngày trả (no appointment).")
            return
        self.stdout.write(due.astimezone(workdays.TZ).isoformat(timespec="minutes"))
