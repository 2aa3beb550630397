"""The row report every import returns: what was stored, what was already there, and what was refused."""

import hashlib
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field, replace
from typing import Any

Progress = Callable[[int, int | None, str], None]

# A report names at most this many problems one by one (CLI --json, job result, web page); beyond that it
# counts them per code. A file of 900,000 bad rows then gives a report of kilobytes, not a hundred megabytes.
REPORT_LIMIT = 1000


def no_progress(done: int, total: int | None, message: str) -> None:
    """A progress callback that reports nowhere."""


@dataclass(frozen=True, slots=True)
class RowProblem:
    row: int
    column: str
    code: str
    message: str
    header: str = ""  # the column as the file names it ("Jabatan"), for people; `column` is the field's code


class _Tally:
    """Exact counts of a kind of problem without keeping them: per code, and the distinct rows (a bitmap,
    one bit per row number: 125 KB for a million rows)."""

    __slots__ = ("total", "by_code", "_rows", "row_count")

    def __init__(self) -> None:
        self.total = 0
        self.by_code: Counter[str] = Counter()
        self._rows = bytearray()
        self.row_count = 0

    def add(self, problem: RowProblem) -> None:
        self.total += 1
        self.by_code[problem.code] += 1
        row = max(problem.row, 0)
        byte, bit = divmod(row, 8)
        if byte >= len(self._rows):
            self._rows.extend(bytes(byte + 1 - len(self._rows) + 1024))
        if not self._rows[byte] & (1 << bit):
            self._rows[byte] |= 1 << bit
            self.row_count += 1


@dataclass
class ImportReport:
    """The report of one import. It keeps the first `keep` problems of each kind by row (None: all of them)
    and counts every one exactly, so a file of a million bad rows gives a small report in bounded memory."""

    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[RowProblem] = field(default_factory=list)
    warnings: list[RowProblem] = field(default_factory=list)
    dry_run: bool = False
    stored: bool = False
    details: dict[str, Any] = field(default_factory=dict)
    keep: int | None = REPORT_LIMIT
    _tallies: dict[str, _Tally] = field(
        default_factory=lambda: {"rejected": _Tally(), "warnings": _Tally()}, repr=False, compare=False
    )

    def _add(self, kind: str, problems: list[RowProblem], problem: RowProblem) -> None:
        self._tallies[kind].add(problem)
        problems.append(problem)
        if self.keep is not None and len(problems) > 2 * self.keep:
            problems.sort(key=lambda p: p.row)  # keep the first rows: the operator reads top to bottom
            del problems[self.keep :]

    def reject(self, row: int, column: str, code: str, message: str) -> None:
        self._add("rejected", self.rejected, RowProblem(row, column, code, message))

    def warn(self, row: int, column: str, code: str, message: str) -> None:
        self._add("warnings", self.warnings, RowProblem(row, column, code, message))

    def name_columns(self, names: Mapping[str, str]) -> None:
        """Give every problem the column's name as the file writes it (or the template's name)."""
        self.rejected[:] = [
            replace(p, header=names.get(p.column, p.header or p.column)) for p in self.rejected
        ]
        self.warnings[:] = [
            replace(p, header=names.get(p.column, p.header or p.column)) for p in self.warnings
        ]

    @property
    def rejected_total(self) -> int:
        return self._tallies["rejected"].total

    @property
    def rejected_row_count(self) -> int:
        """Rows with at least one refused value (all of them, not only the problems kept one by one)."""
        return self._tallies["rejected"].row_count

    @property
    def rejected_rows(self) -> set[int]:
        """The rows of the problems kept one by one (all rejected rows when `keep` is None)."""
        return {p.row for p in self.rejected}

    @property
    def refused(self) -> bool:
        """Rows were rejected, so nothing was stored (a real run without --keep-good-rows)."""
        return bool(self.rejected) and not self.stored and not self.dry_run

    def as_dict(self) -> dict[str, Any]:
        data = asdict(
            replace(self, rejected=[], warnings=[])
        )  # the problems below, at most REPORT_LIMIT each
        del data["keep"], data["_tallies"]
        if self.refused:  # what was refused was not imported: the counts say what is stored, nothing
            data.update(imported=0, updated=0, would_import=self.imported, would_update=self.updated)
        for name, problems in (("rejected", self.rejected), ("warnings", self.warnings)):
            tally = self._tallies[name]
            data[name] = [asdict(p) for p in sorted(problems, key=lambda p: p.row)[:REPORT_LIMIT]]
            data[f"{name}_total"] = tally.total
            data[f"{name}_by_code"] = dict(tally.by_code.most_common())
        data["rejected_row_count"] = self.rejected_row_count
        data["report_limit"] = REPORT_LIMIT
        return data

    def audit_record(self, *, filename: str, data: bytes | None = None, sha256: str = "") -> dict[str, Any]:
        """What the audit log keeps of an import: the file (by name and hash) and the counts, never its rows."""
        return {
            "file": filename,
            "sha256": sha256 or hashlib.sha256(data or b"").hexdigest(),
            "imported": self.imported,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected_rows": self.rejected_row_count,
        }

    def summary(self) -> str:
        verb = "akan disimpan" if self.dry_run else "disimpan"
        lines = [
            f"Baru {verb}: {self.imported}, diperbarui: {self.updated}, tidak berubah: {self.unchanged}, "
            f"ditolak: {self.rejected_row_count} baris"
        ]
        if self.refused:
            lines[0] = (
                f"Baru disimpan: 0, diperbarui: 0 (baris yang benar: {self.imported} baru, {self.updated} "
                f"berubah), tidak berubah: {self.unchanged}, ditolak: {self.rejected_row_count} baris"
            )
            lines.append(
                "Tidak ada yang disimpan karena ada baris yang ditolak (pakai --keep-good-rows untuk menyimpan baris yang benar)."
            )
        for p in sorted(self.rejected, key=lambda p: p.row)[:50]:
            lines.append(f"  baris {p.row}, kolom {p.header or p.column}: {p.message} [{p.code}]")
        if self.rejected_total > 50:
            lines.append(f"  ... dan {self.rejected_total - 50} masalah lain (lihat --json)")
        for p in self.warnings[:20]:
            lines.append(f"  peringatan baris {p.row}, kolom {p.header or p.column}: {p.message} [{p.code}]")
        return "\n".join(lines)
