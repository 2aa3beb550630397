"""bimtek documents KIND --election SLUG --region CODE --from DATE --to DATE [--body B ...] [--out PATH] [--json]

KIND is izin (letters to employers), lampiran_sk, berita_acara (PDF) or honorarium (XLSX). The command prints
for one region in that region's own scope, as a KPU account of that region would, and writes the file.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from bimtek.accounts.scoping import Scope
from bimtek.documents.build import Request, document_build
from bimtek.documents.models import BATCH_KINDS, Kind
from bimtek.elections.selectors import election_for_command
from bimtek.lib.commands import InputRejected, ReportCommand, UsageError
from bimtek.lib.errors import DomainError
from bimtek.regions.selectors import region_for_command
from bimtek.workforce.models import Body


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise UsageError(f"tanggal {value!r} tidak valid; pakai YYYY-MM-DD") from exc


class Command(ReportCommand):
    help = "Cetak surat izin, lampiran SK, berita acara (PDF) atau daftar honorarium (XLSX) sebuah wilayah."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="kind", required=True)
        for kind, label in BATCH_KINDS:
            p = sub.add_parser(kind, help=str(label))
            p.add_argument("--election", required=True, help="slug pemilihan")
            p.add_argument("--region", required=True, help="kode wilayah Kemendagri")
            p.add_argument("--from", dest="date_from", required=True, help="tanggal mulai (YYYY-MM-DD)")
            p.add_argument("--to", dest="date_to", required=True, help="tanggal selesai (YYYY-MM-DD)")
            p.add_argument("--body", action="append", choices=Body.values, help="badan (boleh berulang)")
            p.add_argument("--place", default="", help="tempat kegiatan")
            p.add_argument("--activity", default="", help="nama kegiatan")
            p.add_argument("--out", help="berkas keluaran (bawaan: nama berkas di direktori ini)")
            p.add_argument("--json", action="store_true", help="cetak satu objek JSON di stdout")

    def handle(self, *args: Any, **options: Any) -> None:
        """1. Check the election, region and dates; 2. build in the region's scope; 3. write and report."""
        self.json_output = options["json"]
        election = election_for_command(options["election"])
        code = options["region"]
        region_for_command(code)
        try:
            req = Request(
                kind=options["kind"],
                election_id=election.pk,
                region_code=code,
                date_from=_date(options["date_from"]),
                date_to=_date(options["date_to"]),
                bodies=options["body"] or [Body.KPPS],
                place=options["place"],
                activity=options["activity"],
            )
            built = document_build(req=req, scope=Scope(region_code=code, person_id=None), actor="cli")
        except DomainError as exc:
            raise InputRejected(exc.message, {"code": exc.code}) from exc
        out = Path(options["out"] or built.filename)
        out.write_bytes(built.content)
        payload = {"kind": req.kind, "election": election.slug, "region": code, **built.summary(),
                   "path": str(out), "bytes": len(built.content)}  # fmt: skip
        pages = f", {built.pages} halaman" if built.pages else ""
        self.emit(payload, f"{Kind(req.kind).label}: {built.count} orang{pages} -> {out}")
