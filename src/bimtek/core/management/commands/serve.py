"""bimtek serve: the web application (waitress) and a background worker for jobs."""

import atexit
import subprocess
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Jalankan aplikasi web dan pekerja latar belakang."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)
        parser.add_argument(
            "--no-worker", action="store_true", help="pekerja dijalankan terpisah (bimtek worker)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from waitress import serve

        from bimtek.wsgi import application

        if not options["no_worker"]:
            worker = subprocess.Popen([sys.executable, "-m", "bimtek", "worker"])  # noqa: S603 - our own module
            atexit.register(worker.terminate)
        self.stdout.write(
            f"Bimtek berjalan di http://{options['host']}:{options['port']}/ (Ctrl+C untuk berhenti)"
        )
        serve(application, host=options["host"], port=options["port"], threads=options["threads"])
