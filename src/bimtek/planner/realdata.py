"""Real regions and Pemilu 2024 TPS counts, read from the files the package ships (no database, no ../shared).

Used by tests, the benchmark and demo scenarios to build planner instances of true size.
"""

from __future__ import annotations

import csv
import gzip
import io
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Village:
    code: str
    district_code: str
    name: str
    kind: str
    tps: int


def _rows(package: str, filename: str) -> Iterator[dict[str, str]]:
    raw = resources.files(package).joinpath("data", filename).read_bytes()
    yield from csv.DictReader(io.StringIO(gzip.decompress(raw).decode("utf-8")))


@cache
def tps_per_village() -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in _rows("bimtek.elections", "pemilu2024_tps_per_village.csv.gz"):
        if row["village_code"]:
            counts[row["village_code"]] = counts.get(row["village_code"], 0) + int(row["tps_count"])
    return counts


@cache
def villages() -> tuple[Village, ...]:
    tps = tps_per_village()
    return tuple(
        Village(r["code"], r["district_code"], r["name"], r["kind"], tps.get(r["code"], 0))
        for r in _rows("bimtek.regions", "villages.csv.gz")
    )


@cache
def districts() -> dict[str, tuple[str, str]]:
    """Kecamatan code → (regency code, name)."""
    return {r["code"]: (r["regency_code"], r["name"]) for r in _rows("bimtek.regions", "districts.csv.gz")}


def district_code(name: str, regency_code: str) -> str:
    for code, (regency, district_name) in districts().items():
        if regency == regency_code and district_name.lower() == name.lower():
            return code
    raise KeyError(f"{name} in {regency_code}")


@cache
def _villages_by_district() -> dict[str, list[Village]]:
    by_district: dict[str, list[Village]] = {}
    for village in villages():
        by_district.setdefault(village.district_code, []).append(village)
    return by_district


def villages_in(region: str) -> list[Village]:
    if region.count(".") == 2:  # a kecamatan: the common case, looked up rather than scanned
        return list(_villages_by_district().get(region, []))
    return [v for v in villages() if v.code.startswith(region + ".")]


def districts_in(region: str) -> list[str]:
    return sorted(code for code in districts() if code.startswith(region + "."))
