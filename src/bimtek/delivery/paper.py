"""Attendance from a signed paper sheet, typed into XLSX or CSV, with the usual row report.

Columns: 'Kode Peserta' (the code under the participant's QR on the sheet), 'Bagian' (pagi, siang, ...) and
'Hadir' (ya/tidak; a blank cell means present). A row's key is derived from the session, person and part,
so importing the same file again reports every row unchanged.
"""

from __future__ import annotations

import hashlib
from typing import IO, Any

from bimtek.delivery import selectors
from bimtek.delivery.models import Method
from bimtek.delivery.services import Scan, attendance_sync, person_of_token
from bimtek.lib.cells import Column, cell_text, formula_problem, match_headers
from bimtek.lib.errors import DomainError
from bimtek.lib.importing import finish, open_table
from bimtek.lib.reports import ImportReport
from bimtek.lib.tabular import TableError
from bimtek.planner.models import TrainingSession

COLUMNS = [
    Column("code", ["Kode Peserta", "Kode", "Kode QR"], required=True),
    Column("part", ["Bagian", "Bagian Hari", "Sesi"], required=True),
    Column("present", ["Hadir", "Kehadiran", "TTD"]),
]
YES = {"", "ya", "y", "hadir", "1", "v", "x", "✓", "true"}
NO = {"tidak", "t", "n", "no", "0", "absen", "false", "-"}


def paper_key(session_id: int, person_id: int, part: str) -> str:
    return "paper-" + hashlib.sha256(f"{session_id}:{person_id}:{part}".encode()).hexdigest()[:40]


def attendance_import(
    *, session: TrainingSession, source: IO[bytes], filename: str, actor: Any, keep_good_rows: bool = False
) -> ImportReport:
    report = ImportReport()
    try:
        table = open_table(source, filename)
        match = match_headers(table.headers, COLUMNS)
        parts = selectors.session_parts(session)
        scans: list[tuple[int, Scan]] = []
        for number, cells in table.rows:
            values = {c.field: cell_text(match.get(cells, c.field)) for c in COLUMNS}
            bad = next((f for f, v in values.items() if formula_problem(v)), None)
            if bad:
                report.reject(number, bad, "formula", "Sel diawali tanda rumus (=, +, -, @)")
                continue
            present = values["present"].lower()
            if present in NO:
                report.unchanged += 1
                continue
            if present not in YES:
                report.reject(
                    number, "present", "present_invalid", "Isi kolom Hadir dengan 'ya' atau 'tidak'"
                )
                continue
            person_id = person_of_token(values["code"])
            if person_id is None:
                report.reject(number, "code", "qr_unknown", "Kode peserta tidak dikenal")
                continue
            part = values["part"].lower()
            if part not in parts:
                report.reject(
                    number, "part", "part_unknown", f"Bagian harus salah satu dari: {', '.join(parts)}"
                )
                continue
            key = paper_key(session.pk, person_id, part)
            scans.append((number, Scan(key=key, part=part, method=Method.PAPER, person_id=person_id)))
    except TableError as exc:
        raise DomainError(exc.code, exc.message) from None

    def store() -> None:
        # The check-in sync is itself one durable transaction per batch, exactly once per scan (its key).
        answers = attendance_sync(session=session, scans=[s for _, s in scans], actor=actor) if scans else []
        for (number, _), answer in zip(scans, answers, strict=True):
            if answer.code == "created":
                report.imported += 1
            elif answer.code == "already":
                report.unchanged += 1
            else:
                report.reject(number, "code", answer.code, answer.message)

    return finish(report, match, store=store, keep_good_rows=keep_good_rows, atomic=False)
