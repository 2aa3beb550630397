"""PostgreSQL side of the generator: read the units, reserve ids, and stream rows with COPY.

Everything here takes a psycopg 3 cursor (the one under Django's connection) and runs inside the
caller's transaction. Rows go as COPY text (tab-separated); the name and employer lists hold no tab,
newline or backslash, so nothing needs escaping.
"""

import csv
import datetime as dt
import gzip
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from bimtek.synthetic.country import (
    BODY_NAMES,
    EMPLOYERS,
    START_DAYS_BEFORE,
    NameLists,
    PeopleRows,
    TpsRows,
    Units,
    sirekap_operators,
)

CHUNK = 200_000
Tick = Callable[[int], None]


# --- Regions -------------------------------------------------------------------------------------------

REGION_FILES = (  # stem, level, parent column, kind column (or the kind itself)
    ("provinces", 1, None, "provinsi"),
    ("regencies", 2, "province_code", None),
    ("districts", 3, "regency_code", "kecamatan"),
    ("villages", 4, "district_code", None),
)


def bundled_region_rows(folder: Path) -> Iterator[tuple[str, str | None, int, str, str]]:
    """(code, parent, level, kind, name) of the bundled Kemendagri list."""
    for stem, level, parent_column, kind in REGION_FILES:
        with io.TextIOWrapper(gzip.open(folder / f"{stem}.csv.gz", "rb"), encoding="utf-8-sig") as handle:
            for row in csv.DictReader(handle):
                parent = row[parent_column] if parent_column else None
                yield row["code"], parent, level, kind or row["kind"], row["name"]


def regions_fill(cursor: Any, folder: Path) -> int:
    """COPY the bundled regions the database lacks; existing rows are left as they are.

    The region FK to its parent is deferred, so the order of rows does not matter.
    """
    cursor.execute("SELECT code FROM regions_region")
    have = {row[0] for row in cursor.fetchall()}
    missing = [row for row in bundled_region_rows(folder) if row[0] not in have]
    if missing:
        with cursor.copy("COPY regions_region (code, parent_code, level, kind, name) FROM STDIN") as copy:
            copy.write(
                "".join(
                    f"{code}\t{parent or chr(92) + 'N'}\t{level}\t{kind}\t{_text(name)}\n"
                    for code, parent, level, kind, name in missing
                )
            )
    return len(missing)


def _text(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\t", " ").replace("\n", " ").replace("\r", " ")


# --- Units -------------------------------------------------------------------------------------------


def read_tps_counts(path: Path) -> dict[str, tuple[int, int]]:
    """village_code → (regular, special) from the bundled count file; rows without a code are kept as ''."""
    counts: dict[str, tuple[int, int]] = {}
    with io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            code = row["village_code"].strip()
            regular, special = int(row["tps_regular"]), int(row["tps_special_9xx"] or 0)
            before = counts.get(code, (0, 0))
            counts[code] = (before[0] + regular, before[1] + special)
    return counts


def kabupaten_codes(cursor: Any) -> list[str]:
    cursor.execute("SELECT code FROM regions_region WHERE level = 2 ORDER BY code")
    return [row[0] for row in cursor.fetchall()]


def read_units(
    cursor: Any, kabupaten: list[str], counts: dict[str, tuple[int, int]], *, whole_country: bool
) -> tuple[Units, int]:
    """The kecamatan and desa of the chosen kabupaten, with their TPS counts; and the TPS left unplaced.

    Unplaced: TPS of a village with no 2025 code (4 villages, 18 TPS nationally), or with a code the
    regions table lacks; they belong to no desa, so nobody can serve there.
    """
    cursor.execute(
        "SELECT code, level FROM regions_region WHERE level IN (3, 4) AND substr(code, 1, 5) = ANY(%s) "
        "ORDER BY code",
        [kabupaten],
    )
    rows = cursor.fetchall()
    kecamatan = [code for code, level in rows if level == 3]
    desa = [code for code, level in rows if level == 4]
    position = {code: i for i, code in enumerate(kecamatan)}
    desa_set = set(desa)
    chosen = set(kabupaten)
    unplaced = sum(
        r + s
        for code, (r, s) in counts.items()
        if code not in desa_set and (code[:5] in chosen or (not code and whole_country))
    )
    units = Units(
        kecamatan=kecamatan,
        desa=desa,
        desa_kecamatan=np.array([position[c[:8]] for c in desa], dtype=np.int32),
        tps_regular=np.array([counts.get(c, (0, 0))[0] for c in desa], dtype=np.int32),
        tps_special=np.array([counts.get(c, (0, 0))[1] for c in desa], dtype=np.int32),
    )
    return units, unplaced


def taken_serials(cursor: Any) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """(first 12 NIK digits, highest serial) of the people already stored, sorted by prefix."""
    cursor.execute(
        "SELECT substr(nik, 1, 12)::bigint AS prefix, max(substr(nik, 13, 4)::int) FROM workforce_person "
        "GROUP BY 1 ORDER BY 1"
    )
    rows = cursor.fetchall()
    prefix = np.array([r[0] for r in rows], dtype=np.int64)
    serial = np.array([r[1] for r in rows], dtype=np.int64)
    return prefix, serial


# --- Ids and indexes ---------------------------------------------------------------------------------


def reserve_ids(cursor: Any, table: str, count: int) -> int:
    """The first of `count` consecutive ids for `table`, taken from its identity sequence.

    The caller holds a lock that stops other writers, so the block cannot collide with a row
    inserted meanwhile; the sequence is moved past the block for whoever inserts next.
    """
    cursor.execute(
        f"SELECT pg_get_serial_sequence('{table}', 'id'), (SELECT coalesce(max(id), 0) FROM {table})"  # noqa: S608 - our own table names
    )
    sequence, max_id = cursor.fetchone()
    cursor.execute("SELECT nextval(%s)", [sequence])
    first = max(cursor.fetchone()[0], max_id + 1)
    cursor.execute("SELECT setval(%s, %s)", [sequence, first + max(count, 1) - 1])
    return int(first)


def lock_tables(cursor: Any, tables: list[str]) -> None:
    """Other sessions may read, not write, while the load runs (ids are reserved in blocks)."""
    cursor.execute(f"LOCK TABLE {', '.join(tables)} IN SHARE ROW EXCLUSIVE MODE")


def secondary_indexes(cursor: Any, tables: list[str]) -> list[tuple[str, str]]:
    """(name, definition) of the plain indexes: not a primary key, not unique, not behind a constraint.

    Unique indexes stay during the load: they are the registry's invariants (one active appointment
    per person and election, one person per seat, unique NIK).
    """
    cursor.execute(
        "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
        "WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisunique AND NOT i.indisprimary "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) ORDER BY 1",
        [tables],
    )
    return [(row[0], row[1]) for row in cursor.fetchall()]


def foreign_keys(cursor: Any, tables: list[str]) -> list[tuple[str, str, str]]:
    """(table, name, definition) of the foreign keys from `tables`."""
    cursor.execute(
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE contype = 'f' AND conrelid = ANY(%s::regclass[]) ORDER BY 1, 2",
        [tables],
    )
    return [(row[0], row[1], row[2]) for row in cursor.fetchall()]


def unique_constraints(cursor: Any, tables: list[str]) -> list[tuple[str, str, str]]:
    """(table, name, definition) of the UNIQUE constraints of `tables` (not the primary keys)."""
    cursor.execute(
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE contype = 'u' AND conrelid = ANY(%s::regclass[]) ORDER BY 1, 2",
        [tables],
    )
    return [(row[0], row[1], row[2]) for row in cursor.fetchall()]


@dataclass(frozen=True)
class Dropped:
    indexes: list[tuple[str, str]]
    foreign_keys: list[tuple[str, str, str]]
    uniques: list[tuple[str, str, str]] = field(default_factory=list)


def drop_for_load(cursor: Any, tables: list[str], *, uniques_of: list[str] | None = None) -> Dropped:
    """Drop the plain indexes and the foreign keys of `tables`; `restore_after_load` puts them back.

    A foreign key checks each new row on its own (38 million lookups for the full country), while
    adding it back validates every row in one join; an index built once is cheaper than one kept up
    to date row by row. Unique indexes stay, except the UNIQUE constraints of `uniques_of` (the training's
    tables: their unique keys are made unique by construction, and adding the constraint back checks every
    row in one sort). Everything comes back in the same transaction, so nothing
    unchecked is ever committed.
    """
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # ALTER TABLE refuses while deferred checks are pending
    cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")  # index builds sort in memory, not on disk
    dropped = Dropped(
        secondary_indexes(cursor, tables),
        foreign_keys(cursor, tables),
        unique_constraints(cursor, uniques_of) if uniques_of else [],
    )
    for table, name, _definition in [*dropped.foreign_keys, *dropped.uniques]:
        cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    for name, _definition in dropped.indexes:
        cursor.execute(f"DROP INDEX {name}")
    return dropped


def restore_after_load(cursor: Any, dropped: Dropped) -> None:
    for _name, definition in dropped.indexes:
        cursor.execute(definition)
    for table, name, definition in [*dropped.uniques, *dropped.foreign_keys]:
        cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')


# --- Rows --------------------------------------------------------------------------------------------


def _write_chunks(cursor: Any, sql: str, total: int, render: Callable[[int, int], str], tick: Tick) -> None:
    with cursor.copy(sql) as copy:
        for start in range(0, total, CHUNK):
            stop = min(start + CHUNK, total)
            copy.write(render(start, stop))
            tick(stop - start)


def copy_tps(cursor: Any, *, election_id: int, first_id: int, units: Units, tps: TpsRows, tick: Tick) -> None:
    desa_codes = units.desa

    def render(start: int, stop: int) -> str:
        desa = tps.desa[start:stop].tolist()
        number = tps.number[start:stop].tolist()
        voters = tps.voters[start:stop].tolist()
        return "".join(
            f"{first_id + start + i}\t{election_id}\t{desa_codes[d]}\t{n}\t{v}\t\n"
            for i, (d, n, v) in enumerate(zip(desa, number, voters, strict=True))
        )

    _write_chunks(
        cursor,
        "COPY elections_tps (id, election_id, village_code, number, voters, address) FROM STDIN",
        len(tps),
        render,
        tick,
    )


def copy_people(
    cursor: Any, *, first_id: int, people: PeopleRows, names: NameLists, created_at: dt.datetime, tick: Tick
) -> None:
    # One lookup list per column: women's names after men's, and "" last so index -1 means none.
    first = [*names.first_male, *names.first_female]
    last = [*(f" {n}" for n in names.last_male), *(f" {n}" for n in names.last_female), ""]
    female_first, female_last = len(names.first_male), len(names.last_male)
    employers = [*EMPLOYERS, ""]
    codes = people.unit_codes
    dates, date_index = np.unique(people.birth, return_inverse=True)
    date_text = [str(d) for d in dates]
    stamp = created_at.isoformat()

    def render(start: int, stop: int) -> str:
        window = slice(start, stop)
        female = people.female[window]
        first_i = (people.first_name[window] + np.where(female, female_first, 0)).tolist()
        last_raw = people.last_name[window]
        last_i = np.where(last_raw < 0, -1, last_raw + np.where(female, female_last, 0)).tolist()
        sex = np.where(female, "P", "L").tolist()
        rows = zip(
            people.nik[window].tolist(),
            first_i,
            last_i,
            date_index[window].tolist(),
            sex,
            people.phone[window].tolist(),
            people.employer[window].tolist(),
            people.unit[window].tolist(),
            strict=True,
        )
        return "".join(
            f"{first_id + start + i}\t{nik}\t{first[f]}{last[la]}\t{date_text[d]}\t{s}\t"
            f"{'+62' + str(phone) if phone else ''}\t{employers[e]}\t{codes[u]}\t{stamp}\t{stamp}\n"
            for i, (nik, f, la, d, s, phone, e, u) in enumerate(rows)
        )

    _write_chunks(
        cursor,
        "COPY workforce_person (id, nik, name, birth_date, sex, phone, employer, region_code, created_at, "
        "updated_at) FROM STDIN",
        len(people),
        render,
        tick,
    )


def copy_appointments(
    cursor: Any,
    *,
    election_id: int,
    voting_day: dt.date,
    first_id: int,
    first_person_id: int,
    first_tps_id: int,
    people: PeopleRows,
    created_at: dt.datetime,
    tick: Tick,
) -> None:
    codes = people.unit_codes
    operator = np.where(sirekap_operators(people), "t", "f")
    starts = [(voting_day - dt.timedelta(days=START_DAYS_BEFORE[b])).isoformat() for b in range(4)]
    stamp = created_at.isoformat()

    def render(start: int, stop: int) -> str:
        window = slice(start, stop)
        tps = people.tps[window]
        tps_text = np.where(tps >= 0, tps.astype(np.int64) + first_tps_id, -1).tolist()
        rows = zip(
            people.body[window].tolist(),
            people.unit[window].tolist(),
            tps_text,
            people.seat[window].tolist(),
            operator[window].tolist(),
            strict=True,
        )
        return "".join(
            f"{first_id + start + i}\t{election_id}\t{first_person_id + start + i}\t{BODY_NAMES[b]}\t"
            f"{codes[u]}\t{t if t >= 0 else chr(92) + 'N'}\t{seat}\t{op}\tactive\t"
            f"{starts[b]}\t\t{stamp}\n"
            for i, (b, u, t, seat, op) in enumerate(rows)
        )

    _write_chunks(
        cursor,
        "COPY workforce_appointment (id, election_id, person_id, body, region_code, tps_id, seat, "
        "sirekap_operator, status, start_date, end_reason, created_at) FROM STDIN",
        len(people),
        render,
        tick,
    )


def delete_election_rows(cursor: Any, election_id: int) -> dict[str, int]:
    """Remove an earlier run: its appointments, TPS, and the people who serve in no other election."""
    cursor.execute(
        "CREATE TEMP TABLE synth_old_people ON COMMIT DROP AS "
        "SELECT DISTINCT person_id AS id FROM workforce_appointment WHERE election_id = %s",
        [election_id],
    )
    cursor.execute("DELETE FROM workforce_appointment WHERE election_id = %s", [election_id])
    appointments = cursor.rowcount
    cursor.execute("DELETE FROM elections_tps WHERE election_id = %s", [election_id])
    tps = cursor.rowcount
    cursor.execute(
        "DELETE FROM workforce_person p USING synth_old_people o WHERE p.id = o.id "
        "AND NOT EXISTS (SELECT 1 FROM workforce_appointment a WHERE a.person_id = p.id)"
    )
    people = cursor.rowcount
    cursor.execute("DROP TABLE synth_old_people")
    return {"appointments": appointments, "tps": tps, "people": people}
