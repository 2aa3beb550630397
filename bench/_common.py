"""Small helpers shared by the benchmarks in bench/. Keep this stable: other benchmarks import it.

- `RESULTS_DIR`: where a benchmark writes its JSON (`$BENCH_RESULTS_DIR`, default bench/results).
- `peak_rss()`: measure the peak resident memory of one phase (`with peak_rss() as rss: ...; rss.mb`).
- `timed()`: wall-clock seconds of a block (`with timed() as t: ...; t.seconds`).
- `write_result(name, data)`: write RESULTS_DIR/<name>.json and return its path.
- `table(headers, rows)`: a plain-text table with right-aligned numbers.
- `ratio(value, better)`: one figure for `bench/compare` (`"ratios": {name: ratio(...)}` in the JSON).
- `model_fields(model)`: the columns of a model's table, checked against the database's own table, so a
  baseline that writes "the same rows" raw writes every column the real table has (inside Django only).
- `db_row(fields, obj)`: one unsaved model instance as the values the database stores (defaults filled in).
- `copy_text(value)`: one value in PostgreSQL's COPY text format.
"""

import contextlib
import gc
import json
import os
import resource
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent
RESULTS_DIR = Path(os.environ.get("BENCH_RESULTS_DIR", BENCH_DIR / "results"))


@dataclass
class Measure:
    seconds: float = 0.0
    mb: float = 0.0
    per_phase: bool = False  # False: the peak since the process started (the kernel could not reset it)


def _reset_peak() -> bool:
    """Linux resets the process's peak RSS ("VmHWM", used by getrusage) when 5 is written to clear_refs."""
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
    except OSError:
        return False
    return True


@contextlib.contextmanager
def peak_rss() -> Iterator[Measure]:
    gc.collect()
    measure = Measure(per_phase=_reset_peak())
    yield measure
    measure.mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


@contextlib.contextmanager
def timed() -> Iterator[Measure]:
    measure = Measure()
    start = time.perf_counter()
    yield measure
    measure.seconds = time.perf_counter() - start


@contextlib.contextmanager
def phase() -> Iterator[Measure]:
    """Both: seconds and the peak RSS of the block."""
    with peak_rss() as measure:
        start = time.perf_counter()
        yield measure
        measure.seconds = time.perf_counter() - start


def write_result(name: str, data: Any) -> Path:
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"{name}.json"
    path.write_text(json.dumps(data, indent=2, default=str) + "\n")
    return path


def ratio(value: float | None, better: str = "higher") -> dict[str, Any]:
    """A figure that a later run can be compared with: `better` is "higher" (a speed, a × baseline
    ratio where more is faster) or "lower" (a time, a × baseline ratio where less is faster)."""
    assert better in ("higher", "lower"), better
    return {"value": None if value is None else round(float(value), 4), "better": better}


def model_fields(model: Any) -> list[Any]:
    """Every concrete field of `model` but an auto primary key, failing when its table in the database
    has other columns (a migration the model does not know, or the reverse): a raw baseline must write
    the rows the application writes, and a column it misses is a baseline that breaks or flatters."""
    from django.db import connection

    table_name = model._meta.db_table
    with connection.cursor() as cur:
        in_database = {c.name for c in connection.introspection.get_table_description(cur, table_name)}
    fields = [
        f for f in model._meta.concrete_fields if not (f.primary_key and f.get_internal_type() in _AUTO)
    ]
    in_model = {f.column for f in model._meta.concrete_fields}
    if in_database != in_model:
        raise SystemExit(
            f"{table_name}: the database has columns {sorted(in_database - in_model)} the model lacks and "
            f"lacks {sorted(in_model - in_database)}; migrate, or fix the benchmark"
        )
    return fields


_AUTO = ("AutoField", "BigAutoField", "SmallAutoField")


def db_row(fields: Sequence[Any], obj: Any) -> tuple[Any, ...]:
    """The values `obj.save()` would write for `fields` (auto_now stamps and defaults included)."""
    from django.db import connection

    return tuple(f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields)


def copy_text(value: Any) -> str:
    """One value in COPY's text format (NULL as \\N; tabs, newlines and backslashes escaped)."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    cells = [[str(h) for h in headers], *[[str(c) for c in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]

    def line(row: list[str]) -> str:
        out = []
        for i, cell in enumerate(row):
            numeric = cell[:1].isdigit() or cell[:1] in "-+" and cell[1:2].isdigit()
            out.append(cell.rjust(widths[i]) if numeric and i else cell.ljust(widths[i]))
        return "  ".join(out).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(cells[0]), rule, *(line(row) for row in cells[1:])])
