"""Check any plan against every rule, whoever made it (CP-SAT, greedy, a person, an imported JSON file).

Independent of the model on purpose: it re-reads the rules from the instance, so a modelling bug shows up as a
violation. Each violation has a stable `code` (tests assert it) and an Indonesian `message`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from .eligibility import (
    facilitator_available,
    facilitator_daily_limit,
    facilitator_serves,
    facilitator_works_at,
    failed_group_filters,
    venue_index,
)
from .length import session_minutes
from .schema import Facilitator, Group, Instance, Plan, Session, Venue
from .text import tanggal


@dataclass(frozen=True)
class Violation:
    code: str
    message: str


_FILTER_MESSAGES = {
    "jendela": "di luar jadwal yang ditetapkan",
    "mulai": "sebelum tanggal mulai yang diizinkan",
    "batas_akhir": "setelah batas akhir",
    "lokalitas": "di luar kecamatannya padahal ada tempat di kecamatannya sendiri",
}


def validate(instance: Instance, plan: Plan) -> list[Violation]:
    return list(_violations(instance, plan))


def _violations(instance: Instance, plan: Plan) -> Iterator[Violation]:
    venues = venue_index(instance)
    groups = {g.id: g for g in instance.groups}
    facilitators = {f.id: f for f in instance.facilitators}
    yield from _check_slots(plan, venues)
    for session in plan.sessions:
        yield from _check_session(instance, session, venues, groups, facilitators)
    yield from _check_coverage(plan, groups)
    yield from _check_facilitator_time(instance, plan, facilitators)


def check_length(plan: Plan, minutes: int | None) -> list[Violation]:
    """Sessions shorter than their program (`minutes`, the sum of its modules): `session_too_short`."""
    if not minutes:
        return []
    out = []
    for s in plan.sessions:
        have = session_minutes(s.slot, s.slots, s.days)
        if have < minutes:
            out.append(
                Violation(
                    "session_too_short",
                    f"{_where(s).capitalize()} hanya {have} menit, programnya {minutes} menit",
                )
            )
    return out


def _where(session: Session) -> str:
    return f"sesi {session.slot} di {session.venue} tanggal {tanggal(session.date)}"


def _check_slots(plan: Plan, venues: dict[str, Venue]) -> Iterator[Violation]:
    seen: Counter[tuple[str, date, int]] = Counter((s.venue, s.date, s.slot) for s in plan.sessions)
    for (venue, day, slot), count in seen.items():
        if count > 1:
            yield Violation(
                "duplicate_session", f"sesi {slot} di {venue} tanggal {tanggal(day)} tercatat {count} kali"
            )
    for session in plan.sessions:
        known = venues.get(session.venue)
        if known is None:
            yield Violation("unknown_venue", f"tempat {session.venue} tidak dikenal")
        elif session.date not in known.days or not 1 <= session.slot <= known.sessions_per_day:
            yield Violation("venue_unavailable", f"{_where(session)}: tempat tidak tersedia pada waktu itu")


def _check_session(
    instance: Instance,
    session: Session,
    venues: dict[str, Venue],
    groups: dict[str, Group],
    facilitators: dict[str, Facilitator],
) -> Iterator[Violation]:
    venue = venues.get(session.venue)
    if not session.allocation:
        yield Violation("empty_session", f"{_where(session)} tidak berisi peserta")
    if venue is not None and session.participants > venue.capacity:
        yield Violation(
            "over_capacity",
            f"{_where(session)}: {session.participants} peserta melebihi kapasitas {venue.capacity}",
        )
    for group_id, count in session.allocation:
        group = groups.get(group_id)
        if group is None:
            yield Violation("unknown_group", f"kelompok {group_id} tidak dikenal")
        elif count <= 0:
            yield Violation("bad_count", f"{_where(session)}: jumlah peserta {group_id} harus positif")
        elif venue is not None:
            for code in failed_group_filters(instance, group, venue, session.date):
                yield Violation(
                    f"rule_{code}", f"{group_id} dijadwalkan {_where(session)}, {_FILTER_MESSAGES[code]}"
                )
    yield from _check_session_staff(instance, session, groups, facilitators)


def _check_session_staff(
    instance: Instance, session: Session, groups: dict[str, Group], facilitators: dict[str, Facilitator]
) -> Iterator[Violation]:
    staff = [facilitators[f] for f in session.facilitators if f in facilitators]
    for unknown in set(session.facilitators) - set(facilitators):
        yield Violation("unknown_facilitator", f"fasilitator {unknown} tidak dikenal")
    needed = instance.rules.facilitators_per_session
    if len(set(session.facilitators)) < needed:
        yield Violation(
            "too_few_facilitators",
            f"{_where(session)}: {len(session.facilitators)} fasilitator, perlu {needed}",
        )
    venue = venue_index(instance).get(session.venue)
    for person in staff:
        if venue and not facilitator_available(instance, person, venue, session.date):
            yield Violation(
                "facilitator_not_available",
                f"{person.id} tidak tersedia (belum ToT atau bertugas di rencana lain) pada {_where(session)}",
            )
        if venue and not facilitator_works_at(instance, person, venue, session.date):
            yield Violation(
                "facilitator_out_of_area", f"{person.id} bertugas di luar wilayahnya: {_where(session)}"
            )
    if needed > 0 and instance.rules.facilitator_area != "any":
        for group_id in session.group_ids:
            group = groups.get(group_id)
            if group and not any(facilitator_serves(instance, person, group) for person in staff):
                yield Violation(
                    "facilitator_out_of_area",
                    f"{_where(session)}: tidak ada fasilitator dari wilayah {group_id}",
                )


def _check_coverage(plan: Plan, groups: dict[str, Group]) -> Iterator[Violation]:
    planned: Counter[str] = Counter()
    sessions_of: Counter[str] = Counter()
    for session in plan.sessions:
        for group_id, count in session.allocation:
            planned[group_id] += count
            sessions_of[group_id] += 1
    left_out = Counter(dict(plan.unplanned))
    for group in groups.values():
        if planned[group.id] + left_out[group.id] != group.size:
            yield Violation(
                "coverage_mismatch",
                f"{group.id}: {planned[group.id]} terjadwal + {left_out[group.id]} tidak terjadwal "
                f"≠ {group.size} anggota",
            )
        if not group.splittable and (sessions_of[group.id] > 1 or 0 < planned[group.id] < group.size):
            yield Violation("group_split", f"{group.id} dipecah padahal harus berlatih bersama")


def _check_facilitator_time(
    instance: Instance, plan: Plan, facilitators: dict[str, Facilitator]
) -> Iterator[Violation]:
    at_once: Counter[tuple[str, date, int]] = Counter()
    per_day: dict[tuple[str, date], int] = defaultdict(int)
    for session in plan.sessions:
        for person in set(session.facilitators):
            at_once[(person, session.date, session.slot)] += 1
            per_day[(person, session.date)] += 1
    for (person, day, slot), count in at_once.items():
        if count > 1:
            yield Violation(
                "facilitator_double_booked",
                f"{person} mengisi {count} sesi sekaligus: sesi {slot}, {tanggal(day)}",
            )
    for (person, day), count in per_day.items():
        if person in facilitators and count > facilitator_daily_limit(instance, facilitators[person]):
            yield Violation(
                "facilitator_over_daily_limit",
                f"{person} mengisi {count} sesi pada {tanggal(day)}, melebihi batas harian",
            )
