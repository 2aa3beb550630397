"""bimtek worker: run background jobs (imports, plans, certificate batches) from the database queue."""

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Jalankan pekerja latar belakang (antrean di basis data)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", action="store_true", help="kerjakan antrean lalu berhenti")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("db_worker", batch=options["batch"], interval=1.0)
