"""Benchmark the registry imports: national regions, and 100,000 people from CSV and from XLSX.

    .venv/bin/python bench/bench_import.py [--quick] [--backend sqlite|postgres|all]

For each backend the parent starts one worker process (Django settings are per process), which
migrates a fresh database, imports the bundled national regions twice (import and re-import),
seeds TPS for whole regencies of Jawa Tengah until the people fit (7 KPPS + 2 Linmas per TPS),
writes N synthetic people as CSV and as XLSX, and times `people_import` for each file into its
own fresh election, then the re-import of the same file (which must report every row unchanged).

The baseline is measured in the same run, on the same machine and database:
- raw read: the csv module (CSV) or calamine (XLSX) reading every row of the same file;
- raw insert: the same person rows, and their appointments, written by the database's fastest
  path into scratch tables of the same shape (PostgreSQL COPY; SQLite executemany in one
  transaction), with the same indexes and constraints.

Ratios are import speed / baseline speed (1.0 would be as fast as the bare database write).
PostgreSQL is skipped, with a line that says so, when it cannot be reached. Set
BENCH_POSTGRES_URL to use another server; the database named in it is dropped and recreated.
"""

import argparse
import csv
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import (  # noqa: E402
    REPO_DIR,
    RESULTS_DIR,
    phase,
    timed,
    write_result,
)
from _import_data import (  # noqa: E402
    KPPS,
    LINMAS,
    VOTING_DAY,
    _choose_regencies,
    _people_rows,
    _raw_insert,
    _raw_read_csv,
    _raw_read_xlsx,
    _scratch_tables,
    _write_csv,
    _write_xlsx,
)
from _import_report import ratios, render, summary_lines  # noqa: E402

POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/bimtek_bench")
FULL_PEOPLE = 100_000
QUICK_PEOPLE = 20_000
SMOKE_PEOPLE = 900  # --smoke: the same phases and checks on a few TPS, for CI


# --------------------------------------------------------------------------------------------
# Parent: one worker per backend, then one table.


def _prepare_postgres() -> str | None:
    """Drop and recreate the bench database; None when it works, else why PostgreSQL is skipped."""
    try:
        import psycopg
    except ImportError:
        return "psycopg is not installed"
    match = re.match(r"^(postgres(?:ql)?://[^/]*)/([A-Za-z0-9_]+)$", POSTGRES_URL)
    if not match:
        return f"cannot read the database name in {POSTGRES_URL}"
    server, name = match.groups()
    last: Exception | None = None
    for admin_db in ("postgres", "template1"):
        try:
            with psycopg.connect(f"{server}/{admin_db}", autocommit=True, connect_timeout=3) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                conn.execute(f'CREATE DATABASE "{name}"')
            return None
        except psycopg.Error as exc:
            last = exc
    return f"unreachable ({str(last).strip().splitlines()[0] if last else 'no connection'})"


def _run_worker(backend: str, people: int, data_dir: Path, profile: bool) -> dict[str, Any]:
    out = data_dir / "result.json"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bimtek.settings",
        "BIMTEK_DATA_DIR": str(data_dir),
        "DEBUG": "false",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("DATABASE_URL", None)
    if backend == "postgres":
        env["DATABASE_URL"] = POSTGRES_URL
    cmd = [sys.executable, __file__, "--worker", "--backend", backend, "--people", str(people)]
    cmd += ["--out", str(out), *(["--profile"] if profile else [])]
    proc = subprocess.run(cmd, env=env, cwd=REPO_DIR, check=False)  # noqa: S603 (our own script)
    if proc.returncode != 0 or not out.exists():
        return {"backend": backend, "error": f"worker exited with {proc.returncode}"}
    return json.loads(out.read_text())


def parent(args: argparse.Namespace) -> int:
    people = args.people or (SMOKE_PEOPLE if args.smoke else QUICK_PEOPLE if args.quick else FULL_PEOPLE)
    backends = ["sqlite", "postgres"] if args.backend == "all" else [args.backend]
    results = []
    for backend in backends:
        print(f"== {backend}: {people:,} people ...", flush=True)
        if backend == "postgres" and (why := _prepare_postgres()):
            results.append({"backend": backend, "skipped": why})
            print(f"postgres: skipped: {why}", flush=True)
            continue
        with tempfile.TemporaryDirectory(prefix=f"bench-import-{backend}-") as tmp:
            results.append(_run_worker(backend, people, Path(tmp), args.profile))
    print()
    for result in results:
        print(render(result))
        print()
    for line in summary_lines(results):
        print(line)
    path = write_result(
        "import",
        {
            "benchmark": "import",
            "quick": args.quick,
            "smoke": args.smoke,
            "people": people,
            "ratios": ratios(results),
            "results": results,
        },
    )
    print(f"\nJSON: {path.relative_to(REPO_DIR) if path.is_relative_to(REPO_DIR) else path}")
    failed = any("error" in r or r.get("checks") for r in results)
    return 1 if failed else 0


# --------------------------------------------------------------------------------------------
# Worker: runs inside Django, one backend.


def _log(message: str) -> None:
    print(f"   {message}", flush=True)


def _record(ph: Any, rows: int) -> dict[str, Any]:
    return {"rows": rows, "seconds": round(ph.seconds, 4), "rss_mb": round(ph.mb, 1)}


def _profiler(wanted: bool) -> Any:
    """A started pyinstrument profiler (for --profile), or None."""
    if not wanted:
        return None
    try:
        from pyinstrument import Profiler
    except ImportError:
        _log("--profile needs pyinstrument (.venv/bin/pip install pyinstrument); not profiling")
        return None
    profiler = Profiler(interval=0.001)
    profiler.start()
    return profiler


def worker(args: argparse.Namespace) -> int:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bimtek.accounts.scoping import Scope
    from bimtek.elections.models import TPS
    from bimtek.elections.services import election_create, tps_import
    from bimtek.regions.models import Region
    from bimtek.regions.services import bundled_regions_dir, regions_import
    from bimtek.workforce.people_import import people_import

    vendor = connection.vendor
    actor = "bench"
    checks: list[str] = []
    phases: dict[str, Any] = {}
    work = Path(args.out).parent
    people = args.people

    def check(ok: bool, message: str) -> None:
        if not ok:
            checks.append(message)
            _log(f"CHECK FAILED: {message}")

    with phase() as ph:
        call_command("migrate", verbosity=0, interactive=False)
    phases["migrate"] = _record(ph, 0)
    _log(f"migrate {ph.seconds:.1f} s")

    with phase() as ph:
        report = regions_import(path=bundled_regions_dir(), actor=actor)
    regions = report.imported
    phases["regions_import"] = _record(ph, regions)
    check(report.stored and not report.rejected and regions > 80_000, f"regions import: {report.summary()}")
    _log(f"regions import {regions:,} in {ph.seconds:.1f} s")
    with phase() as ph:
        report = regions_import(path=bundled_regions_dir(), actor=actor)
    phases["regions_reimport"] = _record(ph, report.unchanged)
    check(
        report.unchanged == regions and report.imported == 0 and report.updated == 0,
        f"regions re-import not all unchanged: {report.summary()}",
    )
    _log(f"regions re-import {ph.seconds:.1f} s")
    check(Region.objects.count() == regions, "region count differs from the import report")

    needed = -(-people // (KPPS + LINMAS))
    regencies, count_rows, header = _choose_regencies(needed)
    counts_file = work / "tps_counts.csv"
    with open(counts_file, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(count_rows)
    elections = {}
    for fmt in ("csv", "xlsx"):
        elections[fmt] = election_create(
            slug=f"bench-{fmt}",
            name=f"Bench {fmt.upper()}",
            kind="pemilu",
            voting_day=VOTING_DAY,
            actor=actor,
        )
        with phase() as ph:
            report = tps_import(election=elections[fmt], source=counts_file, filename="tps.csv", actor=actor)
        check(report.stored and not report.rejected, f"TPS import: {report.summary()}")
        phases.setdefault("tps_import", _record(ph, report.imported))
    tps_count = phases["tps_import"]["rows"]
    _log(f"TPS {tps_count:,} in {', '.join(regencies)} ({phases['tps_import']['seconds']:.1f} s)")

    tps_order = list(
        TPS.objects.filter(election=elections["csv"])
        .order_by("village_id", "number")
        .values_list("village_id", "number")
    )
    with timed() as t:
        rows_csv, rows_xlsx = _people_rows(tps_order, people, seed=2029)
        files = {"csv": work / "people.csv", "xlsx": work / "people.xlsx"}
        _write_csv(files["csv"], rows_csv)
        _write_xlsx(files["xlsx"], rows_xlsx)
    sizes = {fmt: files[fmt].stat().st_size for fmt in files}
    del rows_csv, rows_xlsx
    _log(
        f"wrote {people:,} people as CSV ({sizes['csv'] / 1e6:.1f} MB) and XLSX ({sizes['xlsx'] / 1e6:.1f} MB) in {t.seconds:.1f} s"
    )

    baseline: dict[str, Any] = {}
    with phase() as ph:
        read = _raw_read_xlsx(files["xlsx"])
    check(len(read) == people, f"calamine read {len(read)} rows")
    baseline["read_xlsx"] = _record(ph, len(read))
    del read
    with phase() as ph:
        read = _raw_read_csv(files["csv"])
    check(len(read) == people, f"csv read {len(read)} rows")
    baseline["read_csv"] = _record(ph, len(read))
    _scratch_tables(vendor)
    tps_ids = {
        (v, n): pk
        for pk, v, n in TPS.objects.filter(election=elections["csv"]).values_list(
            "id", "village_id", "number"
        )
    }
    insert_people, insert_appointments = _raw_insert(vendor, read, elections["csv"].pk, tps_ids)
    baseline["insert_people"] = _record(insert_people, people)
    baseline["insert_appointments"] = _record(insert_appointments, people)
    del read, tps_ids
    _log(
        "baseline: read CSV {:.2f} s, read XLSX {:.2f} s, insert people {:.2f} s, appointments {:.2f} s".format(
            baseline["read_csv"]["seconds"],
            baseline["read_xlsx"]["seconds"],
            baseline["insert_people"]["seconds"],
            baseline["insert_appointments"]["seconds"],
        )
    )

    national = Scope(region_code=None, person_id=None)
    warnings = {}
    for fmt in ("csv", "xlsx"):
        for again in (False, True):
            key = f"people_{fmt}{'_reimport' if again else ''}"
            profiler = _profiler(args.profile and not again)
            with phase() as ph:
                report = people_import(
                    election=elections[fmt],
                    source=files[fmt],
                    filename=files[fmt].name,
                    actor=actor,
                    scope=national,
                )
            if profiler is not None:
                profiler.stop()
                text = profiler.output_text(
                    unicode=True, color=False, show_all=os.environ.get("BENCH_PROFILE_ALL") == "1"
                )
                RESULTS_DIR.mkdir(parents=True, exist_ok=True)
                (RESULTS_DIR / f"profile-{args.backend}-{key}.txt").write_text(text)
                print(text, flush=True)
            phases[key] = _record(ph, people)
            phases[key].update(imported=report.imported, updated=report.updated, unchanged=report.unchanged)
            phases[key]["rejected_rows"] = len(report.rejected_rows)
            warnings[key] = len(report.warnings)
            first = report.rejected[0] if report.rejected else None
            if again:
                check(
                    report.unchanged == people
                    and not report.imported
                    and not report.updated
                    and not report.rejected,
                    f"{key}: expected {people} unchanged, got {report.summary().splitlines()[0]}",
                )
            else:
                check(
                    report.stored and report.imported == people and not report.rejected,
                    f"{key}: expected {people} imported, got {report.summary().splitlines()[0]}"
                    + (f" (first: row {first.row} {first.code})" if first else ""),
                )
            _log(f"{key}: {ph.seconds:.1f} s, {people / ph.seconds:,.0f} rows/s, peak {ph.mb:.0f} MB")

    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM workforce_person")
        (stored_people,) = cur.fetchone()
    check(stored_people == 2 * people, f"{stored_people} people stored, {2 * people} expected")
    result = {
        "backend": args.backend,
        "database": f"{vendor} {connection.Database.sqlite_version if vendor == 'sqlite' else connection.pg_version}",
        "people": people,
        "tps": tps_count,
        "regencies": regencies,
        "file_bytes": sizes,
        "kpps_over_55_warnings": warnings,
        "phases": phases,
        "baseline": baseline,
        "rss_per_phase": insert_people.per_phase,
        "checks": checks,
        "python": sys.version.split()[0],
    }
    Path(args.out).write_text(json.dumps(result, indent=2))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help=f"{QUICK_PEOPLE:,} people instead of {FULL_PEOPLE:,}"
    )
    parser.add_argument(
        "--smoke", action="store_true", help=f"{SMOKE_PEOPLE:,} people: the same code and checks, for CI"
    )
    parser.add_argument("--backend", choices=["sqlite", "postgres", "all"], default="all")
    parser.add_argument("--people", type=int, default=0, help="number of people (overrides --quick)")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="profile the first import of each file with pyinstrument (not part of the project) and print it",
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        return worker(args)
    return parent(args)


if __name__ == "__main__":
    sys.exit(main())
