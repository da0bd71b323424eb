"""``cchc restore PATH``: replace the database with a backup. Stop the server first."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cchc.common.backup import restore_database
from cchc.common.errors import DomainError


class Command(BaseCommand):
    help = "Khôi phục cơ sở dữ liệu từ bản sao lưu / restore the database from a backup."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, **options):
        try:
            restore_database(Path(options["path"]))
        except DomainError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(f"Đã khôi phục từ {options['path']}.")
