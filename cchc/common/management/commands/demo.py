"""``cchc demo``: load the Thái Nguyên demo (registry, people). Safe to run again."""

from __future__ import annotations

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from cchc.accounts.demo import DEMO_PASSWORD, load_demo_users
from cchc.org.registry_demo import load_registry_demo
from cchc.procedures.demo import load_procedures_demo


class Command(BaseCommand):
    help = "Nạp dữ liệu trình diễn tỉnh Thái Nguyên (idempotent) / load the Thái Nguyên demo."

    def add_arguments(self, parser):
        parser.add_argument("--quiet-logins", action="store_true", help="Không in danh sách tài khoản.")

    def handle(self, *args, **options):
        counts = load_registry_demo()
        logins = load_demo_users()
        procedures = load_procedures_demo()
        self.stdout.write(
            f"Dữ liệu trình diễn: thêm {counts['agencies']} cơ quan, {counts['reorganisations']} sự kiện sắp xếp, "
            f"{counts['groups']} nhóm cơ quan."
        )
        self.stdout.write(
            "Thủ tục hành chính: thêm {procedures} thủ tục, công bố {published}.".format(**procedures)
        )
        from cchc.dossiers.models import Dossier

        if not Dossier.objects.exists():
            # A few hundred synthetic dossiers (marked so) give the one-stop pages something to show.
            call_command("generate_dossiers", count=300, seed=2026, stdout=self.stdout, stderr=self.stderr)
        signing = settings.VAR_DIR / "signing"
        if settings.CCHC_ENV != "production" and not (signing / "root.cert.pem").exists():
            # A demo certificate authority (marked "not for production") so results can be signed.
            call_command("results_test_ca", str(signing), stdout=self.stdout, stderr=self.stderr)
        if not options["quiet_logins"]:
            self.stdout.write(f"Tài khoản trình diễn (mật khẩu chung: {DEMO_PASSWORD}):")
            for username, roles, agency in logins:
                self.stdout.write(f"  {username:<20} {roles} — {agency}")
