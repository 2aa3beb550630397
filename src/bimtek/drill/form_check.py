"""Check real C.Hasil forms in bulk: a spreadsheet with one row per TPS, or a JSON file (ours or Sirekap's).

Rows are read with the registry's tabular helpers (tolerant headers, formula cells refused) and a bad
cell refuses its row in the registry's row report (row, column, code, Indonesian message); the other
rows are still checked, because a PPK wants the violations of the 40 good TPS while one is retyped.
Nothing is stored. The column headers are documented in docs/form.md.
"""

import re
from dataclasses import dataclass, field
from typing import IO

from bimtek.accounts.scoping import Scope
from bimtek.drill.core.checker import CheckResult, check
from bimtek.drill.core.form import (
    BALLOT_BOXES,
    BOX_MAX,
    CONTESTS,
    EMPTY_COLUMN,
    LP_COLUMNS,
    LP_ROWS,
    TOTAL_BOXES,
    CountForm,
    Kind,
    form_from_boxes,
)
from bimtek.drill.core.schema import FormDataError
from bimtek.drill.services import forms_from_bytes
from bimtek.lib.cells import Column, HeaderMatch, cell_text, formula_problem, match_headers
from bimtek.lib.reports import ImportReport
from bimtek.lib.tabular import Cell, TableError, read_table
from bimtek.regions.models import Level, Region

MAX_PAIRS = 20
# A kecamatan has a few hundred TPS and a kabupaten a few thousand; checking is milliseconds per form,
# so this runs in the request. Beyond this the file is a job's work, not a page's.
MAX_ROWS = 5000

# Friendly names per section, as operators title their recap sheets; the box path itself always works.
_LP_NAMES = {
    "I.A": ["DPT"],
    "I.B.1": ["Pengguna DPT"],
    "I.B.2": ["Pengguna DPTb"],
    "I.B.3": ["Pengguna DPK"],
    "I.B.4": ["Pengguna Total", "Jumlah Pengguna"],
    "III": ["Disabilitas", "Pemilih Disabilitas"],
}
_COLUMN_NAMES = {"l": ["L"], "p": ["P"], "total": ["Jumlah", "J", "Total"]}
_SINGLE_NAMES = {
    "II.1": ["Surat Suara Diterima"],
    "II.2": ["Surat Suara Digunakan"],
    "II.3": ["Surat Suara Rusak"],
    "II.4": ["Surat Suara Tidak Digunakan", "Sisa Surat Suara"],
    "V.A": ["Suara Sah"],
    "V.B": ["Suara Tidak Sah"],
    "V.C": ["Jumlah Suara", "Suara Sah dan Tidak Sah", "Total Suara"],
}


def _box_columns() -> list[Column]:
    columns = []
    for row in LP_ROWS:
        for column in LP_COLUMNS:
            path = f"{row}.{column}"
            friendly = [f"{name} {suffix}" for name in _LP_NAMES[row] for suffix in _COLUMN_NAMES[column]]
            columns.append(Column(path, [path, *friendly]))
    for path in (*BALLOT_BOXES, *TOTAL_BOXES):
        columns.append(Column(path, [path, *_SINGLE_NAMES[path]]))
    for n in range(1, MAX_PAIRS + 1):
        columns.append(Column(f"IV.{n}", [f"IV.{n}", f"Paslon {n}", f"Suara Paslon {n}"]))
    columns.append(Column(f"IV.{EMPTY_COLUMN}", [f"IV.{EMPTY_COLUMN}", "Kolom Kosong"]))
    return columns


BOX_COLUMNS = _box_columns()
ID_COLUMNS = [
    Column("id", ["ID", "ID Formulir", "Nama Formulir"]),
    Column("region_code", ["Kode Desa", "Kode Wilayah", "Kode Desa/Kelurahan", "Kode Kelurahan"]),
    Column("tps", ["TPS", "No TPS", "Nomor TPS"]),
    Column("contest", ["Pemilihan", "Jenis Pemilihan", "Kontestasi"]),
]
COLUMNS = ID_COLUMNS + BOX_COLUMNS
_INTEGER = re.compile(r"^-?[0-9]+$")


@dataclass(frozen=True)
class TpsResult:
    row: int  # the spreadsheet row, or the form's place in a JSON file (from 1)
    region_code: str
    tps: int | None
    form: CountForm
    result: CheckResult


@dataclass
class FormCheck:
    results: list[TpsResult] = field(default_factory=list)
    report: ImportReport = field(
        default_factory=lambda: ImportReport(keep=None)
    )  # the export lists every one

    @property
    def with_errors(self) -> int:
        return sum(1 for r in self.results if not r.result.ok)


def check_forms(forms: list[CountForm]) -> FormCheck:
    outcome = FormCheck()
    for i, form in enumerate(forms, start=1):
        outcome.results.append(TpsResult(i, "", None, form, check(form)))
    return outcome


def check_upload(*, source: IO[bytes], filename: str, kind: Kind, scope: Scope, max_bytes: int) -> FormCheck:
    """Check every form in an uploaded XLSX/CSV (one row per TPS) or JSON file."""
    head = source.read(64)
    source.seek(0)
    if head.lstrip()[:1] in (b"{", b"["):
        return _check_json(source.read(max_bytes + 1), max_bytes)
    outcome = FormCheck()
    try:
        table = read_table(source, filename=filename, max_bytes=max_bytes, max_rows=MAX_ROWS)
        headers = match_headers(table.headers, COLUMNS)
        if not any(c.field in headers.index for c in BOX_COLUMNS):
            raise TableError(
                "header_missing", "Tidak ada kolom kotak formulir yang dikenali (mis. V.A, Suara Sah)"
            )
        for name in headers.unknown:
            outcome.report.warn(1, name, "column_unknown", "Kolom tidak dikenal, diabaikan")
        regions = _RegionCheck(scope)
        titles = {name: table.headers[i] for name, i in headers.index.items()}
        for number, cells in table.rows:
            _check_row(outcome, _Row(number, cells, headers, titles), kind, regions)
    except TableError as exc:
        outcome.report.reject(0, "", exc.code, exc.message)
    return outcome


def _check_json(data: bytes, max_bytes: int) -> FormCheck:
    if len(data) > max_bytes:
        outcome = FormCheck()
        outcome.report.reject(0, "", "file_too_large", f"Berkas lebih dari {max_bytes // (1024 * 1024)} MB")
        return outcome
    try:
        return check_forms(forms_from_bytes(data))
    except FormDataError as exc:
        outcome = FormCheck()
        match = re.match(r"^\[(\d+)\]\.?(.*)$", exc.path)
        row, column = (int(match[1]) + 1, match[2]) if match else (1 if exc.path else 0, exc.path)
        outcome.report.reject(row, column, "form_data", exc.message)
        return outcome


class _RegionCheck:
    """Whether a desa code is a known desa inside the user's scope; one query per distinct code."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self.known: dict[str, bool] = {}

    def problem(self, code: str) -> tuple[str, str] | None:
        if code not in self.known:
            self.known[code] = Region.objects.filter(code=code, level=Level.DESA).exists()
        if not self.known[code]:
            return "region_unknown", f"Kode desa/kelurahan {code} tidak dikenal"
        if not self.scope.covers(code):
            return "region_out_of_scope", f"Desa/kelurahan {code} di luar wilayah Anda"
        return None


@dataclass(frozen=True)
class _Row:
    number: int
    cells: list[Cell]
    headers: HeaderMatch
    titles: dict[str, str]  # field -> the column title as written in the file, for the row report

    def get(self, name: str) -> Cell:
        return self.headers.get(self.cells, name)


def _check_row(outcome: FormCheck, row: _Row, kind: Kind, regions: _RegionCheck) -> None:
    number = row.number
    problems: list[tuple[str, str, str]] = []  # column, code, message

    def text(name: str) -> str:
        value = row.get(name)
        if (formula := formula_problem(value)) is not None:
            problems.append((name, formula.code, formula.message))
            return ""
        return cell_text(value)

    region_code, tps_text, form_id = text("region_code"), text("tps"), text("id")
    contest = text("contest").lower() or CONTESTS[kind][0]
    if region_code and (found := regions.problem(region_code)):
        problems.append(("region_code", *found))
    tps = int(tps_text) if tps_text.isdigit() and 1 <= int(tps_text) <= BOX_MAX else None
    if tps_text and tps is None:
        problems.append(("tps", "tps_invalid", f"Nomor TPS harus 1 sampai 999, bukan {tps_text!r}"))
    if contest not in CONTESTS[kind]:
        problems.append(
            ("contest", "contest_invalid", f"Pemilihan harus salah satu dari {', '.join(CONTESTS[kind])}")
        )
    values: dict[str, int | None] = {}
    for column in BOX_COLUMNS:
        if column.field not in row.titles:
            continue
        value, problem = _number(row.get(column.field))
        if problem is not None:
            problems.append((column.field, *problem))
        values[column.field] = value
    if f"IV.{EMPTY_COLUMN}" in values and (
        kind != "pilkada" or sum(p.startswith("IV.") for p in values) != 2
    ):
        problems.append(
            (
                f"IV.{EMPTY_COLUMN}",
                "empty_column",
                "Kolom kosong hanya ada pada Pilkada dengan satu pasangan calon",
            )
        )
    for column_name, code, message in problems:
        outcome.report.reject(number, row.titles.get(column_name, column_name), code, message)
    if problems:
        return
    if not form_id:
        form_id = f"{region_code} TPS {tps:03d}" if region_code and tps else f"baris {number}"
    form = form_from_boxes(id=form_id, kind=kind, contest=contest, values=values)
    outcome.results.append(TpsResult(number, region_code, tps, form, check(form)))


def _number(value: Cell) -> tuple[int | None, tuple[str, str] | None]:
    """A box value: empty, a whole number (as Excel stores it, maybe as a float), or a refusal."""
    if value is None:
        return None, None
    if isinstance(value, bool):
        return None, ("not_a_number", "Isian harus bilangan bulat, bukan benar/salah")
    if isinstance(value, int):
        return value, None
    if isinstance(value, float):
        if value.is_integer():
            return int(value), None
        return None, ("not_whole", f"Isian harus bilangan bulat, bukan {value:g}")
    if (formula := formula_problem(value)) is not None:
        return None, (formula.code, formula.message)
    text = cell_text(value)
    if not text:
        return None, None
    if _INTEGER.match(text):
        return int(text), None
    return None, ("not_a_number", f"Isian harus bilangan bulat 0-999, bukan {text!r}")
