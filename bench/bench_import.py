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
import datetime as dt
import json
import os
import random
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
    db_row,
    model_fields,
    phase,
    ratio,
    table,
    timed,
    write_result,
)

POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/bimtek_bench")
FULL_PEOPLE = 100_000
QUICK_PEOPLE = 20_000
SMOKE_PEOPLE = 900  # --smoke: the same phases and checks on a few TPS, for CI
PROVINCE = "33"  # Jawa Tengah: regencies are taken in code order until the TPS are enough
KPPS, LINMAS = 7, 2
VOTING_DAY = dt.date(2029, 2, 14)
HEADERS = ["NIK", "Nama Lengkap", "Tanggal Lahir", "No. HP", "Badan", "Kode Wilayah", "TPS", "Jabatan"]


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


def _choose_regencies(needed_tps: int) -> tuple[list[str], list[list[str]], list[str]]:
    """Whole regencies of the province, in code order, until they hold `needed_tps` TPS."""
    import gzip

    from bimtek.elections.services import bundled_tps_counts

    by_regency: dict[str, list[list[str]]] = {}
    with gzip.open(bundled_tps_counts(), "rt", encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        for row in reader:
            if row[0].startswith(f"{PROVINCE}."):
                by_regency.setdefault(row[0][:5], []).append(row)
    chosen, rows, total = [], [], 0
    for regency in sorted(by_regency):
        if total >= needed_tps:
            break
        chosen.append(regency)
        rows += by_regency[regency]
        total += sum(int(r[header.index("tps_count")]) for r in by_regency[regency])
    return chosen, rows, header


def _names(count: int, seed: int) -> list[str]:
    from faker import Faker

    fake = Faker("id_ID")
    fake.seed_instance(seed)
    return [fake.name() for _ in range(count)]


def _people_rows(
    tps: list[tuple[str, int]], count: int, seed: int
) -> tuple[list[list[Any]], list[list[Any]]]:
    """Two files' worth of the same crews (7 KPPS, ketua first, and 2 Linmas per TPS) with distinct NIKs.

    Returned rows carry the birth date as a date; the CSV writer formats it, the XLSX keeps it a date.
    """
    from bimtek.workforce.nik import make_nik

    rng = random.Random(seed)
    names = _names(5000, seed)
    serials: dict[tuple[str, dt.date, str], int] = {}
    first_day, span = dt.date(1966, 1, 1), (dt.date(2006, 12, 31) - dt.date(1966, 1, 1)).days
    prefixes = ["0812", "0813", "0821", "0852", "0857", "0877", "0878", "0895", "0819", "0838"]
    a: list[list[Any]] = []
    b: list[list[Any]] = []
    for village, number in tps:
        kecamatan = village[:8]
        for slot in range(KPPS + LINMAS):
            if len(a) >= count:
                return a, b
            sex = rng.choice("LP")
            birth = first_day + dt.timedelta(days=rng.randrange(span))
            key = (kecamatan, birth, sex)
            serial = serials.get(key, 0) + 2
            serials[key] = serial
            body = "KPPS" if slot < KPPS else "Linmas"
            position = ("Ketua" if slot == 0 else f"Anggota {slot + 1}") if body == "KPPS" else ""
            rest = [
                rng.choice(names),
                birth,
                f"{rng.choice(prefixes)}{rng.randrange(10**7, 10**8)}",
                body,
                village,
                f"{number:03d}",
                position,
            ]
            a.append([make_nik(kecamatan, birth, sex, serial - 1), *rest])
            b.append([make_nik(kecamatan, birth, sex, serial), *rest])
    raise SystemExit(f"only {len(a)} seats in the chosen TPS; {count} wanted")


def _write_csv(path: Path, rows: list[list[Any]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        for row in rows:
            writer.writerow([row[0], row[1], row[2].strftime("%d-%m-%Y"), *row[3:]])


def _write_xlsx(path: Path, rows: list[list[Any]]) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Petugas")
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    workbook.save(path)


def _raw_read_csv(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        return list(reader)


def _raw_read_xlsx(path: Path) -> list[list[Any]]:
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).iter_rows()
    next(rows)
    return list(rows)


def _scratch_tables(vendor: str) -> None:
    """bench_person and bench_appointment: copies of the real tables with their indexes and constraints."""
    from django.db import connection

    with connection.cursor() as cur:
        if vendor == "postgresql":
            cur.execute("DROP TABLE IF EXISTS bench_appointment, bench_person")
            cur.execute("CREATE TABLE bench_person (LIKE workforce_person INCLUDING ALL)")
            cur.execute(
                "ALTER TABLE bench_person ADD FOREIGN KEY (region_code) REFERENCES regions_region (code) "
                "DEFERRABLE INITIALLY DEFERRED"
            )
            cur.execute("CREATE TABLE bench_appointment (LIKE workforce_appointment INCLUDING ALL)")
            for column, target in (
                ("person_id", "bench_person (id)"),
                ("region_code", "regions_region (code)"),
                ("tps_id", "elections_tps (id)"),
                ("election_id", "elections_election (id)"),
            ):
                cur.execute(
                    f"ALTER TABLE bench_appointment ADD FOREIGN KEY ({column}) REFERENCES {target} "
                    "DEFERRABLE INITIALLY DEFERRED"
                )
            return
        cur.execute("DROP TABLE IF EXISTS bench_appointment")
        cur.execute("DROP TABLE IF EXISTS bench_person")
        for table_name in ("workforce_person", "workforce_appointment"):
            cur.execute(
                "SELECT sql FROM sqlite_master WHERE tbl_name = %s AND sql IS NOT NULL ORDER BY type DESC",
                [table_name],
            )
            for (sql,) in cur.fetchall():
                sql = sql.replace('"workforce_person"', '"bench_person"')
                sql = sql.replace('"workforce_appointment"', '"bench_appointment"')
                sql = re.sub(r'INDEX "([^"]+)"', r'INDEX "bench_\1"', sql)
                cur.execute(sql)


def _raw_insert(
    vendor: str, rows: list[list[str]], election_id: int, tps_ids: dict[tuple[str, int], int]
) -> tuple[Any, Any]:
    """Write the rows raw into the scratch tables; returns the two measured phases.

    The rows are the ones the import stores: unsaved Person and Appointment instances rendered through
    their fields (defaults and auto_now stamps included) into every column of the real tables, so a
    column added by a later migration is written here too instead of breaking or flattering the floor.
    """
    from django.db import connection

    from bimtek.workforce.models import Appointment, Person

    person_fields, appointment_fields = model_fields(Person), model_fields(Appointment)
    people = []
    for nik, name, birth, phone, _body, village, _number, _position in rows:
        person = Person(
            nik=nik,
            name=name,
            birth_date=dt.datetime.strptime(birth, "%d-%m-%Y").date(),
            sex="P" if int(nik[6:8]) > 40 else "L",
            phone="+62" + phone[1:],
            region_id=village,
        )
        people.append(db_row(person_fields, person))
    connection.ensure_connection()
    raw = connection.connection
    with phase() as insert_people:
        _write_raw(vendor, raw, "bench_person", person_fields, people)
    with connection.cursor() as cur:
        cur.execute("SELECT nik, id FROM bench_person")
        ids = dict(cur.fetchall())
    seats: dict[tuple[str, int], int] = {}
    appointments = []
    for nik, _name, _birth, _phone, body, village, number, position in rows:
        tps_id = tps_ids[(village, int(number))]
        seat = 1 if position == "Ketua" else int(position.split()[-1]) if position else 0
        if not position:
            seat = seats.get((village, int(number)), 0) + 1
            seats[(village, int(number))] = seat
        appointment = Appointment(
            election_id=election_id,
            person_id=ids[nik],
            body=body.lower(),
            region_id=village,
            tps_id=tps_id,
            seat=seat,
        )
        appointments.append(db_row(appointment_fields, appointment))
    with phase() as insert_appointments:
        _write_raw(vendor, raw, "bench_appointment", appointment_fields, appointments)
    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM bench_person")
        (stored_people,) = cur.fetchone()
        cur.execute("SELECT count(*) FROM bench_appointment")
        (stored_appointments,) = cur.fetchone()
    if stored_people != len(rows) or stored_appointments != len(rows):
        raise SystemExit(f"raw insert stored {stored_people} people and {stored_appointments} appointments")
    return insert_people, insert_appointments


def _write_raw(vendor: str, raw: Any, table_name: str, fields: list[Any], records: list[tuple]) -> None:
    """The database's fastest path for these rows, in one transaction: COPY, or SQLite's executemany."""
    from django.db import transaction

    columns = ", ".join(f.column for f in fields)
    with transaction.atomic():
        if vendor == "postgresql":
            with raw.cursor() as cur, cur.copy(f"COPY {table_name} ({columns}) FROM STDIN") as copy:
                for record in records:
                    copy.write_row(record)
        else:
            marks = ",".join("?" * len(fields))
            raw.executemany(f"INSERT INTO {table_name} ({columns}) VALUES ({marks})", records)  # noqa: S608


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
