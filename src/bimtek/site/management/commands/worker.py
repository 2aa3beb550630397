"""bimtek worker: run background jobs (imports, plans, certificate batches) from the database queue.

Besides running jobs, every worker takes back the jobs of workers that died (their lease lapsed), so a
lost machine costs a lease's wait, not the job.
"""

import threading
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from bimtek.jobs.services import reclaim_forever


class Command(BaseCommand):
    help = "Jalankan pekerja latar belakang (antrean di basis data)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", action="store_true", help="kerjakan antrean lalu berhenti")

    def handle(self, *args: Any, **options: Any) -> None:
        threading.Thread(
            target=reclaim_forever, args=(settings.JOB_LEASE_SECONDS / 3,), name="reclaim", daemon=True
        ).start()
        call_command("db_worker", batch=options["batch"], interval=1.0, verbosity=options["verbosity"])
