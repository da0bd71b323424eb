"""``cchc generate-dossiers --count N --seed S``: fill the database with synthetic dossiers and their logs.

Bulk inserts (the one sanctioned exception to "writes go through services"), rows marked
``synthetic``, no events; a progress bar on stderr. The same seed, catalogue and ``--until`` give
the same dossiers; ``--until`` defaults to the start of today (local time).
"""

from __future__ import annotations

import os
import sys
import time
from datetime import date, datetime
from datetime import time as dtime

from django.core.management.base import BaseCommand, CommandError

from cchc.dossiers import synthetic, synthetic_db
from cchc.workdays import TZ


class Command(BaseCommand):
    help = "Tạo hồ sơ giả lập (kèm nhật ký xử lý hợp lệ) để thử tải / generate synthetic dossiers."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, required=True, help="Số hồ sơ.")
        parser.add_argument("--seed", type=int, default=1, help="Hạt giống ngẫu nhiên (cùng hạt giống, cùng dữ liệu).")
        parser.add_argument("--until", type=date.fromisoformat, default=None,
                            help="Hồ sơ được tiếp nhận trước ngày này (YYYY-MM-DD; mặc định hôm nay).")
        parser.add_argument("--days", type=int, default=365, help="Số ngày trước --until có hồ sơ (mặc định 365).")
        parser.add_argument("--batch", type=int, default=4000,
                            help="Số hồ sơ mỗi phần (làm tròn theo ngày), mỗi phần ghi trong một giao dịch.")
        parser.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1),
                            help="Số tiến trình mô phỏng song song (0 hoặc 1: trong tiến trình này). "
                                 "Kết quả không phụ thuộc số tiến trình.")
        parser.add_argument("--quiet", action="store_true", help="Không hiện thanh tiến độ.")

    def handle(self, *args, **opts):
        count, batch = opts["count"], max(1, opts["batch"])
        if count < 1 or count > 50_000_000:
            raise CommandError("--count phải từ 1 đến 50.000.000.")
        if not 1 <= opts["days"] <= 3650:
            raise CommandError("--days phải từ 1 đến 3650.")
        until_day = opts["until"] or datetime.now(TZ).date()
        if not 2000 <= until_day.year <= 2100:
            raise CommandError("--until nằm ngoài khoảng 2000–2100.")
        until = datetime.combine(until_day, dtime(0, 0), tzinfo=TZ)
        plans, agencies = synthetic.load_catalogue()
        if not plans:
            raise CommandError("Chưa có thủ tục nào được công bố: hãy nạp danh mục thủ tục trước (cchc demo).")
        counters = synthetic_db.load_counters()
        before = dict(counters)
        plan = synthetic.Plan(plans, agencies, seed=opts["seed"], count=count, until=until, days=opts["days"])
        writer = synthetic_db.Writer()
        writer.reserve(count)
        started = time.monotonic()
        done = logs = 0
        bar = _Bar(count, enabled=not opts["quiet"])
        for chunk in synthetic.generate(plan, counters, workers=opts["workers"], target=batch, ids=writer.ids):
            writer.write(chunk.dossiers, chunk.logs)
            counters.update(chunk.counters)
            done += chunk.n_dossiers
            logs += chunk.n_logs
            bar.update(done, logs)
        touched = {k for k, v in counters.items() if before.get(k) != v}
        synthetic_db.save_counters(counters, touched)
        bar.close()
        elapsed = max(time.monotonic() - started, 1e-9)
        self.stdout.write(f"Đã tạo {done} hồ sơ giả lập, {logs} dòng nhật ký trong {elapsed:.1f} giây "
                          f"({done / elapsed:.0f} hồ sơ/giây).")


class _Bar:
    """A one-line progress bar on stderr (only when it is a terminal, or always with few updates)."""

    def __init__(self, total: int, *, enabled: bool) -> None:
        self.total, self.enabled = total, enabled
        self.started = time.monotonic()
        self.last = 0.0

    def update(self, done: int, logs: int) -> None:
        now = time.monotonic()
        if not self.enabled or (now - self.last < 0.5 and done < self.total):
            return
        self.last = now
        frac = done / self.total
        rate = done / max(now - self.started, 1e-9)
        eta = (self.total - done) / rate if rate else 0
        filled = int(frac * 30)
        end = "\n" if not sys.stderr.isatty() else ""
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {frac:6.1%} {done:,}/{self.total:,} hồ sơ, "
                         f"{logs:,} dòng nhật ký, {rate:,.0f}/giây, còn {eta:,.0f} giây{end}")
        sys.stderr.flush()

    def close(self) -> None:
        if self.enabled and sys.stderr.isatty():
            sys.stderr.write("\n")
