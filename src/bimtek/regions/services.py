"""Load the Kemendagri region list. Re-running it changes only what changed."""

import csv
import gzip
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from django.db import transaction

from bimtek.audit.services import log_action
from bimtek.lib.reports import ImportReport, Progress, no_progress
from bimtek.lib.tabular import TableError
from bimtek.regions.models import Kind, Level, Region

BATCH = 5000


@dataclass(frozen=True)
class RegionFile:
    level: int
    stem: str
    parent_column: str | None
    kinds: frozenset[str]
    code_pattern: re.Pattern[str]


FILES = [
    RegionFile(1, "provinces", None, frozenset({"provinsi"}), re.compile(r"^\d{2}$")),
    RegionFile(
        2, "regencies", "province_code", frozenset({"kabupaten", "kota"}), re.compile(r"^\d{2}\.\d{2}$")
    ),
    RegionFile(
        3, "districts", "regency_code", frozenset({"kecamatan"}), re.compile(r"^\d{2}\.\d{2}\.\d{2}$")
    ),
    RegionFile(
        4,
        "villages",
        "district_code",
        frozenset({"desa", "kelurahan"}),
        re.compile(r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$"),
    ),
]


def bundled_regions_dir() -> Path:
    return Path(str(resources.files("bimtek.regions") / "data"))


def _open_text(path: Path) -> io.TextIOBase:
    if path.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8-sig", newline="")
    return open(path, encoding="utf-8-sig", newline="")  # noqa: SIM115 (closed by the caller's with)


def _find_files(path: Path) -> list[tuple[RegionFile, Path]]:
    if path.is_file():
        with _open_text(path) as handle:
            header = next(csv.reader(handle), [])
        spec = _spec_for_header(header)
        if spec is None:
            raise TableError(
                "header_unknown", f"{path.name}: judul kolom tidak dikenali sebagai berkas wilayah"
            )
        return [(spec, path)]
    found = []
    for spec in FILES:
        for candidate in (path / f"{spec.stem}.csv", path / f"{spec.stem}.csv.gz"):
            if candidate.exists():
                found.append((spec, candidate))
                break
    if not found:
        raise TableError(
            "file_missing", f"{path}: tidak ada provinces.csv, regencies.csv, districts.csv atau villages.csv"
        )
    return found


def _spec_for_header(header: list[str]) -> RegionFile | None:
    columns = {h.strip().lower() for h in header}
    for spec in reversed(FILES):
        if spec.parent_column and spec.parent_column in columns:
            return spec
    return FILES[0] if columns >= {"code", "name"} else None


def _rows(spec: RegionFile, path: Path, report: ImportReport) -> Iterator[tuple[int, dict[str, str]]]:
    with _open_text(path) as handle:
        reader = csv.DictReader(handle)
        required = {"code", "name"} | ({spec.parent_column} if spec.parent_column else set())
        missing = required - set(reader.fieldnames or [])
        if missing:
            raise TableError(
                "header_missing", f"{path.name}: kolom wajib tidak ditemukan: {', '.join(sorted(missing))}"
            )
        for number, row in enumerate(reader, start=2):
            yield number, {k: (v or "").strip() for k, v in row.items() if k}


def _validate(
    spec: RegionFile, number: int, row: dict[str, str], known: set[str], report: ImportReport
) -> Region | None:
    code = row["code"]
    where = f"{spec.stem}.csv"
    if not spec.code_pattern.match(code):
        report.reject(
            number,
            "code",
            "code_format",
            f"{where}: kode wilayah '{code}' tidak sesuai format tingkat {spec.level}",
        )
        return None
    if not row["name"]:
        report.reject(number, "name", "name_missing", f"{where}: nama wilayah {code} kosong")
        return None
    kind = (
        row.get("kind") or ("provinsi" if spec.level == 1 else "kecamatan" if spec.level == 3 else "")
    ).lower()
    if kind == "desa adat":
        kind = "desa"  # a desa adat is counted as a desa
    if kind not in spec.kinds:
        report.reject(
            number,
            "kind",
            "kind_invalid",
            f"{where}: jenis '{kind}' untuk {code} harus salah satu dari {sorted(spec.kinds)}",
        )
        return None
    parent = row.get(spec.parent_column) if spec.parent_column else None
    if parent is not None and (parent not in known or not code.startswith(f"{parent}.")):
        report.reject(
            number,
            spec.parent_column or "",
            "parent_unknown",
            f"{where}: induk '{parent}' dari {code} tidak ada",
        )
        return None
    return Region(code=code, parent_id=parent, level=spec.level, kind=Kind(kind), name=row["name"])


def regions_import(
    *, path: Path, actor: Any, keep_good_rows: bool = False, progress: Progress = no_progress
) -> ImportReport:
    """Load region CSVs (a folder with the four files, or one file) in code order, parents first."""
    report = ImportReport()
    files = sorted(_find_files(path), key=lambda item: item[0].level)
    known: set[str] = set(Region.objects.values_list("code", flat=True))
    pending: list[tuple[RegionFile, list[Region]]] = []
    for spec, file_path in files:
        regions = []
        for number, row in _rows(spec, file_path, report):
            region = _validate(spec, number, row, known, report)
            if region is not None:
                regions.append(region)
                known.add(region.code)
        pending.append((spec, regions))
    if report.rejected and not keep_good_rows:
        return report
    with transaction.atomic():
        for spec, regions in pending:
            _store_level(spec, regions, report, progress)
        report.stored = True
        log_action(
            actor=actor,
            action="regions.import",
            object_type="region",
            after={
                "source": path.name,
                "imported": report.imported,
                "updated": report.updated,
                "unchanged": report.unchanged,
            },
        )
    return report


def _store_level(spec: RegionFile, regions: list[Region], report: ImportReport, progress: Progress) -> None:
    existing = {
        code: (parent, name, kind)
        for code, parent, name, kind in Region.objects.filter(level=spec.level).values_list(
            "code", "parent_id", "name", "kind"
        )
    }
    changed = []
    for region in regions:
        before = existing.get(region.code)
        if before is None:
            report.imported += 1
            changed.append(region)
        elif before != (region.parent_id, region.name, region.kind):
            report.updated += 1
            changed.append(region)
        else:
            report.unchanged += 1
    for start in range(0, len(changed), BATCH):
        Region.objects.bulk_create(
            changed[start : start + BATCH],
            update_conflicts=True,
            unique_fields=["code"],
            update_fields=["parent", "name", "kind", "level"],
        )
        progress(start + BATCH, len(changed), f"{Level(spec.level).label}")
