"""bimtek program seed --election SLUG: the standard ToT, KPPS and Linmas programs of an election."""

from typing import Any

from django.core.management.base import CommandParser

from bimtek.assessment.curriculum import programs_seed
from bimtek.elections.models import Election
from bimtek.lib.commands import ReportCommand, UsageError, cli_actor


class Command(ReportCommand):
    help = "Program pelatihan dan modulnya per pemilihan."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        seed = sub.add_parser(
            "seed", help="buat program ToT PPK/PPS, bimtek KPPS dan briefing Linmas standar"
        )
        seed.add_argument("--election", required=True, help="slug pemilihan, mis. pemilu-2024")
        seed.add_argument("--json", action="store_true", help="cetak satu objek JSON di stdout")

    def handle(self, *args: Any, **options: Any) -> None:
        """1. Find the election (usage error if unknown); 2. seed; 3. report."""
        self.json_output = options["json"]
        election = Election.objects.filter(slug=options["election"]).first()
        if election is None:
            raise UsageError(f"Pemilihan '{options['election']}' tidak ditemukan")
        report = programs_seed(election=election, actor=cli_actor())
        human = (
            f"Program baru: {report.programs}, modul: {report.modules}, tes: {report.forms}; "
            f"sudah ada dan tidak diubah: {report.unchanged}."
        )
        self.emit({"election": election.slug, **report.as_dict()}, human)
