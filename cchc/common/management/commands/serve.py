"""``cchc serve``: granian (WSGI) + one db_worker + the scheduler, stopped together."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Chạy máy chủ web, tiến trình xử lý nền và bộ lập lịch / serve the web app with its worker."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--no-worker", action="store_true", help="Không chạy db_worker và scheduler.")

    def handle(self, *args, **options):
        from cchc.accounts.demo import DEMO_PASSWORD, DEMO_USERS

        bindir = os.path.dirname(sys.executable)
        granian = shutil.which("granian", path=bindir) or shutil.which("granian")
        cchc = shutil.which("cchc", path=bindir) or shutil.which("cchc")
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "cchc.settings")}
        # --blocking-threads 1: granian's default thread pool makes SQLite writers wait on each other.
        commands = [[granian, "--interface", "wsgi", "--host", options["host"], "--port", str(options["port"]),
                     "--workers", str(options["workers"]), "--blocking-threads", "1", "--no-ws",
                     "--log-level", "warning", "cchc.wsgi:application"]]
        if not options["no_worker"]:
            commands += [[cchc, "db_worker"], [cchc, "scheduler"]]
        procs = [subprocess.Popen(cmd, env=env) for cmd in commands]
        url = f"http://{options['host']}:{options['port']}"
        self.stdout.write(f"\ncchc đang chạy tại / serving on {url}")
        self.stdout.write(f"Tài khoản trình diễn (mật khẩu {DEMO_PASSWORD}): " + ", ".join(u[0] for u in DEMO_USERS))
        self.stdout.write("Nhấn Ctrl+C để dừng / press Ctrl+C to stop.\n")

        def stop(*_):
            for p in procs:
                if p.poll() is None:
                    p.send_signal(signal.SIGTERM)
            deadline = time.monotonic() + 10
            for p in procs:
                try:
                    p.wait(timeout=max(0.1, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    p.kill()
            raise SystemExit(0)

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        while True:
            for p in procs:
                if p.poll() is not None:
                    self.stderr.write(f"Tiến trình {p.args[0]} đã dừng (mã {p.returncode}); dừng tất cả.")
                    stop()
            time.sleep(1)
