"""bimtek serve: the web application (waitress) and a background worker for jobs.

The worker is this command's child: however the command stops (Ctrl+C, a plain `kill`, the end of serve),
the worker is asked to stop too, and killed if it does not within WORKER_GRACE seconds. A job it was running
then is taken back by the next worker once its lease lapses (bimtek.jobs.services).
"""

import signal
import subprocess
import sys
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

WORKER_GRACE = 20  # seconds for the worker to finish its current step before it is killed


def _stop(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(0)  # unwinds waitress's loop, so the finally below stops the worker


def stop_worker(worker: subprocess.Popen[bytes]) -> None:
    if worker.poll() is not None:
        return
    worker.terminate()
    try:
        worker.wait(timeout=WORKER_GRACE)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()


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

        worker = None
        if not options["no_worker"]:
            worker = subprocess.Popen([sys.executable, "-m", "bimtek", "worker"])  # noqa: S603 - our own module
        signal.signal(signal.SIGTERM, _stop)
        self.stdout.write(
            f"Bimtek berjalan di http://{options['host']}:{options['port']}/ (Ctrl+C untuk berhenti)"
        )
        try:
            serve(application, host=options["host"], port=options["port"], threads=options["threads"])
        except KeyboardInterrupt:
            pass
        finally:
            if worker is not None:
                stop_worker(worker)
