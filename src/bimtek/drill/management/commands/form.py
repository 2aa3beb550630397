"""bimtek form check FILE: apply every C.Hasil consistency rule to one form or a list of forms."""

from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from bimtek.drill.core.checker import check
from bimtek.drill.core.report import result_json, result_text
from bimtek.drill.core.schema import FormDataError
from bimtek.drill.services import forms_from_file
from bimtek.lib.commands import InputRejected, ReportCommand, UsageError


class Command(ReportCommand):
    help = "Periksa formulir C.Hasil (JSON Bimtek atau JSON Sirekap) terhadap aturan konsistensi."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        check_parser = sub.add_parser(
            "check", help="periksa satu formulir atau daftar formulir dalam berkas JSON"
        )
        check_parser.add_argument("file", help="berkas JSON (lihat docs/form.md)")
        check_parser.add_argument("--json", action="store_true", help="cetak satu objek JSON di stdout")

    def handle(self, *args: Any, **options: Any) -> None:
        self.json_output = options["json"]
        forms = self._read(Path(options["file"]))
        results = [(form, check(form)) for form in forms]
        failed = sum(not result.ok for _, result in results)
        summary = (
            f"{failed} dari {len(forms)} formulir memiliki kesalahan."
            if failed
            else f"{len(forms)} formulir tanpa kesalahan."
        )
        payload = {
            "forms": [result_json(form, result) for form, result in results],
            "summary": {"forms": len(forms), "with_errors": failed},
        }
        self.emit(payload, "\n".join([*(result_text(f, r) for f, r in results), summary]))
        if failed:
            raise InputRejected(summary, reported=True)

    def _read(self, path: Path) -> list[Any]:
        """1. The file must exist (usage error, 2); 2. it must hold forms (rejected, 1)."""
        if not path.is_file():
            raise UsageError(f"{path} tidak ditemukan")
        try:
            return forms_from_file(path)
        except FormDataError as exc:
            raise InputRejected(f"Berkas {path} ditolak: {exc}", {"field": exc.path}) from None
