"""Import people and their appointments from the spreadsheets operators keep.

Two passes. The first reads every row and checks it alone (NIK, dates, phone, body, region, TPS,
seat). The second compares the file with what is stored: who is new, who changed, which seats are
free. Only then, and only if no row was refused (or the operator asked to keep the good rows), is
anything written, in one transaction, in bulk. A dry run stops before the writing. Importing the
same file twice changes nothing: people are keyed by NIK, appointments by election and person.

The phases sit in their own modules: `people_rows` parses and checks each row, `people_plan` compares the
rows with what is stored, `people_store` writes the plan. This module reads the file and runs them in order.
"""

from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import IO, Any

from django.db import IntegrityError

from bimtek.accounts.scoping import Scope
from bimtek.audit.services import log_action
from bimtek.elections.models import Election
from bimtek.lib.cells import match_headers
from bimtek.lib.errors import DomainError
from bimtek.lib.importing import finish, open_table
from bimtek.lib.reports import ImportReport, Progress, no_progress
from bimtek.workforce.people_plan import _drop_duplicates, _plan
from bimtek.workforce.people_rows import COLUMNS, Context, Row, _context_add, _parse_row
from bimtek.workforce.people_store import _store

PARSE_CHUNK = 5000  # raw rows read, looked up and parsed together


def people_import(
    *,
    election: Election,
    source: Path | IO[bytes],
    filename: str = "",
    actor: Any,
    scope: Scope,
    dry_run: bool = False,
    keep_good_rows: bool = False,
    progress: Progress = no_progress,
) -> ImportReport:
    table = open_table(source, filename)
    with table:
        match = match_headers(table.headers, COLUMNS)
        report = ImportReport(dry_run=dry_run)
        ctx = Context(election, scope, {}, {}, report)
        rows: list[Row] = []
        checked = 0
        progress(0, None, "Memeriksa baris")
        # A chunk of raw rows at a time: their regions and TPS are looked up together, then the cells are
        # dropped and only the parsed rows kept, so a file of any length is read in bounded memory.
        for chunk in _chunks(table.rows, PARSE_CHUNK):
            _context_add(ctx, match, chunk)
            rows += [r for number, cells in chunk if (r := _parse_row(number, cells, match, ctx)) is not None]
            checked += len(chunk)
            progress(checked, None, "Memeriksa baris")
    rows = _drop_duplicates(rows, report)
    plan = _plan(rows, ctx)

    def store() -> None:
        _store(plan, ctx, actor, progress)
        log_action(
            actor=actor,
            action="people.import",
            object_type="election",
            object_id=election.pk,
            region_code=scope.region_code or "",
            after=report.audit_record(filename=filename, sha256=table.sha256),
        )

    try:
        return finish(report, match, store=store, keep_good_rows=keep_good_rows)
    except IntegrityError:
        # Someone else filled a seat between our check and our write; nothing of ours was stored.
        raise DomainError(
            "import_conflict",
            "Data berubah saat impor berjalan (kursi terisi oleh proses lain); ulangi impor",
        ) from None


def _chunks(rows: Iterator[tuple[int, list[Any]]], size: int) -> Iterator[list[tuple[int, list[Any]]]]:
    while chunk := list(islice(rows, size)):
        yield chunk
