"""Read the cells of a table: name its columns by the fields they hold, and read each cell's value.

The second step after `tabular.read_table` has turned a file into rows of cells. `match_headers` names
each column by its field, tolerant of how operators write headers ("Nama Lengkap", "No. HP", "NIK "
with a trailing space), and says which required column is missing. Then each cell is read on its own:
refused when a spreadsheet would run it as a formula (`formula_problem`), written as text without Excel's
'.0' (`cell_text`), or read as a date the way operators type one (`parse_date`).
"""

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from bimtek.lib.errors import Problem
from bimtek.lib.tabular import Cell, TableError


@dataclass(frozen=True)
class Column:
    field: str
    aliases: Sequence[str]
    required: bool = False


@dataclass
class HeaderMatch:
    index: dict[str, int]
    unknown: list[str] = field(default_factory=list)
    names: dict[str, str] = field(
        default_factory=dict
    )  # field -> the column's name in the file (or the template's)

    def get(self, cells: list[Cell], name: str) -> Cell:
        i = self.index.get(name)
        if i is None or i >= len(cells):
            return None
        return cells[i]

    def values(self, cells: list[Cell]) -> dict[str, Cell]:
        """field -> cell for every matched column of a row (a short row's missing cells are None): one
        dict per row instead of a lookup per cell, for the imports that read every field of every row."""
        width = len(cells)
        return {name: cells[i] if i < width else None for name, i in self.index.items()}


def normalize_header(text: object) -> str:
    value = str(text or "").strip().lower()
    value = re.sub(r"[._\-/:()#]+", " ", value)
    return re.sub(r"\s+", " ", value).strip()


def match_headers(headers: list[str], columns: Sequence[Column]) -> HeaderMatch:
    """Name each column by the field it holds; raise if a required field has no column."""
    normalized = [normalize_header(h) for h in headers]
    index: dict[str, int] = {}
    for column in columns:
        wanted = {normalize_header(a) for a in (column.field, *column.aliases)}
        for i, header in enumerate(normalized):
            if header in wanted and i not in index.values():
                index[column.field] = i
                break
    missing = [c for c in columns if c.required and c.field not in index]
    if missing:
        names = ", ".join(f"'{c.aliases[0] if c.aliases else c.field}'" for c in missing)
        raise TableError("header_missing", f"Kolom wajib tidak ditemukan: {names}")
    known = set(index.values())
    unknown = [headers[i] for i in range(len(headers)) if i not in known and normalized[i]]
    names = {
        c.field: str(headers[index[c.field]]).strip() if c.field in index else (c.aliases or [c.field])[0]
        for c in columns
    }
    return HeaderMatch(index, unknown, names)


_FORMULA_START = ("=", "@", "\t", "\r")
_SIGNED_NUMBER = re.compile(r"^[+-][0-9 ()\-]*$")


def formula_problem(value: Cell) -> Problem | None:
    """A cell that a spreadsheet would run as a formula (CSV injection) is refused, not cleaned."""
    if not isinstance(value, str) or not value:
        return None
    if value.startswith(_FORMULA_START) or (value[0] in "+-" and not _SIGNED_NUMBER.match(value)):
        return Problem("formula", "Sel diawali tanda rumus (=, +, -, @); tulis ulang sebagai teks biasa")
    return None


def first_formula(values: dict[str, Cell]) -> tuple[str, Problem] | None:
    """The first field (in the order `HeaderMatch.values` gives them) whose cell is a formula, and why: the
    check of `formula_problem` on every cell of a row, with the cells that cannot be formulas passed over."""
    for name, value in values.items():
        if (
            isinstance(value, str)
            and value
            and value[0] in _FORMULA_FIRST
            and (problem := formula_problem(value))
        ):
            return name, problem
    return None


_FORMULA_FIRST = frozenset("=@\t\r+-")


def cell_text(value: Cell) -> str:
    """A cell as text, with Excel's whole-number floats written without '.0'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    return str(value).strip()


_MONTHS = {
    "januari": 1,
    "jan": 1,
    "februari": 2,
    "feb": 2,
    "pebruari": 2,
    "maret": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "mei": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "agustus": 8,
    "agu": 8,
    "agt": 8,
    "ags": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "november": 11,
    "nov": 11,
    "nopember": 11,
    "desember": 12,
    "des": 12,
}


_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DMY_DATE = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_WORD_DATE = re.compile(r"(\d{1,2})[ -]([a-z]+)[ -](\d{4})")


def parse_date(value: Cell) -> dt.date | None:
    """Dates as operators type them: 12-03-1985, 12/03/1985, 1985-03-12, 12 Maret 1985, or an Excel date.

    A 'tempat, tanggal lahir' cell ('Purbalingga, 12-03-1985') is read after its comma. Returns None
    when the text is not a date.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = cell_text(value)
    if "," in text:
        text = text.rsplit(",", 1)[1].strip()
    text = text.lower()
    try:
        if m := _ISO_DATE.fullmatch(text):
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        if m := _DMY_DATE.fullmatch(text):
            return dt.date(int(m[3]), int(m[2]), int(m[1]))
        if (m := _WORD_DATE.fullmatch(text)) and m[2] in _MONTHS:
            return dt.date(int(m[3]), _MONTHS[m[2]], int(m[1]))
    except ValueError:
        return None
    return None
