"""``cchc payments-reconcile``: ask the payment platform about online payments still pending."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from cchc.payments.services import payments_reconcile


class Command(BaseCommand):
    help = "Đối soát các yêu cầu thanh toán trực tuyến còn chờ / reconcile pending online payments."

    def add_arguments(self, parser):
        parser.add_argument("--older-than", type=int, default=None, metavar="MINUTES",
                            help="Chỉ hỏi các yêu cầu tạo trước số phút này (mặc định: CCHC_PAYMENT_RECONCILE_AFTER_MINUTES).")
        parser.add_argument("--limit", type=int, default=500, help="Số yêu cầu tối đa mỗi lần.")

    def handle(self, *args, **options):
        if options["older_than"] is not None and options["older_than"] < 0:
            self.stderr.write("--older-than phải >= 0")
            raise SystemExit(2)
        counts = payments_reconcile(older_than_minutes=options["older_than"], limit=max(1, options["limit"]))
        self.stdout.write(" ".join(f"{k}={v}" for k, v in counts.items()))
