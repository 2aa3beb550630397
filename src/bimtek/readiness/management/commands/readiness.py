"""bimtek readiness refresh --election SLUG [--region CODE] [--json]: recompute the readiness snapshot."""

import datetime as dt
from typing import Any

from django.core.management.base import CommandParser

from bimtek.accounts.scoping import Scope
from bimtek.analytics.cascade import region_cascade
from bimtek.analytics.exports import cascade_dict, cascade_text
from bimtek.elections.selectors import election_for_command
from bimtek.lib.commands import ReportCommand, cli_actor
from bimtek.readiness.core import STATUS_LABELS, Status
from bimtek.readiness.services import readiness_refresh
from bimtek.regions.selectors import region_for_command


class Command(ReportCommand):
    help = "Kesiapan TPS: hitung ulang status setiap TPS dan rekap per wilayah."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        refresh = sub.add_parser(
            "refresh", help="hitung ulang kesiapan TPS sebuah wilayah (atau seluruh negeri)"
        )
        refresh.add_argument("--election", required=True, help="slug pemilihan")
        refresh.add_argument(
            "--region", default="", help="kode wilayah Kemendagri; kosong: seluruh Indonesia"
        )
        refresh.add_argument(
            "--today", type=dt.date.fromisoformat, help="tanggal acuan (YYYY-MM-DD), untuk uji"
        )
        refresh.add_argument("--json", action="store_true", help="cetak satu objek JSON di stdout")

        cascade = sub.add_parser(
            "cascade", help="hasil peserta KPPS per fasilitator, gelombang ToT dan modul"
        )
        cascade.add_argument("--election", required=True, help="slug pemilihan")
        cascade.add_argument("--region", required=True, help="kode kabupaten/kota atau wilayah di bawahnya")
        cascade.add_argument("--json", action="store_true", help="cetak satu objek JSON di stdout")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "cascade":
            self._cascade(options)
            return
        self._refresh(options)

    def _cascade(self, options: dict[str, Any]) -> None:
        """1. Find the election and region; 2. compute; 3. report."""
        self.json_output = options["json"]
        election = election_for_command(options["election"])
        code = options["region"]
        region_for_command(code, min_level=2, what="kabupaten/kota")
        result = region_cascade(election=election, scope=Scope(None, None), region_code=code)
        self.emit(cascade_dict(result.report), cascade_text(result.report, f"{election.name}, {code}"))

    def _refresh(self, options: dict[str, Any]) -> None:
        """1. Find the election and region; 2. refresh; 3. report."""
        self.json_output = options["json"]
        election = election_for_command(options["election"])
        code = options["region"]
        if code:
            region_for_command(code)
        report = readiness_refresh(
            election=election, region_code=code, actor=cli_actor(), today=options["today"]
        )
        lines = [
            f"Kesiapan {election.name}, {code or 'Indonesia'}: {report.tps:,} TPS dalam {report.seconds:.1f} s"
        ]
        lines += [f"  {STATUS_LABELS[Status(s)]:<11} {n:>9,}" for s, n in report.by_status.items()]
        lines.append(f"  rekap wilayah: {report.rollups:,}")
        self.emit(report.as_dict(), "\n".join(lines))
