"""bimtek synth country --seed N: a synthetic country's registry in PostgreSQL, for load tests and demos."""

from typing import Any

from django.core.management.base import CommandParser
from tqdm import tqdm

from bimtek.lib.commands import InputRejected, ReportCommand, cli_actor
from bimtek.lib.errors import DomainError
from bimtek.lib.reports import Progress
from bimtek.synthetic.service import DEFAULT_SLUG, VACANCY_RATE, synth_country


class Command(ReportCommand):
    help = "Bangun data sintetis (wilayah, TPS, petugas) dari data asli, ke PostgreSQL, dari sebuah seed."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="what", required=True)
        country = sub.add_parser(
            "country", help="seluruh negeri: TPS Pemilu 2024 dan 7 KPPS + 2 Linmas per TPS"
        )
        country.add_argument("--seed", type=int, required=True, help="seed yang sama, baris yang sama")
        country.add_argument(
            "--election", default=DEFAULT_SLUG, help=f"kode pemilihan (bawaan {DEFAULT_SLUG})"
        )
        country.add_argument(
            "--scale", type=float, default=1.0, help="bagian kabupaten/kota yang dibangun, 0 < skala <= 1"
        )
        country.add_argument(
            "--regions", default="", help="hanya provinsi/kabupaten ini, dipisah koma (mis. 19.06,33.03)"
        )
        country.add_argument("--replace", action="store_true", help="ganti pemilihan dengan kode yang sama")
        country.add_argument("--vacancy-rate", type=float, default=VACANCY_RATE, help="bagian kursi kosong")
        country.add_argument(
            "--keep-indexes",
            action="store_true",
            help="jangan hapus indeks biasa dan foreign key selama pemuatan (bawaan: hapus, lalu buat lagi)",
        )
        country.add_argument("--json", action="store_true", help="cetak satu objek JSON di stdout")
        country.add_argument("--no-progress", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        self.json_output = options["json"]
        bars: dict[str, tqdm] = {}
        show = not (options["no_progress"] or self.json_output)
        try:
            report = synth_country(
                seed=options["seed"],
                actor=cli_actor(),
                slug=options["election"],
                scale=options["scale"],
                regions=[c.strip() for c in options["regions"].split(",") if c.strip()],
                replace=options["replace"],
                vacancy_rate=options["vacancy_rate"],
                rebuild_indexes=not options["keep_indexes"],
                progress=self._progress(bars) if show else _quiet,
            )
        except DomainError as exc:
            raise InputRejected(f"{exc.message} [{exc.code}]", {"code": exc.code}) from None
        finally:
            for bar in bars.values():
                bar.close()
        self.emit(report.as_dict(), report.summary())

    def _progress(self, bars: dict[str, tqdm]) -> Progress:
        """One tqdm bar on stderr per table, created when its first rows arrive."""

        def progress(done: int, total: int | None, message: str) -> None:
            bar = bars.get(message)
            if bar is None:
                bar = bars[message] = tqdm(
                    total=total, desc=message, unit=" baris", unit_scale=True, leave=False
                )
            bar.n = done
            bar.refresh()

        return progress


def _quiet(done: int, total: int | None, message: str) -> None:
    """No progress bars (--json or --no-progress)."""
