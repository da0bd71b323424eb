"""The ``cchc`` console command: Django's management commands with friendlier names.

``cchc import-plan FILE`` runs ``import_plan``; settings default to ``cchc.settings`` and the
database to the embedded SQLite file, so every command works for a local demo with no
environment at all.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    from django.core.exceptions import ImproperlyConfigured

    try:
        from django.core.management import execute_from_command_line

        execute_from_command_line(["cchc", *argv[1:]])
    except ImproperlyConfigured as exc:
        # One clear line, not a traceback: a bad DATABASE_URL or a missing SECRET_KEY.
        print(f"cchc: cấu hình không hợp lệ / invalid configuration: {exc}", file=sys.stderr)
        raise SystemExit(2) from None


if __name__ == "__main__":
    main()
