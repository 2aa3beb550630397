"""First-fit decreasing: the baseline the CP-SAT model must beat, its warm start, and the national fallback.

Biggest groups first; each goes into the first open session it may use with room and a facilitator from its
area, else opens the roomiest free slot (own kecamatan first, earliest date).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .eligibility import (
    all_slots,
    facilitator_daily_limit,
    facilitator_may_use,
    facilitator_serves,
    group_may_use,
    is_travel,
    venue_index,
)
from .schema import Facilitator, Group, Instance, Plan, Session, Slot, Venue


@dataclass
class _OpenSession:
    slot: Slot
    venue: Venue
    room: int
    allocation: list[tuple[str, int]] = field(default_factory=list)
    facilitators: list[Facilitator] = field(default_factory=list)


class _Greedy:
    def __init__(self, instance: Instance, shared: set[str] | None = None) -> None:
        self.instance = instance
        self.shared = shared  # guided: these groups use only the shared halls, the others only their own
        self.venues = venue_index(instance)
        self.free_slots = all_slots(instance)
        self.sessions: list[_OpenSession] = []
        self.busy: set[tuple[str, Slot]] = set()
        self.per_day: Counter[tuple[str, object]] = Counter()
        self.unplanned: list[tuple[str, int]] = []
        self.staffed = instance.rules.facilitators_per_session > 0
        self.shared_venues: frozenset[str] = frozenset()

    def run(self) -> Plan:
        for group in sorted(self.instance.groups, key=lambda g: (-g.size, g.region, g.id)):
            self.place(group)
        return self.plan()

    def place(self, group: Group) -> None:
        left = group.size
        while left > 0:
            session = self.find_open(group, left) or self.open_new(group, left)
            if session is None:
                self.unplanned.append((group.id, left))
                return
            count = min(left, session.room)
            if not self.staff_for(session, group):
                self.unplanned.append((group.id, left))
                return
            session.allocation.append((group.id, count))
            session.room -= count
            left -= count

    def find_open(self, group: Group, need: int) -> _OpenSession | None:
        room = 1 if group.splittable else need
        for session in self.sessions:
            if (
                session.room >= room
                and self.may_use(group, session.venue, session.slot)
                and self.can_staff(session, group)
            ):
                return session
        return None

    def open_new(self, group: Group, need: int) -> _OpenSession | None:
        candidates = [
            slot
            for slot in self.free_slots
            if self.may_use(group, self.venues[slot.venue], slot)
            and (group.splittable or self.venues[slot.venue].capacity >= need)
        ]
        candidates.sort(
            key=lambda s: (is_travel(group, self.venues[s.venue]), -self.venues[s.venue].capacity, s)
        )
        for slot in candidates:
            session = _OpenSession(slot, self.venues[slot.venue], self.venues[slot.venue].capacity)
            if self.open_staff(session, group):
                self.free_slots.remove(slot)
                self.sessions.append(session)
                return session
        return None

    def may_use(self, group: Group, venue: Venue, slot: Slot) -> bool:
        if not group_may_use(self.instance, group, venue, slot.date):
            return False
        if self.shared is None:
            return True
        return (group.id in self.shared) == (venue.id in self.shared_venues)

    def can_staff(self, session: _OpenSession, group: Group) -> bool:
        if not self.staffed or self.instance.rules.facilitator_area == "any":
            return True
        if any(facilitator_serves(self.instance, f, group) for f in session.facilitators):
            return True
        return self.free_facilitator(session.slot, group) is not None

    def staff_for(self, session: _OpenSession, group: Group) -> bool:
        if not self.staffed or self.instance.rules.facilitator_area == "any":
            return True
        if any(facilitator_serves(self.instance, f, group) for f in session.facilitators):
            return True
        facilitator = self.free_facilitator(session.slot, group)
        if facilitator is None:
            return False
        self.book(session, facilitator)
        return True

    def open_staff(self, session: _OpenSession, group: Group) -> bool:
        """Book the session's facilitators, one from the group's area first; undo when short."""
        if not self.staffed:
            return True
        needed = self.instance.rules.facilitators_per_session
        first = self.free_facilitator(session.slot, group)
        if first is None:
            return False
        chosen = [first]
        for facilitator in self.facilitators_free_at(session.slot):
            if len(chosen) >= needed:
                break
            if facilitator not in chosen:
                chosen.append(facilitator)
        if len(chosen) < needed:
            return False
        for facilitator in chosen:
            self.book(session, facilitator)
        return True

    def free_facilitator(self, slot: Slot, group: Group) -> Facilitator | None:
        for facilitator in self.facilitators_free_at(slot):
            if facilitator_serves(self.instance, facilitator, group):
                return facilitator
        return None

    def facilitators_free_at(self, slot: Slot) -> list[Facilitator]:
        return [
            f
            for f in self.instance.facilitators
            if (f.id, Slot(slot.date, slot.number, "")) not in self.busy
            and self.per_day[(f.id, slot.date)] < facilitator_daily_limit(self.instance, f)
            and facilitator_may_use(self.instance, f, self.venues[slot.venue], slot.date)
        ]

    def book(self, session: _OpenSession, facilitator: Facilitator) -> None:
        session.facilitators.append(facilitator)
        self.busy.add((facilitator.id, Slot(session.slot.date, session.slot.number, "")))
        self.per_day[(facilitator.id, session.slot.date)] += 1

    def plan(self) -> Plan:
        sessions = tuple(
            Session(
                venue=s.slot.venue,
                date=s.slot.date,
                slot=s.slot.number,
                allocation=tuple(s.allocation),
                facilitators=tuple(f.id for f in s.facilitators),
            )
            for s in sorted(self.sessions, key=lambda s: s.slot)
            if s.allocation
        )
        return Plan(sessions=sessions, unplanned=tuple(self.unplanned))


def greedy_plan(instance: Instance) -> Plan:
    return _Greedy(instance).run()


def guided_plan(instance: Instance, split: dict[str, int], shared_venues: frozenset[str]) -> Plan:
    """First-fit again, but each desa sends the best split's number of crews (its last ones) to the shared halls
    and keeps the rest in its own: the split that the lower bound proves best, so this often meets it."""
    shared: set[str] = set()
    by_region: dict[str, list[Group]] = {}
    for group in instance.groups:
        by_region.setdefault(group.region, []).append(group)
    for region, sent in split.items():
        if sent:
            shared |= {g.id for g in by_region[region][-sent:]}
    greedy = _Greedy(instance, shared)
    greedy.shared_venues = shared_venues
    return greedy.run()
