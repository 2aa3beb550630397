"""bimtek questions import FILE | import-starter | export OUT: the election's question bank as XLSX."""

from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from bimtek.assessment.bank import questions_export, questions_import, questions_import_starter
from bimtek.elections.models import Election
from bimtek.elections.selectors import election_for_command
from bimtek.lib.commands import InputRejected, ReportCommand, UsageError, cli_actor
from bimtek.lib.errors import DomainError
from bimtek.lib.reports import ImportReport
from bimtek.lib.tabular import TableError


class Command(ReportCommand):
    help = "Bank soal per modul: impor/ekspor XLSX dan bank soal awal bawaan Bimtek."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="impor soal dari XLSX (atau CSV) dengan laporan per baris")
        imp.add_argument("file", type=Path)
        imp.add_argument("--dry-run", action="store_true", help="periksa saja, jangan simpan")
        imp.add_argument(
            "--keep-good-rows", action="store_true", help="simpan baris yang benar walau ada yang ditolak"
        )
        starter = sub.add_parser(
            "import-starter", help="muat bank soal awal (lebih dari 80 soal) ke pemilihan"
        )
        exp = sub.add_parser("export", help="tulis bank soal ke XLSX dengan kolom yang sama dengan impor")
        exp.add_argument("out", type=Path)
        for p in (imp, starter, exp):
            p.add_argument("--election", required=True, help="slug pemilihan")
            p.add_argument("--json", action="store_true", help="cetak satu objek JSON di stdout")

    def handle(self, *args: Any, **options: Any) -> None:
        self.json_output = options["json"]
        election = election_for_command(options["election"])
        action = options["action"]
        if action == "export":
            self._export(election, options["out"])
            return
        if action == "import-starter":
            report = questions_import_starter(election=election, actor=cli_actor())
        else:
            report = self._import(election, options)
        self._report(report)

    def _import(self, election: Election, options: dict[str, Any]) -> ImportReport:
        path: Path = options["file"]
        if not path.is_file():
            raise UsageError(f"{path} tidak ditemukan")
        try:
            return questions_import(
                election=election,
                source=path,
                filename=path.name,
                actor=cli_actor(),
                dry_run=options["dry_run"],
                keep_good_rows=options["keep_good_rows"],
            )
        except (TableError, DomainError) as exc:
            raise InputRejected(f"Berkas ditolak: {exc.message}", {"code": exc.code}) from None

    def _report(self, report: ImportReport) -> None:
        self.emit(report.as_dict(), report.summary())
        if report.rejected and not report.stored:
            raise InputRejected("Ada baris yang ditolak; tidak ada yang disimpan", reported=True)

    def _export(self, election: Election, out: Path) -> None:
        try:
            out.write_bytes(questions_export(election=election))
        except OSError as exc:
            raise UsageError(f"{out} tidak bisa ditulis: {exc.strerror}") from None
        self.emit({"election": election.slug, "file": str(out)}, f"Bank soal ditulis ke {out}.")
