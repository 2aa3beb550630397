"""bimtek staffing REGION_CODE --election SLUG: required, appointed and vacant seats per body."""

from typing import Any

from django.core.management.base import CommandParser

from bimtek.elections.selectors import election_for_command
from bimtek.lib.commands import ReportCommand
from bimtek.regions.selectors import region_for_command
from bimtek.workforce.selectors import BODIES, staffing, staffing_of_children


class Command(ReportCommand):
    help = "Kebutuhan, yang sudah diangkat, dan kekosongan petugas di satu wilayah."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "region", help="kode wilayah Kemendagri, mis. 19.06; 'id' untuk seluruh Indonesia"
        )
        parser.add_argument("--election", required=True)
        parser.add_argument("--children", action="store_true", help="juga satu baris per wilayah di bawahnya")

    def handle(self, *args: Any, **options: Any) -> None:
        code = "" if options["region"].lower() in ("id", "indonesia") else options["region"]
        election = election_for_command(options["election"])
        if code:
            region_for_command(code)
        result = staffing(election=election, region_code=code)
        payload = {"election": election.slug, **result.as_dict()}
        lines = [
            f"{result.name} ({code or 'Indonesia'}) — {election.name}",
            f"{result.kecamatan} kecamatan, {result.desa} desa/kelurahan, {result.tps} TPS",
            f"{'':8}{'kebutuhan':>12}{'diangkat':>12}{'kosong':>12}",
        ]
        for body in BODIES:
            lines.append(
                f"{body.upper():8}{result.required[body]:>12,}{result.appointed[body]:>12,}{result.vacant[body]:>12,}"
            )
        if options["children"]:
            rows = staffing_of_children(election=election, region_code=code)
            payload["children"] = [row.as_dict() for row in rows]
            lines.append("")
            for row in rows:
                gaps = ", ".join(f"{b.upper()} {row.vacant[b]}" for b in BODIES if row.vacant[b])
                lines.append(f"{row.region:<14}{row.name:<32}{row.tps:>6} TPS  kosong: {gaps or '-'}")
        self.emit(payload, "\n".join(lines))
