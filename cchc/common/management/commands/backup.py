"""``cchc backup [PATH]``: a consistent copy of the database (SQLite online backup or pg_dump)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from cchc.common.backup import backup_database
from cchc.common.errors import DomainError


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu / back up the database."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="Tệp đích (mặc định var/backups/cchc-<thời điểm>.<đuôi>).")

    def handle(self, *args, **options):
        suffix = "sqlite3" if connection.vendor == "sqlite" else "pgdump"
        default = Path(settings.VAR_DIR) / "backups" / f"cchc-{timezone.now():%Y%m%d-%H%M%S}.{suffix}"
        target = Path(options["path"]) if options["path"] else default
        try:
            path = backup_database(target)
        except DomainError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(str(path))
