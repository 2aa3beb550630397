"""Benchmark the synthetic country generator: the whole registry of the Pemilu 2024 into PostgreSQL.

    .venv/bin/python bench/bench_synth.py [--quick] [--seed 2024] [--keep-indexes]

Drops and recreates the database named in BENCH_SYNTH_URL (default
postgres://postgres@127.0.0.1:5432/bimtek_bench_synth), migrates it, and runs `synth_country`
(full: scale 1.0, all 820,143 placeable TPS and about 7.6 million people; --quick: scale 0.05).
Reports the time of each phase, rows/s per table, the total, and the database and table sizes.

Baseline, measured in the same run on the same database, for the same number of rows:
- raw COPY: trivially made rows (a counter and constants, no numpy, no lookups) of the same columns,
  COPY'd into a scratch table with no index; the floor for rendering and writing a row;
- generate_series: the same rows made by the server itself (INSERT ... SELECT), no client at all.
`× copy` is the generator's rows/s for that table divided by the raw COPY's.
"""

import argparse
import datetime as dt
import os
import re
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import (  # noqa: E402
    REPO_DIR,
    copy_text,
    db_row,
    model_fields,
    phase,
    ratio,
    table,
    timed,
    write_result,
)

URL = os.environ.get("BENCH_SYNTH_URL", "postgres://postgres@127.0.0.1:5432/bimtek_bench_synth")
CHUNK = 200_000
SMOKE_REGION = "19.06"

# The raw baselines: trivial rows for every column of the real table. The columns come from the model
# (checked against the migrated table), so a column added later is written here too. A column named
# here varies with the row number i (COPY text, and the same as SQL for generate_series); every other
# column takes the value an unsaved instance with these constants would store (its defaults included).
BASELINES: dict[str, dict[str, Any]] = {
    "people": {
        "model": ("workforce", "Person"),
        "constants": {
            "nik": "3303010101900000",
            "name": "Nama Orang",
            "birth_date": dt.date(1990, 1, 1),
            "sex": "L",
            "phone": "+6281200000000",
            "region_id": "33.03.01.2001",
        },
        "varying": {
            "id": (lambda i: f"{i}", "i"),
            "nik": (lambda i: f"{3303010101900000 + i}", "(3303010101900000 + i)::text"),
            "name": (lambda i: f"Nama Orang {i % 1000}", "'Nama Orang ' || (i %% 1000)"),
        },
    },
    "appointments": {
        "model": ("workforce", "Appointment"),
        "constants": {
            "election_id": 1,
            "person_id": 1,
            "body": "kpps",
            "region_id": "33.03.01.2001",
            "tps_id": 1,
            "seat": 1,
            "start_date": dt.date(2024, 1, 25),
        },
        "varying": {
            "id": (lambda i: f"{i}", "i"),
            "person_id": (lambda i: f"{i}", "i"),
            "tps_id": (lambda i: f"{i // 9}", "i / 9"),
            "seat": (lambda i: f"{i % 7 + 1}", "i %% 7 + 1"),
        },
    },
}


def baseline_rows(which: str) -> tuple[str, list[str], Any, str, list[Any]]:
    """(model table, columns, render(i) -> one COPY line, the generate_series SELECT list, its parameters)."""
    from django.apps import apps

    spec = BASELINES[which]
    model = apps.get_model(*spec["model"])
    fields = [model._meta.pk, *model_fields(model)]
    proto = model(**spec["constants"])
    constants = dict(zip(fields, db_row(fields, proto), strict=True))
    varying = spec["varying"]
    pieces, makers, select, params = [], [], [], []
    for f in fields:
        if f.column in varying or f.attname in varying:
            py, sql = varying.get(f.column) or varying[f.attname]
            pieces.append("%s")
            makers.append(py)
            select.append(sql)
        else:
            pieces.append(copy_text(constants[f]).replace("%", "%%"))
            select.append("%s")
            params.append(constants[f])
    template = "\t".join(pieces) + "\n"

    def render(i: int) -> str:
        return template % tuple(make(i) for make in makers)

    return model._meta.db_table, [f.column for f in fields], render, ", ".join(select), params


def fresh_database() -> None:
    import psycopg

    match = re.match(r"^(postgres(?:ql)?://[^/]*)/([A-Za-z0-9_]+)$", URL)
    if not match:
        raise SystemExit(f"cannot read the database name in {URL}")
    server, name = match.groups()
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def baseline(cursor: Any, which: str, rows: int) -> dict[str, float]:
    table_name, columns, render, select, params = baseline_rows(which)
    scratch = f"bench_{table_name}"
    column_list = ", ".join(columns)
    cursor.execute(f"CREATE TABLE {scratch} (LIKE {table_name} INCLUDING DEFAULTS)")
    with timed() as copy_time, cursor.copy(f"COPY {scratch} ({column_list}) FROM STDIN") as copy:
        for start in range(0, rows, CHUNK):
            copy.write("".join(render(i) for i in range(start, min(start + CHUNK, rows))))
    cursor.execute(f"TRUNCATE {scratch}")
    with timed() as insert_time:
        cursor.execute(
            f"INSERT INTO {scratch} ({column_list}) SELECT {select} FROM generate_series(1, %s) i",  # noqa: S608
            [*params, rows],
        )
    cursor.execute(f"DROP TABLE {scratch}")
    return {
        "copy_rows_per_s": round(rows / copy_time.seconds),
        "generate_series_rows_per_s": round(rows / insert_time.seconds),
    }


def sizes(cursor: Any) -> dict[str, int]:
    cursor.execute("SELECT pg_database_size(current_database())")
    result = {"database": cursor.fetchone()[0]}
    for name in ("regions_region", "elections_tps", "workforce_person", "workforce_appointment"):
        cursor.execute("SELECT pg_total_relation_size(%s)", [name])
        result[name] = cursor.fetchone()[0]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="scale 0.05 instead of the whole country")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument(
        "--smoke", action="store_true", help=f"only {SMOKE_REGION} (Belitung Timur): the same code, for CI"
    )
    parser.add_argument("--keep-indexes", action="store_true", help="load with every index and FK in place")
    args = parser.parse_args()
    scale = 0.05 if args.quick else 1.0
    regions = [SMOKE_REGION] if args.smoke else None

    fresh_database()
    os.environ["DATABASE_URL"] = URL
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bimtek.settings")
    os.environ.setdefault("BIMTEK_DATA_DIR", str(REPO_DIR / "var" / "bench-synth"))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bimtek.synthetic.service import synth_country

    with phase() as migrate:
        call_command("migrate", verbosity=0)
    with phase() as run:
        report = synth_country(
            seed=args.seed,
            actor="bench",
            scale=scale,
            regions=regions,
            rebuild_indexes=not args.keep_indexes,
        )
    with connection.cursor() as wrapper:
        db_sizes = sizes(wrapper.cursor)
        people = report.counts["people"]
        bases = {which: baseline(wrapper.cursor, which, people) for which in BASELINES}

    rows = []
    for name, seconds in report.seconds.items():
        rate = report.rows_per_second.get(name)
        base = bases.get(name, {})
        rows.append(
            [
                name,
                f"{seconds:.2f}",
                f"{rate:,}" if rate else "",
                f"{base['copy_rows_per_s']:,}" if base else "",
                f"{rate / base['copy_rows_per_s']:.2f}" if base and rate else "",
                f"{base['generate_series_rows_per_s']:,}" if base else "",
            ]
        )
    print(
        f"synth country: {', '.join(regions or ['Indonesia'])}, scale {scale}, seed {args.seed}, indexes rebuilt: {report.indexes_rebuilt}"
    )
    print(", ".join(f"{k} {v:,}" for k, v in report.counts.items() if v))
    print(table(["phase", "s", "rows/s", "raw COPY rows/s", "× copy", "generate_series rows/s"], rows))
    print(
        f"migrate {migrate.seconds:.1f} s; synth total {run.seconds:.1f} s (peak RSS {run.mb:,.0f} MB); "
        + "; ".join(f"{k} {v / 2**20:,.0f} MB" for k, v in db_sizes.items())
    )
    path = write_result(
        "synth",
        {
            "quick": args.quick,
            "smoke": args.smoke,
            "regions": regions,
            "ratios": {
                f"{name} x raw copy": ratio(report.rows_per_second[name] / base["copy_rows_per_s"])
                for name, base in bases.items()
                if report.rows_per_second.get(name)
            },
            "scale": scale,
            "seed": args.seed,
            "report": report.as_dict(),
            "migrate_seconds": round(migrate.seconds, 2),
            "total_seconds": round(run.seconds, 2),
            "peak_rss_mb": round(run.mb),
            "sizes_bytes": db_sizes,
            "baseline": bases,
        },
    )
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
