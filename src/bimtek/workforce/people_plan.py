"""Planning the people import: what the parsed rows change in what is stored.

The second phase of the people import (`people_import`), after `people_rows` has parsed the file and before
`people_store` writes. A NIK given twice in the file is refused (`_drop_duplicates`); then the rows are
compared with the stored people and the active appointments of the election (`_plan`): who is new, whose
details changed, which seat each new appointment takes, and which rows are refused because the person is
already appointed or the seat is taken. The result is a `Plan`; this module reads the database but writes
nothing.
"""

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from bimtek.elections.models import Election
from bimtek.lib.bulk import rows_where_in, values_where_in
from bimtek.lib.reports import ImportReport
from bimtek.workforce.models import TPS_BODIES, Appointment, Body, Person, Status
from bimtek.workforce.people_rows import Context, Row
from bimtek.workforce.people_welfare import WELFARE_FIELDS


def _drop_duplicates(rows: list[Row], report: ImportReport) -> list[Row]:
    seen: dict[str, int] = {}
    kept = []
    for row in rows:
        if row.nik in seen:
            report.reject(
                row.number, "nik", "duplicate_in_file", f"NIK yang sama sudah ada di baris {seen[row.nik]}"
            )
        else:
            seen[row.nik] = row.number
            kept.append(row)
    return kept


@dataclass
class Plan:
    new_people: list[Row]  # rows whose NIK is not stored yet
    changed_people: list[tuple[Person, dict[str, Any]]]  # (person with new values, values before)
    new_appointments: list[tuple[Row, int]]  # (row, seat)
    person_ids: dict[str, int]


PERSON_FIELDS = ("name", "birth_date", "sex", "phone", "email", "employer", "region_id", *WELFARE_FIELDS)


def _plan(rows: list[Row], ctx: Context) -> Plan:
    report = ctx.report
    niks = [r.nik for r in rows]
    stored = {v["nik"]: v for v in values_where_in(Person, "nik", niks, ("id", "nik", *PERSON_FIELDS))}
    current = _current_appointments([v["id"] for v in stored.values()], ctx.election)
    occupied = _occupied_seats(rows, ctx.election)
    plan = Plan([], [], [], {nik: v["id"] for nik, v in stored.items()})
    for row in rows:
        before = stored.get(row.nik)
        appointment = current.get(before["id"]) if before else None
        seat = _resolve_appointment(row, appointment, occupied, ctx)
        if seat == -1:
            continue
        person_changed = _person_change(row, before, plan)
        if before is None or seat is not None:
            report.imported += 1
        elif person_changed:
            report.updated += 1
        else:
            report.unchanged += 1
        if seat is not None:
            plan.new_appointments.append((row, seat))
    return plan


def _person_change(row: Row, before: dict[str, Any] | None, plan: Plan) -> bool:
    values = {
        "name": row.name,
        "birth_date": row.birth_date,
        "sex": row.sex,
        "phone": row.phone,
        "email": row.email,
        "employer": row.employer,
        "region_id": row.home_region,
        **{name: getattr(row.welfare, name) for name in WELFARE_FIELDS},
    }
    if before is None:
        plan.new_people.append(row)
        return True
    # Blank cells do not erase what is stored: an operator's partial list is not a deletion.
    changed = {k: v for k, v in values.items() if v not in ("", None) and before[k] != v}
    if changed:
        person = Person(
            id=before["id"],
            nik=row.nik,
            updated_at=timezone.now(),
            **{**{k: before[k] for k in PERSON_FIELDS}, **changed},
        )
        plan.changed_people.append((person, {k: before[k] for k in changed}))
    return bool(changed)


UnitKey = tuple[str, str, int | None]  # (body, region, tps id)


def _unit(body: str, region: str, tps_id: int | None) -> UnitKey:
    return (body, region, tps_id) if body in TPS_BODIES else (body, region, None)


def _current_appointments(
    person_ids: list[int], election: Election
) -> dict[int, tuple[str, str, int | None, int]]:
    active = Appointment.objects.filter(election=election, status=Status.ACTIVE)
    names = ("person_id", "body", "region_id", "tps_id", "seat")
    return {
        person_id: (body, region, tps_id, seat)
        for person_id, body, region, tps_id, seat in rows_where_in(active, "person_id", person_ids, names)
    }


def _occupied_seats(rows: list[Row], election: Election) -> dict[UnitKey, set[int]]:
    occupied: dict[UnitKey, set[int]] = defaultdict(set)
    tps_ids = sorted({r.tps_id for r in rows if r.tps_id is not None})
    regions = sorted({r.region for r in rows if r.body not in TPS_BODIES})
    active = Appointment.objects.filter(election=election, status=Status.ACTIVE)
    for body, region, tps_id, seat in rows_where_in(
        active, "tps_id", tps_ids, ("body", "region_id", "tps_id", "seat")
    ):
        occupied[_unit(body, region, tps_id)].add(seat)
    units = active.filter(tps__isnull=True)
    for body, region, seat in rows_where_in(units, "region_id", regions, ("body", "region_id", "seat")):
        occupied[_unit(body, region, None)].add(seat)
    return occupied


def _resolve_appointment(
    row: Row,
    appointment: tuple[str, str, int | None, int] | None,
    occupied: dict[UnitKey, set[int]],
    ctx: Context,
) -> int | None:
    """The seat to appoint the row's person to; None when already appointed there; -1 when refused."""
    if appointment is not None:
        body, region, tps_id, seat = appointment
        if (body, region, tps_id) == (row.body, row.region, row.tps_id) and row.seat in (None, seat):
            return None
        where = f"TPS id {tps_id}" if tps_id else region
        ctx.report.reject(
            row.number,
            "body",
            "already_appointed",
            f"Orang ini sudah aktif sebagai {Body(body).label} (kursi {seat}, {where}) di pemilihan ini; "
            "pindahkan lewat penggantian antarwaktu (PAW)",
        )
        return -1
    taken = occupied[_unit(row.body, row.region, row.tps_id)]
    norm = ctx.election.norm(row.body)
    if row.seat is not None:
        if row.seat in taken:
            ctx.report.reject(
                row.number,
                "position",
                "seat_taken",
                f"Kursi {row.seat} ({'ketua' if row.seat == 1 else 'anggota'}) sudah terisi",
            )
            return -1
        seat = row.seat
    else:
        # Seat 1 is kept for the ketua, except in Linmas, which has none.
        first = 1 if row.body == Body.LINMAS else 2
        free = [s for s in range(first, norm + 1) if s not in taken]
        if not free:
            ctx.report.reject(
                row.number,
                "position",
                "unit_full",
                f"Semua {norm} kursi {Body(row.body).label} di sini sudah terisi",
            )
            return -1
        seat = free[0]
    taken.add(seat)
    return seat
