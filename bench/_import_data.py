"""The import benchmark's inputs and baselines: regencies and people files, and the raw reads and inserts
each import is measured against (bench_import.py)."""

import csv
import datetime as dt
import random
import re
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import (  # noqa: E402
    db_row,
    model_fields,
    phase,
)

PROVINCE = "33"  # Jawa Tengah: regencies are taken in code order until the TPS are enough
KPPS, LINMAS = 7, 2
VOTING_DAY = dt.date(2029, 2, 14)
HEADERS = ["NIK", "Nama Lengkap", "Tanggal Lahir", "No. HP", "Badan", "Kode Wilayah", "TPS", "Jabatan"]


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
