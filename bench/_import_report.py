"""The import benchmark's report: the table of phases and the ratios it prints and writes (bench_import.py)."""

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import (  # noqa: E402
    ratio,
    table,
)


def _rate(rows: int, seconds: float) -> str:
    return f"{rows / seconds:,.0f}" if seconds > 0 else "-"


def _ratio(baseline_seconds: float | None, seconds: float) -> str:
    return f"{baseline_seconds / seconds:.2f}×" if baseline_seconds and seconds > 0 else ""


def render(result: dict[str, Any]) -> str:
    """The readable table for one backend."""
    if "skipped" in result:
        return f"{result['backend']}: skipped: {result['skipped']}"
    if "error" in result:
        return f"{result['backend']}: FAILED: {result['error']}"
    p = result["phases"]
    lines = []
    rows = []
    for key, label in (
        ("migrate", "migrate (fresh database)"),
        ("regions_import", "regions import (national, bundled)"),
        ("regions_reimport", "regions re-import (all unchanged)"),
        ("tps_import", "TPS import (per election)"),
    ):
        ph = p[key]
        count, rate = (f"{ph['rows']:,}", _rate(ph["rows"], ph["seconds"])) if ph["rows"] else ("", "")
        rows.append([label, count, f"{ph['seconds']:.2f}", rate, "", "", f"{ph['rss_mb']:.0f}"])
    base = result["baseline"]
    insert_label = "COPY" if result["backend"] == "postgres" else "executemany"
    for key, label in (
        ("read_csv", "raw read CSV (csv module)"),
        ("read_xlsx", "raw read XLSX (calamine)"),
        ("insert_people", f"raw insert people ({insert_label})"),
        ("insert_appointments", f"raw insert appointments ({insert_label})"),
    ):
        ph = base[key]
        rows.append(
            [label, f"{ph['rows']:,}", f"{ph['seconds']:.2f}", _rate(ph["rows"], ph["seconds"]), "", ""]
        )
        rows[-1].append(f"{ph['rss_mb']:.0f}")
    insert_people = base["insert_people"]["seconds"]
    write_both = insert_people + base["insert_appointments"]["seconds"]
    for key, label, read in (
        ("people_csv", "people import CSV", "read_csv"),
        ("people_csv_reimport", "people re-import CSV (unchanged)", "read_csv"),
        ("people_xlsx", "people import XLSX", "read_xlsx"),
        ("people_xlsx_reimport", "people re-import XLSX (unchanged)", "read_xlsx"),
    ):
        ph = p[key]
        floor = base[read]["seconds"] + write_both
        rows.append(
            [
                label,
                f"{ph['rows']:,}",
                f"{ph['seconds']:.2f}",
                _rate(ph["rows"], ph["seconds"]),
                _ratio(insert_people, ph["seconds"]),
                _ratio(floor, ph["seconds"]),
                f"{ph['rss_mb']:.0f}",
            ]
        )
    headers = ["phase", "rows", "s", "rows/s", f"× raw {insert_label}", "× floor", "peak RSS MB"]
    lines.append(
        f"{result['backend']} ({result['database']}), {result['people']:,} people, "
        f"{result['tps']:,} TPS in {', '.join(result['regencies'])}"
    )
    lines.append(table(headers, rows))
    lines.append(
        f"× raw {insert_label}: import speed / speed of writing the same person rows raw. "
        "× floor: (raw read of the file + raw insert of people and appointments) / import time."
    )
    if not result["rss_per_phase"]:
        lines.append("peak RSS: the kernel could not reset the peak, so each figure is the peak so far")
    for check in result["checks"]:
        lines.append(f"CHECK FAILED: {check}")
    return "\n".join(lines)


def summary_lines(results: list[dict[str, Any]]) -> list[str]:
    out = []
    for r in results:
        if "phases" not in r:
            continue
        p, base = r["phases"], r["baseline"]
        insert = base["insert_people"]
        for key, fmt in (("people_csv", "CSV"), ("people_xlsx", "XLSX")):
            ph = p[key]
            out.append(
                f"{r['backend']}: {fmt} import {ph['rows'] / ph['seconds']:,.0f} rows/s = "
                f"{insert['seconds'] / ph['seconds']:.2f}× raw {'COPY' if r['backend'] == 'postgres' else 'executemany'}"
            )
        out.append(
            f"{r['backend']}: regions import {p['regions_import']['seconds']:.1f} s, "
            f"re-import {p['regions_reimport']['seconds']:.1f} s"
        )
    return out


def ratios(results: list[dict[str, Any]]) -> dict[str, Any]:
    """Each import's speed over the raw insert of the same person rows, per backend (for bench/compare)."""
    out = {}
    for r in results:
        if "phases" not in r:
            continue
        insert = r["baseline"]["insert_people"]["seconds"]
        for key in ("people_csv", "people_csv_reimport", "people_xlsx", "people_xlsx_reimport"):
            seconds = r["phases"][key]["seconds"]
            out[f"{r['backend']} {key} x raw insert"] = ratio(insert / seconds if seconds else None)
    return out
