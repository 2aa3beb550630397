"""The one pipeline every row import follows (people, TPS, paper answers, paper attendance, question banks).

1. `open_table`: read the uploaded CSV/XLSX within the site's limits (`IMPORT_MAX_BYTES`, `IMPORT_MAX_ROWS`);
   a file that cannot be read as a whole raises `TableError`, and nothing is stored.
2. The importer matches the headers (`cells.match_headers`) and parses its rows into what it would write,
   telling the `ImportReport` each refused value by row and column. That part is the importer's own.
3. `finish`: the report lists problems top to bottom, under the column names the file uses; a file with
   refused rows stores nothing unless `keep_good_rows`; `compare` (optional) counts what is new, changed
   and unchanged; a dry run stops there; otherwise `store` runs in one durable transaction (its writes and
   its audit entry together) and the report says it was stored.

The audit entry is the importer's, written inside `store`: lib sits below the audit app.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import IO

from django.conf import settings
from django.db import transaction

from bimtek.lib.cells import HeaderMatch
from bimtek.lib.reports import ImportReport
from bimtek.lib.tabular import Table, read_table


def open_table(source: Path | IO[bytes], filename: str = "") -> Table:
    """The uploaded table, read as it is iterated, within the site's size and row limits."""
    return read_table(
        source,
        filename=filename or getattr(source, "name", ""),
        max_bytes=settings.IMPORT_MAX_BYTES,
        max_rows=settings.IMPORT_MAX_ROWS,
    )


def finish(
    report: ImportReport,
    match: HeaderMatch,
    *,
    store: Callable[[], None],
    keep_good_rows: bool = False,
    compare: Callable[[], None] | None = None,
    atomic: bool = True,
) -> ImportReport:
    """Steps 3 of the pipeline: gate on refused rows, compare, stop at a dry run, store in one transaction.

    `atomic=False` is for an importer whose `store` calls a service that is itself one durable transaction
    (paper attendance goes through the check-in sync, exactly once per scan)."""
    report.rejected.sort(key=lambda problem: problem.row)  # the operator reads the report top to bottom
    report.name_columns(match.names)  # "Jabatan", as the file says, not the field's code "position"
    if report.rejected and not keep_good_rows:
        return report
    if compare is not None:
        compare()
    if report.dry_run:
        return report
    if atomic:
        with transaction.atomic(durable=True):
            store()
            report.stored = True
    else:
        store()
        report.stored = True
    return report
