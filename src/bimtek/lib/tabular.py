"""Read the CSV and XLSX files operators actually have, and match their headers tolerantly.

Operators' spreadsheets say "Nama Lengkap", "No. HP" or "NIK " with a trailing space; Excel in an
Indonesian locale writes CSV with semicolons; a NIK typed into a number cell has lost its last
digits. This module turns such a file into rows of cells, names each column by the field it holds,
and refuses what could harm the next person who opens an export (formula injection) or the server
(oversized or malformed files), always with a message that says which row and which column.

Reading the file into rows is here (`read_table`); naming its columns and reading its cells (`match_headers`,
`formula_problem`, `cell_text`, `parse_date`) is the next step, in `cells.py`.
"""

import codecs
import csv
import datetime as dt
import hashlib
import io
import tempfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

Cell = str | int | float | bool | dt.date | dt.datetime | dt.time | dt.timedelta | None


class TableError(Exception):
    """The file as a whole cannot be read: nothing in it is stored."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass
class Table:
    headers: list[str]
    rows: Iterator[tuple[int, list[Cell]]]  # (row number as the operator sees it, cells)
    kind: str  # "csv" or "xlsx"
    sha256: str = ""  # of the file as uploaded, for the audit log
    size: int = 0
    source: IO[Any] | None = field(default=None, repr=False)  # the open file the rows are read from

    def close(self) -> None:
        """Close the file behind the rows (also done when they are exhausted, or the Table is dropped)."""
        if self.source is not None:
            self.source.close()
            self.source = None

    def __enter__(self) -> "Table":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        self.close()


XLSX_MAGIC = b"PK\x03\x04"
XLS_MAGIC = b"\xd0\xcf\x11\xe0"
GZIP_MAGIC = b"\x1f\x8b"
CHUNK = 1 << 20  # bytes read at a time: a file of any size is read in bounded memory
GZIP_RATIO = 4  # a .gz may hold at most this many times the upload limit


def _too_large(max_bytes: int) -> TableError:
    return TableError(
        "file_too_large", f"Berkas lebih dari {max_bytes // (1024 * 1024)} MB; pecah menjadi beberapa berkas"
    )


def _spool(source: Path | IO[bytes], max_bytes: int) -> tuple[IO[bytes], str, int]:
    """A seekable binary file with the source's bytes, its SHA-256 and its size, read CHUNK by CHUNK.

    A path is opened where it lies; an upload (or any stream) is copied to a temporary file on disk, so
    neither is ever held whole in memory."""
    digest = hashlib.sha256()
    if isinstance(source, Path):
        if not source.exists():
            raise TableError("file_missing", f"Berkas {source} tidak ditemukan")
        size = source.stat().st_size
        if size > max_bytes:
            raise _too_large(max_bytes)
        handle: IO[bytes] = source.open("rb")
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
        handle.seek(0)
        return handle, digest.hexdigest(), size
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - the Table's row iterator closes it
    size = 0
    while chunk := source.read(min(CHUNK, max_bytes + 1 - size)):
        size += len(chunk)
        if size > max_bytes:
            handle.close()
            raise _too_large(max_bytes)
        digest.update(chunk)
        handle.write(chunk)
    handle.seek(0)
    return handle, digest.hexdigest(), size


def _gunzip_limited(packed: IO[bytes], max_bytes: int) -> IO[bytes]:
    """Decompress to a temporary file with a size limit, so a small 'zip bomb' cannot fill memory or disk."""
    limit = max_bytes * GZIP_RATIO
    decompressor = zlib.decompressobj(wbits=31)
    out = tempfile.TemporaryFile()  # noqa: SIM115 - the Table's row iterator closes it
    written = 0
    try:
        while chunk := packed.read(CHUNK):
            data = decompressor.decompress(chunk, limit + 1 - written)
            while True:
                written += len(data)
                if written > limit:
                    raise TableError("file_too_large", "Isi berkas .gz terlalu besar")
                out.write(data)
                if not decompressor.unconsumed_tail:
                    break
                data = decompressor.decompress(decompressor.unconsumed_tail, limit + 1 - written)
        out.write(decompressor.flush())
    except zlib.error:
        out.close()
        raise TableError("file_malformed", "Berkas .gz rusak") from None
    except TableError:
        out.close()
        raise
    finally:
        packed.close()
    out.seek(0)
    return out


def _blank(handle: IO[bytes]) -> bool:
    """True when the file holds nothing but whitespace (read until the first other byte)."""
    try:
        while chunk := handle.read(CHUNK):
            if chunk.strip():
                return False
        return True
    finally:
        handle.seek(0)


def read_table(source: Path | IO[bytes], *, filename: str = "", max_bytes: int, max_rows: int) -> Table:
    """Open a CSV or XLSX file from a path or an uploaded file. Raises TableError for the whole file.

    The rows are read as they are iterated (CSV) or from the workbook's sheet (XLSX), never by holding
    the file's text; the Table carries the file's SHA-256 for the audit log."""
    handle, sha256, size = _spool(source, max_bytes)
    try:
        if _blank(handle):  # before the format is guessed: a 0-byte .xlsx is empty, not a broken workbook
            raise TableError("file_empty", "Berkas kosong")
        name = (filename or getattr(source, "name", "") or "").lower()
        head = handle.read(8)
        handle.seek(0)
        if head.startswith(GZIP_MAGIC):
            handle = _gunzip_limited(handle, max_bytes)
            name = name.removesuffix(".gz")
            head = handle.read(8)
            handle.seek(0)
        if head.startswith(XLS_MAGIC):
            raise TableError(
                "file_xls", "Format .xls (Excel 97-2003) tidak didukung; simpan ulang sebagai .xlsx atau CSV"
            )
        if head.startswith(XLSX_MAGIC) or name.endswith(".xlsx"):
            table = _read_xlsx(handle, max_rows)
        else:
            table = _read_csv(handle, max_rows)
    except BaseException:
        handle.close()
        raise
    table.sha256, table.size = sha256, size
    return table


def _encoding(handle: IO[bytes]) -> str:
    """UTF-8 (with or without a BOM) when every byte decodes as such, else Windows' ANSI code page: Excel on
    Windows saves "CSV" in cp1252. Checked over the whole file, a chunk at a time."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        while chunk := handle.read(CHUNK):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
        return "utf-8-sig"
    except UnicodeDecodeError:
        return "cp1252"
    finally:
        handle.seek(0)


def _read_csv(handle: IO[bytes], max_rows: int) -> Table:
    if b"\x00" in handle.read(4096):
        raise TableError("file_malformed", "Berkas bukan CSV atau XLSX yang dapat dibaca")
    handle.seek(0)
    encoding = _encoding(handle)
    text = io.TextIOWrapper(handle, encoding=encoding, errors="replace", newline="")
    sample = text.read(16384)
    if not sample.strip():
        raise TableError("file_empty", "Berkas kosong")
    text.seek(0)
    reader = csv.reader(text, delimiter=_guess_delimiter(sample))
    try:
        headers = [str(h) for h in next(reader)]
    except (StopIteration, csv.Error) as exc:
        raise TableError("file_malformed", f"Baris judul CSV tidak terbaca: {exc}") from None

    def rows() -> Iterator[tuple[int, list[Cell]]]:
        try:
            for number, row in enumerate(reader, start=2):
                if number - 1 > max_rows:
                    raise TableError("file_too_many_rows", f"Berkas lebih dari {max_rows} baris data")
                if any(cell.strip() for cell in row):
                    yield number, list(row)
        except csv.Error as exc:
            raise TableError("file_malformed", f"CSV rusak di baris {reader.line_num}: {exc}") from None
        finally:
            text.close()

    return Table(headers, rows(), "csv", source=text)


def _guess_delimiter(sample: str) -> str:
    """The delimiter that splits the first lines into the same, largest number of columns.

    csv.Sniffer is fooled by a header such as "Tempat, Tanggal Lahir" in a semicolon file.
    """
    lines = sample.splitlines()[:20]
    if len(lines) > 1 and not sample.endswith(("\n", "\r")):
        lines = lines[:-1]  # the sample may cut the last line in half
    best, best_score = ",", (False, 0)
    for delimiter in (",", ";", "\t", "|"):
        widths = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        score = (len(set(widths)) == 1, widths[0] if widths else 0)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _read_xlsx(handle: IO[bytes], max_rows: int) -> Table:
    """The first sheet. calamine reads the sheet's cells into its own (compact, Rust-side) range; the rows
    become Python lists one at a time as they are iterated."""
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_filelike(handle)
        sheet = workbook.get_sheet_by_index(0)
        iterator = sheet.iter_rows()
        headers = [str(h) if h is not None else "" for h in next(iterator, [])]
    except Exception:  # calamine raises its own error types for every kind of broken file
        raise TableError(
            "file_malformed", "Berkas XLSX tidak dapat dibaca: rusak, atau bukan buku kerja Excel"
        ) from None
    finally:
        handle.close()
    if not any(h.strip() for h in headers):
        raise TableError("file_empty", "Lembar pertama XLSX tidak punya baris judul")

    def rows() -> Iterator[tuple[int, list[Cell]]]:
        for number, row in enumerate(iterator, start=2):
            if number - 1 > max_rows:
                raise TableError("file_too_many_rows", f"Berkas lebih dari {max_rows} baris data")
            cells: list[Cell] = [None if c == "" else c for c in row]
            if any(c is not None for c in cells):
                yield number, cells

    return Table(headers, rows(), "xlsx")
