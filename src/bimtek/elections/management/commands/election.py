"""bimtek election create|list: the elections whose workforce Bimtek trains."""

import datetime as dt
from typing import Any

from django.core.management.base import CommandParser

from bimtek.elections.models import Election, ElectionKind
from bimtek.elections.services import election_create
from bimtek.lib.commands import InputRejected, ReportCommand, UsageError, cli_actor
from bimtek.lib.errors import DomainError

NORM_OPTIONS = ("ppk_per_kecamatan", "pps_per_desa", "kpps_per_tps", "linmas_per_tps")


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--voting-day '{text}' harus berformat YYYY-MM-DD") from None


class Command(ReportCommand):
    help = "Buat atau daftar pemilihan (Pemilu/Pilkada)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create")
        create.add_argument("slug")
        create.add_argument("--name", required=True)
        create.add_argument("--kind", required=True, choices=ElectionKind.values)
        create.add_argument("--voting-day", required=True)
        for norm in NORM_OPTIONS:
            create.add_argument(f"--{norm.replace('_', '-')}", type=int, dest=norm)
        listing = sub.add_parser("list")
        for p in (create, listing):
            p.add_argument("--json", action="store_true", help="cetak satu objek JSON di stdout")

    def handle(self, *args: Any, **options: Any) -> None:
        self.json_output = options["json"]
        if options["action"] == "list":
            elections = [_as_dict(e) for e in Election.objects.all()]
            human = "\n".join(
                f"{e['slug']:<20} {e['kind']:<8} {e['voting_day']}  {e['name']}" for e in elections
            )
            self.emit({"elections": elections}, human or "Belum ada pemilihan.")
            return
        norms = {n: options[n] for n in NORM_OPTIONS if options.get(n) is not None}
        if any(v < 1 or v > 50 for v in norms.values()):
            raise UsageError("Norma petugas harus 1-50")
        try:
            election = election_create(
                slug=options["slug"],
                name=options["name"],
                kind=options["kind"],
                voting_day=_day(options["voting_day"]),
                actor=cli_actor(),
                norms=norms,
            )
        except DomainError as exc:
            raise InputRejected(exc.message, {"code": exc.code}) from None
        self.emit(
            _as_dict(election), f"Pemilihan '{election.slug}' dibuat: {election.name}, {election.voting_day}"
        )


def _as_dict(election: Election) -> dict[str, Any]:
    return {
        "slug": election.slug,
        "name": election.name,
        "kind": election.kind,
        "voting_day": election.voting_day.isoformat(),
        "norms": {n: getattr(election, n) for n in NORM_OPTIONS},
    }
