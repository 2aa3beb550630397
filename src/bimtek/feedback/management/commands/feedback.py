"""bimtek feedback results --election SLUG --region CODE [--json]: the evaluation results of a region."""

from typing import Any

from django.core.management.base import CommandParser

from bimtek.accounts.scoping import Scope
from bimtek.elections.models import Election
from bimtek.elections.selectors import election_for_command
from bimtek.feedback.selectors import Results, Row, results
from bimtek.lib.commands import ReportCommand
from bimtek.regions.selectors import region_for_command


class Command(ReportCommand):
    help = "Evaluasi sesi: hasil per sesi, fasilitator dan modul sebuah wilayah."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        report = sub.add_parser("results", help="hasil evaluasi sebuah wilayah")
        report.add_argument("--election", required=True, help="slug pemilihan")
        report.add_argument("--region", required=True, help="kode wilayah Kemendagri")
        report.add_argument("--json", action="store_true", help="cetak satu objek JSON di stdout")

    def handle(self, *args: Any, **options: Any) -> None:
        """1. Find the election and region; 2. read the results in that region's scope; 3. report."""
        self.json_output = options["json"]
        election = election_for_command(options["election"])
        code = options["region"]
        region_for_command(code)
        # The operator reads one region, through the same scope a KPU account of that region would have.
        found = results(scope=Scope(region_code=code, person_id=None), election=election, region_code=code)
        payload = {"election": election.slug, "region": code, **found.as_dict()}
        self.emit(payload, self._text(election, code, found))

    def _text(self, election: Election, code: str, found: Results) -> str:
        o = found.overall
        lines = [f"Evaluasi {election.name}, {code}: {o.n} jawaban, kepuasan {_mean(o.mean)}"]
        for title, rows in (("Per sesi", found.sessions), ("Per fasilitator", found.facilitators),
                            ("Per modul", found.modules)):  # fmt: skip
            lines.append(title)
            lines += [self._line(r) for r in rows] or ["  (belum ada jawaban)"]
        return "\n".join(lines)

    def _line(self, row: Row) -> str:
        s = row.summary
        ci = f"({s.low:.2f}-{s.high:.2f})" if s.low is not None and s.high is not None else ""
        flag = "  n < 5: belum cukup data" if s.small else ""
        return f"  {row.label[:48]:<48} n={s.n:<5} {_mean(s.mean)} {ci}{flag}"


def _mean(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"
