"""``cchc scheduler``: enqueue periodic jobs when due. Safe to run twice: each run is claimed once."""

from __future__ import annotations

import importlib
import signal
import time

from django.apps import apps
from django.core.management.base import BaseCommand

from cchc.common.periodic import enqueue_due, jobs


def autodiscover() -> None:
    for config in apps.get_app_configs():
        if config.name.startswith("cchc."):
            try:
                importlib.import_module(f"{config.name}.tasks")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.tasks":
                    raise


class Command(BaseCommand):
    help = "Đưa các công việc định kỳ vào hàng đợi khi đến hạn / enqueue periodic jobs."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Kiểm tra một lần rồi thoát.")
        parser.add_argument("--interval", type=float, default=30.0, help="Số giây giữa hai lần kiểm tra.")

    def handle(self, *args, **options):
        autodiscover()
        stop = False

        def _stop(*_):
            nonlocal stop
            stop = True

        signal.signal(signal.SIGTERM, _stop)
        signal.signal(signal.SIGINT, _stop)
        if options["verbosity"] > 1:
            self.stdout.write("Periodic jobs: " + ", ".join(sorted(jobs())))
        while True:
            started = enqueue_due()
            for name in started:
                self.stdout.write(f"enqueued {name}")
            if options["once"] or stop:
                return
            deadline = time.monotonic() + options["interval"]
            while not stop and time.monotonic() < deadline:
                time.sleep(0.5)
            if stop:
                return
