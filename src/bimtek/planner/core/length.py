"""How long a session must be for its program, and the planner's instance folded to sessions of that length.

A slot is a part of a day (slot 1 08.00–12.00, slot 2 13.00–17.00, slot 3 18.30–21.30, the same at every
venue). A program of up to one slot's minutes fits a slot; up to a teaching day (slots 1 and 2, 08.00–17.00)
takes a full day; anything longer takes that many full days in a row, with the same people and facilitators
(`length_for`). The evening slot is never part of a long session: nobody teaches a crew for 13 hours.

The solver itself only knows one-slot sessions. `fold` turns an instance into one whose slots are the long
sessions: a full-day session is slot 1 of a day; a session of d days is slot 1 of the first day of a block of d
days. Blocks start at the window's first day and follow each other (days 1–3, 4–6, …), the same at every venue,
so a facilitator who leads one block cannot lead an overlapping one elsewhere (the solver sees the same date and
slot) and a hall is never booked twice on a day. A venue offers a block only when it is open on all of its days.
`unfold` turns the solved plan back into sessions with their real first slot, slots and days.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date, timedelta

from .schema import Facilitator, Instance, Plan, Rules, Session

SLOT_MINUTES = {1: 240, 2: 240, 3: 180}
SLOT_STARTS = {1: (8, 0), 2: (13, 0), 3: (18, 30)}
DAY_SLOTS = 2  # a teaching day: slots 1 and 2
DAY_MINUTES = sum(SLOT_MINUTES[n] for n in range(1, DAY_SLOTS + 1))


@dataclass(frozen=True)
class Length:
    """How much of the timetable one session takes: `slots` in a row on each of `days` days in a row."""

    slots: int = 1
    days: int = 1

    @property
    def single(self) -> bool:
        return self.slots == 1 and self.days == 1

    def minutes(self, first_slot: int = 1) -> int:
        return self.days * sum(SLOT_MINUTES.get(n, 0) for n in range(first_slot, first_slot + self.slots))


def length_for(minutes: int | None) -> Length:
    """The shortest session that holds a program of `minutes` (None or 0: one slot, the old default)."""
    if not minutes or minutes <= SLOT_MINUTES[1]:
        return Length()
    if minutes <= DAY_MINUTES:
        return Length(DAY_SLOTS, 1)
    return Length(DAY_SLOTS, math.ceil(minutes / DAY_MINUTES))


def session_minutes(first_slot: int, slots: int, days: int) -> int:
    return Length(slots, days).minutes(first_slot)


def fold(instance: Instance, length: Length) -> Instance:
    """The instance whose one-slot sessions are sessions of `length` (see the module's docstring)."""
    if length.single:
        return instance
    last = instance.rules.last_allowed_day()
    venues = []
    for venue in instance.venues:
        if length.days > 1:
            days = _block_starts(instance.window.start, set(venue.days), length.days, last)
            per_day = 1
        else:
            days, per_day = venue.days, max(1, venue.sessions_per_day // length.slots)
        if days:
            venues.append(replace(venue, days=days, sessions_per_day=per_day))
    facilitators = tuple(_fold_facilitator(f, instance, length) for f in instance.facilitators)
    rules = _fold_rules(instance.rules, length)
    return replace(instance, venues=tuple(venues), facilitators=facilitators, rules=rules)


def _block_starts(start: date, open_days: set[date], days: int, last: date | None) -> tuple[date, ...]:
    if not open_days:
        return ()
    starts = []
    first = start
    while first <= max(open_days):
        block = [first + timedelta(days=i) for i in range(days)]
        if all(d in open_days for d in block) and (last is None or block[-1] <= last):
            starts.append(first)
        first += timedelta(days=days)
    return tuple(starts)


def block_of(day: date, start: date, days: int) -> date:
    """The first day of the block (of `days` days from `start`) that holds `day`."""
    return start + timedelta(days=((day - start).days // days) * days)


def _fold_facilitator(facilitator: Facilitator, instance: Instance, length: Length) -> Facilitator:
    limit = facilitator.max_sessions_per_day
    if limit is not None:
        limit = max(1, limit // length.slots)
    busy = facilitator.busy_days
    if length.days > 1 and busy:
        busy = tuple(sorted({block_of(d, instance.window.start, length.days) for d in busy}))
    return replace(facilitator, max_sessions_per_day=limit, busy_days=busy)


def _fold_rules(rules: Rules, length: Length) -> Rules:
    per_day = max(1, rules.facilitator_max_sessions_per_day // length.slots)
    return replace(rules, facilitator_max_sessions_per_day=per_day)


def unfold(plan: Plan, length: Length) -> Plan:
    """The folded plan's sessions as they happen: their real first slot, slots and days."""
    if length.single:
        return plan
    sessions = tuple(
        replace(s, slot=(s.slot - 1) * length.slots + 1, slots=length.slots, days=length.days)
        for s in plan.sessions
    )
    return replace(plan, sessions=sessions)


def refold(session: Session, length: Length) -> Session:
    """A stored session (real first slot) as the folded instance sees it: the reverse of `unfold`."""
    if length.single:
        return session
    return replace(session, slot=(session.slot - 1) // length.slots + 1, slots=1, days=1)


@dataclass(frozen=True)
class TimetableRow:
    day: int  # 1 for the session's first day
    start: str  # "08.00"
    end: str
    title: str
    minutes: int


def timetable(modules: list[tuple[str, int]], first_slot: int, length: Length) -> list[TimetableRow]:
    """The program's modules laid into the session's slots in order, a module carried over a break when it
    does not fit before it. What does not fit at all is listed last with an empty time (the validator says why).
    """
    parts: list[tuple[int, int, int]] = []  # (day, start minute, end minute) of each teaching part
    for day in range(1, length.days + 1):
        for slot in range(first_slot, first_slot + length.slots):
            hour, minute = SLOT_STARTS.get(slot, (8, 0))
            begin = hour * 60 + minute
            parts.append((day, begin, begin + SLOT_MINUTES.get(slot, 0)))
    rows: list[TimetableRow] = []
    index, clock = 0, parts[0][1] if parts else 0
    for title, minutes in modules:
        left = minutes
        while left > 0 and index < len(parts):
            day, _, end = parts[index]
            take = min(left, end - clock)
            if take <= 0:
                index += 1
                clock = parts[index][1] if index < len(parts) else 0
                continue
            rows.append(TimetableRow(day, _hhmm(clock), _hhmm(clock + take), title, take))
            clock += take
            left -= take
        if left > 0:
            rows.append(TimetableRow(0, "", "", title, left))
    return rows


def _hhmm(minute: int) -> str:
    return f"{minute // 60:02d}.{minute % 60:02d}"


__all__ = [
    "DAY_MINUTES",
    "SLOT_MINUTES",
    "Length",
    "TimetableRow",
    "fold",
    "length_for",
    "refold",
    "session_minutes",
    "timetable",
    "unfold",
]
