"""bimtek import regions|tps|people: load the registry from the files operators have."""

from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from tqdm import tqdm

from bimtek.accounts.scoping import Scope
from bimtek.elections.models import Election
from bimtek.elections.selectors import election_for_command
from bimtek.elections.services import tps_import
from bimtek.lib.commands import InputRejected, ReportCommand, UsageError, cli_actor
from bimtek.lib.errors import DomainError
from bimtek.lib.reports import ImportReport, Progress
from bimtek.lib.tabular import TableError
from bimtek.regions.services import bundled_regions_dir, regions_import
from bimtek.workforce.people_import import people_import


class Command(ReportCommand):
    help = "Impor wilayah, TPS, atau petugas dari berkas CSV/XLSX."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="what", required=True)
        regions = sub.add_parser("regions", help="wilayah Kemendagri: folder berisi 4 CSV, atau satu CSV")
        regions.add_argument(
            "path", help="folder atau berkas CSV; 'bundled' untuk data wilayah 2025 yang dibawa paket"
        )
        regions.add_argument("--keep-good-rows", action="store_true")
        tps = sub.add_parser("tps", help="daftar TPS, atau jumlah TPS per desa")
        tps.add_argument("file")
        tps.add_argument("--election", required=True)
        tps.add_argument("--region", default="", help="hanya baris di dalam kode wilayah ini")
        tps.add_argument("--dry-run", action="store_true")
        tps.add_argument("--keep-good-rows", action="store_true")
        people = sub.add_parser("people", help="petugas PPK/PPS/KPPS/Linmas beserta penugasannya")
        people.add_argument("file")
        people.add_argument("--election", required=True)
        people.add_argument("--dry-run", action="store_true")
        people.add_argument("--keep-good-rows", action="store_true")
        for p in (regions, tps, people):
            p.add_argument("--json", action="store_true", help="cetak satu objek JSON di stdout")
            p.add_argument("--no-progress", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        self.json_output = options["json"]
        bar = (
            None
            if options["no_progress"] or self.json_output
            else tqdm(unit=" baris", leave=False, disable=None)
        )
        progress = self._progress(bar)
        try:
            report = self._run(options, progress)
        except (TableError, DomainError) as exc:
            raise InputRejected(f"{exc.message} [{exc.code}]", {"code": exc.code}) from None
        finally:
            if bar is not None:
                bar.close()
        self.emit(report.as_dict(), report.summary())
        if report.refused:
            raise InputRejected("Berkas ditolak; tidak ada yang disimpan", reported=True)
        if report.rejected and report.dry_run:  # a check that found problems is not a clean check (exit 1)
            raise InputRejected("Pemeriksaan menemukan baris yang ditolak", reported=True)

    def _run(self, options: dict[str, Any], progress: Progress) -> ImportReport:
        what = options["what"]
        if what == "regions":
            path = bundled_regions_dir() if options["path"] == "bundled" else Path(options["path"])
            if not path.exists():
                raise UsageError(f"{path} tidak ditemukan")
            return regions_import(
                path=path, actor=cli_actor(), keep_good_rows=options["keep_good_rows"], progress=progress
            )
        election = self._election(options["election"])
        path = Path(options["file"])
        if not path.is_file():
            raise UsageError(f"{path} tidak ditemukan")
        common = dict(
            election=election,
            source=path,
            filename=path.name,
            actor=cli_actor(),
            dry_run=options["dry_run"],
            keep_good_rows=options["keep_good_rows"],
            progress=progress,
        )
        if what == "tps":
            return tps_import(region_code=options["region"], **common)
        return people_import(scope=Scope(region_code=None, person_id=None), **common)

    @staticmethod
    def _election(slug: str) -> Election:
        return election_for_command(slug)

    @staticmethod
    def _progress(bar: Any) -> Progress:
        def report(done: int, total: int | None, message: str) -> None:
            if bar is None:
                return
            bar.total = total
            bar.n = min(done, total or done)
            bar.set_description(message)
            bar.refresh()

        return report
