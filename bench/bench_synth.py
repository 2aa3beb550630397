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
import os
import re
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import REPO_DIR, phase, table, timed, write_result  # noqa: E402

URL = os.environ.get("BENCH_SYNTH_URL", "postgres://postgres@127.0.0.1:5432/bimtek_bench_synth")
CHUNK = 200_000

# Scratch tables of the same columns as the real ones, and trivial rows for them.
BASELINES = {
    "people": (
        "CREATE TABLE bench_person (LIKE workforce_person INCLUDING DEFAULTS)",
        "COPY bench_person (id, nik, name, birth_date, sex, phone, employer, region_code, created_at, "
        "updated_at) FROM STDIN",
        lambda i: (
            f"{i}\t{3303010101900000 + i}\tNama Orang {i % 1000}\t1990-01-01\tL\t+6281200000000\t\t"
            f"33.03.01.2001\t2024-01-01T00:00:00+00:00\t2024-01-01T00:00:00+00:00\n"
        ),
        "INSERT INTO bench_person (id, nik, name, birth_date, sex, phone, employer, region_code, created_at, "
        "updated_at) SELECT i, (3303010101900000 + i)::text, 'Nama Orang ' || (i %% 1000), '1990-01-01', 'L', "
        "'+6281200000000', '', '33.03.01.2001', now(), now() FROM generate_series(1, %s) i",
    ),
    "appointments": (
        "CREATE TABLE bench_appointment (LIKE workforce_appointment INCLUDING DEFAULTS)",
        "COPY bench_appointment (id, election_id, person_id, body, region_code, tps_id, seat, status, "
        "start_date, end_reason, created_at) FROM STDIN",
        lambda i: (
            f"{i}\t1\t{i}\tkpps\t33.03.01.2001\t{i // 9}\t{i % 7 + 1}\tactive\t2024-01-25\t\t"
            f"2024-01-01T00:00:00+00:00\n"
        ),
        "INSERT INTO bench_appointment (id, election_id, person_id, body, region_code, tps_id, seat, status, "
        "start_date, end_reason, created_at) SELECT i, 1, i, 'kpps', '33.03.01.2001', i / 9, i %% 7 + 1, "
        "'active', '2024-01-25', '', now() FROM generate_series(1, %s) i",
    ),
}


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
    create, copy_sql, render, insert_sql = BASELINES[which]
    cursor.execute(create)
    with timed() as copy_time, cursor.copy(copy_sql) as copy:
        for start in range(0, rows, CHUNK):
            copy.write("".join(render(i) for i in range(start, min(start + CHUNK, rows))))
    cursor.execute(f"TRUNCATE {create.split()[2]}")
    with timed() as insert_time:
        cursor.execute(insert_sql, [rows])
    cursor.execute(f"DROP TABLE {create.split()[2]}")
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
    parser.add_argument("--keep-indexes", action="store_true", help="load with every index and FK in place")
    args = parser.parse_args()
    scale = 0.05 if args.quick else 1.0

    fresh_database()
    os.environ["DATABASE_URL"] = URL
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bimtek.settings")
    os.environ.setdefault("BIMTEK_DATA_DIR", str(REPO_DIR / "var" / "bench-synth"))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bimtek.readiness.synthetic.service import synth_country

    with phase() as migrate:
        call_command("migrate", verbosity=0)
    with phase() as run:
        report = synth_country(
            seed=args.seed, actor="bench", scale=scale, rebuild_indexes=not args.keep_indexes
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
    print(f"synth country: scale {scale}, seed {args.seed}, indexes rebuilt: {report.indexes_rebuilt}")
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
