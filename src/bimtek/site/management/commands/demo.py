"""bimtek demo: a fresh SQLite database with real regions and TPS, a synthetic workforce, and the web UI."""

import os
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

from bimtek.site.demo import DEMO_PASSWORD, DEMO_REGENCIES, DEMO_TODAY, build_demo

DEMO_GATEWAY = "bimtek.messaging.gateways.DemoGateway"


class Command(BaseCommand):
    help = "Siapkan basis data demo (SQLite) dengan data wilayah asli dan jalankan aplikasi web."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--no-serve", action="store_true", help="siapkan data saja, jangan jalankan server"
        )
        parser.add_argument(
            "--keep", action="store_true", help="pakai basis data demo yang sudah ada bila ada"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self._pin_today()
        database = settings.DATABASES["default"]
        if database["ENGINE"] != "django.db.backends.sqlite3":
            raise CommandError("Demo hanya untuk SQLite; kosongkan DATABASE_URL")
        path = Path(database["NAME"])
        if options["keep"] and path.exists():
            self.stdout.write(f"Memakai basis data demo yang ada: {path}")
        else:
            self._fresh(path)
        self._print_logins(options["host"], options["port"])
        if not options["no_serve"]:
            call_command("serve", host=options["host"], port=options["port"])

    @staticmethod
    def _pin_today() -> None:
        """The demo's election is Pemilu 2024: its readiness is seen as a week before voting day.

        The worker that `serve` starts inherits the environment, so it judges with the same date.
        """
        if settings.BIMTEK_TODAY is None:
            os.environ["BIMTEK_TODAY"] = DEMO_TODAY.isoformat()
            settings.BIMTEK_TODAY = DEMO_TODAY
        if "BIMTEK_SMS_GATEWAY" not in os.environ:  # sign-in codes of the demo's people appear in its console
            os.environ["BIMTEK_SMS_GATEWAY"] = DEMO_GATEWAY
            settings.BIMTEK_SMS_GATEWAY = DEMO_GATEWAY

    def _fresh(self, path: Path) -> None:
        """1. Remove the old demo database. 2. Migrate. 3. Load regions, TPS and people."""
        connections.close_all()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        started = time.monotonic()
        self.stdout.write("Menyiapkan basis data demo...")
        call_command("migrate", verbosity=0)
        build_demo(data_dir=path.parent)
        self.stdout.write(
            f"Data demo siap dalam {time.monotonic() - started:.0f} detik: wilayah nasional, TPS Pemilu 2024 "
            f"untuk {', '.join(DEMO_REGENCIES)}, dan petugasnya."
        )

    def _print_logins(self, host: str, port: int) -> None:
        from bimtek.accounts.models import User

        self.stdout.write(f"\nBuka http://{host}:{port}/  (kata sandi semua akun demo: {DEMO_PASSWORD})")
        self.stdout.write(
            f"Hari ini menurut demo: {settings.BIMTEK_TODAY:%d-%m-%Y} (atur dengan BIMTEK_TODAY)"
        )
        for user in User.objects.order_by("id"):
            self.stdout.write(
                f"  {user.username:<20} {user.get_role_display():<20} {user.region_id or 'Indonesia'}"
            )
