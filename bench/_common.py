"""Small helpers shared by the benchmarks in bench/. Keep this stable: other benchmarks import it.

- `RESULTS_DIR`: where a benchmark writes its JSON (`$BENCH_RESULTS_DIR`, default bench/results).
- `peak_rss()`: measure the peak resident memory of one phase (`with peak_rss() as rss: ...; rss.mb`).
- `timed()`: wall-clock seconds of a block (`with timed() as t: ...; t.seconds`).
- `write_result(name, data)`: write RESULTS_DIR/<name>.json and return its path.
- `table(headers, rows)`: a plain-text table with right-aligned numbers.
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
