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


@dataclass
class ImportReport:
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[RowProblem] = field(default_factory=list)
    warnings: list[RowProblem] = field(default_factory=list)
    dry_run: bool = False
    stored: bool = False
    details: dict[str, Any] = field(default_factory=dict)

    def reject(self, row: int, column: str, code: str, message: str) -> None:
        self.rejected.append(RowProblem(row, column, code, message))

    def warn(self, row: int, column: str, code: str, message: str) -> None:
        self.warnings.append(RowProblem(row, column, code, message))

    def name_columns(self, names: Mapping[str, str]) -> None:
        """Give every problem the column's name as the file writes it (or the template's name)."""
        self.rejected = [replace(p, header=names.get(p.column, p.header or p.column)) for p in self.rejected]
        self.warnings = [replace(p, header=names.get(p.column, p.header or p.column)) for p in self.warnings]

    @property
    def rejected_rows(self) -> set[int]:
        return {p.row for p in self.rejected}

    @property
    def refused(self) -> bool:
        """Rows were rejected, so nothing was stored (a real run without --keep-good-rows)."""
        return bool(self.rejected) and not self.stored and not self.dry_run

    def as_dict(self) -> dict[str, Any]:
        data = asdict(
            replace(self, rejected=[], warnings=[])
        )  # the problems below, at most REPORT_LIMIT each
        if self.refused:  # what was refused was not imported: the counts say what is stored, nothing
            data.update(imported=0, updated=0, would_import=self.imported, would_update=self.updated)
        for name, problems in (("rejected", self.rejected), ("warnings", self.warnings)):
            data[name] = [asdict(p) for p in problems[:REPORT_LIMIT]]
            data[f"{name}_total"] = len(problems)
            data[f"{name}_by_code"] = dict(Counter(p.code for p in problems).most_common())
        data["rejected_row_count"] = len(self.rejected_rows)
        data["report_limit"] = REPORT_LIMIT
        return data

    def audit_record(self, *, filename: str, data: bytes) -> dict[str, Any]:
        """What the audit log keeps of an import: the file (by name and hash) and the counts, never its rows."""
        return {
            "file": filename,
            "sha256": hashlib.sha256(data).hexdigest(),
            "imported": self.imported,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected_rows": len(self.rejected_rows),
        }

    def summary(self) -> str:
        verb = "akan disimpan" if self.dry_run else "disimpan"
        lines = [
            f"Baru {verb}: {self.imported}, diperbarui: {self.updated}, tidak berubah: {self.unchanged}, "
            f"ditolak: {len(self.rejected_rows)} baris"
        ]
        if self.refused:
            lines[0] = (
                f"Baru disimpan: 0, diperbarui: 0 (baris yang benar: {self.imported} baru, {self.updated} "
                f"berubah), tidak berubah: {self.unchanged}, ditolak: {len(self.rejected_rows)} baris"
            )
            lines.append(
                "Tidak ada yang disimpan karena ada baris yang ditolak (pakai --keep-good-rows untuk menyimpan baris yang benar)."
            )
        for p in self.rejected[:50]:
            lines.append(f"  baris {p.row}, kolom {p.header or p.column}: {p.message} [{p.code}]")
        if len(self.rejected) > 50:
            lines.append(f"  ... dan {len(self.rejected) - 50} masalah lain (lihat --json)")
        for p in self.warnings[:20]:
            lines.append(f"  peringatan baris {p.row}, kolom {p.header or p.column}: {p.message} [{p.code}]")
        return "\n".join(lines)
