"""The CP-SAT variables shared by the rule modules, with readable names so a solution explains itself.

Groups that are interchangeable (the crews of one desa: same region, size and start date, none splittable) form
one `Unit`, and the model counts how many of them sit in each slot (`count[unit@slot]`) instead of holding one
boolean per crew and slot. A kecamatan of 300 crews in 30 desa then has 30 count variables per slot instead of
300 booleans, and none of the crew-for-crew symmetry that made the search wander. The decoder hands the counts
back out to the crews in input order, so the plan still names every group.

In `explain` mode every slot gets variables and each rule's hard constraints hang on one enforcement literal per
rule, so `sufficient_assumptions_for_infeasibility()` can name the rules in conflict. In normal mode the slot
filters prune variables instead, which keeps national subproblems small.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from ortools.sat.python import cp_model

from .eligibility import (
    FACILITATOR_FILTERS,
    GROUP_FILTERS,
    all_slots,
    facilitator_may_use,
    group_may_use,
    venue_index,
)
from .schema import Facilitator, Group, Instance, Slot, Venue

UnitSlot = tuple[str, Slot]
GroupSlot = UnitSlot  # the old name: a unit of one group is keyed by the group's id


@dataclass(frozen=True)
class Unit:
    """Interchangeable groups, modelled as one count per slot. A splittable group is always a unit of its own."""

    id: str
    members: tuple[Group, ...]

    @property
    def group(self) -> Group:
        """The representative: every slot filter, area and travel question has the same answer for all members."""
        return self.members[0]

    @property
    def size(self) -> int:
        return self.group.size

    @property
    def count(self) -> int:
        return len(self.members)

    @property
    def people(self) -> int:
        return self.size * self.count

    @property
    def splittable(self) -> bool:
        return self.group.splittable


@dataclass(frozen=True)
class Team:
    """Interchangeable facilitators (the 3 PPS of one desa: same region, start date and daily limit).

    The model counts how many of them staff each slot. Counts of at most `len(members)` per hour and at most
    `len(members) × daily limit` per day can always be handed out to named people (round robin), so nothing is lost.
    """

    id: str
    members: tuple[Facilitator, ...]

    @property
    def person(self) -> Facilitator:
        return self.members[0]

    @property
    def size(self) -> int:
        return len(self.members)


def teams_of(instance: Instance) -> list[Team]:
    # Interchangeable people form one team; a busy day elsewhere makes a person different from the rest.
    teams: dict[tuple[str, date | None, int | None, tuple[date, ...]], list[Facilitator]] = {}
    for facilitator in instance.facilitators:
        key = (
            facilitator.region,
            facilitator.available_from,
            facilitator.max_sessions_per_day,
            facilitator.busy_days,
        )
        teams.setdefault(key, []).append(facilitator)
    return [Team(_team_id(m), tuple(m)) for m in teams.values()]


def _team_id(members: list[Facilitator]) -> str:
    first = members[0]
    if len(members) == 1:
        return first.id
    busy = f"-{len(first.busy_days)}sibuk" if first.busy_days else ""
    return f"{first.region}×{len(members)}{_from(first.available_from)}{busy}"


def _from(day: date | None) -> str:
    return f"/{day.isoformat()}" if day else ""


def units_of(instance: Instance) -> list[Unit]:
    """Whole groups with equal (region, size, not_before) become one unit; order follows the input."""
    classes: dict[tuple[str, int, date | None], list[Group]] = {}
    units: list[Unit | tuple[str, int, date | None]] = []
    for group in instance.groups:
        if group.splittable:
            units.append(Unit(group.id, (group,)))
            continue
        key = (group.region, group.size, group.not_before)
        if key not in classes:
            classes[key] = []
            units.append(key)
        classes[key].append(group)
    return [u if isinstance(u, Unit) else _unit(classes[u]) for u in units]


def _unit(members: list[Group]) -> Unit:
    if len(members) == 1:
        return Unit(members[0].id, (members[0],))
    first = members[0]
    start = f"/{first.not_before.isoformat()}" if first.not_before else ""
    return Unit(f"{first.region}/{first.size}{start}×{len(members)}", tuple(members))


@dataclass(frozen=True)
class Penalty:
    """An objective term: lower `priority` matters more (0 unplanned, 1 sessions, 2 travel, 3 imbalance, 4 dates)."""

    priority: int
    expression: cp_model.LinearExprT
    upper_bound: int


class PlanModel:
    def __init__(self, instance: Instance, *, explain: bool = False) -> None:
        self.instance = instance
        self.explain = explain
        self.model = cp_model.CpModel()
        self.venues: dict[str, Venue] = venue_index(instance)
        self.units: dict[str, Unit] = {u.id: u for u in units_of(instance)}
        self.literals: dict[str, cp_model.IntVar] = {}
        self.slots = [s for s in all_slots(instance) if explain or instance.window.contains(s.date)]
        self.open: dict[Slot, cp_model.IntVar] = {s: self._bool(f"open[{_name(s)}]") for s in self.slots}
        self.assign: dict[UnitSlot, cp_model.IntVar] = {}  # anyone of the unit in the slot
        self.count: dict[UnitSlot, cp_model.LinearExprT] = {}  # how many of the unit's groups
        self.seats: dict[UnitSlot, cp_model.LinearExprT] = {}  # how many of the unit's participants
        self.slots_of_unit: dict[str, list[Slot]] = defaultdict(list)
        self.units_in_slot: dict[Slot, list[str]] = defaultdict(list)
        self.teams: dict[str, Team] = {t.id: t for t in teams_of(instance)}
        self.staff: dict[tuple[str, Slot], cp_model.IntVar] = {}  # how many of the team staff the slot
        self._add_unit_vars()
        if instance.rules.facilitators_per_session > 0:
            self._add_staff_vars()

    def _bool(self, name: str) -> cp_model.IntVar:
        return self.model.new_bool_var(name)

    def _add_unit_vars(self) -> None:
        for unit in self.units.values():
            for slot in self.slots:
                venue = self.venues[slot.venue]
                if self.explain:
                    self._add_free_pair(unit, slot)
                elif group_may_use(self.instance, unit.group, venue, slot.date):
                    self._add_pair(unit, slot, venue.capacity)

    def _add_pair(self, unit: Unit, slot: Slot, capacity: int) -> None:
        key, name = (unit.id, slot), f"{unit.id}@{_name(slot)}"
        if unit.splittable:
            present = self._bool(name)
            seats = self.model.new_int_var(0, min(unit.size, capacity), f"seats[{name}]")
            self.model.add(seats <= unit.size * present)
            self.model.add(seats >= present)
            self.count[key], self.seats[key] = present, seats
        else:
            fit = min(unit.count, capacity // unit.size)
            if fit == 0:
                return  # not one whole group fits in this room
            if fit == 1:
                present = self._bool(name)
                self.count[key] = present
            else:
                present = self._bool(f"any[{name}]")
                count = self.model.new_int_var(0, fit, f"count[{name}]")
                self.model.add(count <= fit * present)
                self.model.add(count >= present)
                self.count[key] = count
            self.seats[key] = unit.size * self.count[key]
        self._register(key, present)

    def _add_free_pair(self, unit: Unit, slot: Slot) -> None:
        """Explain mode: the rules decide what is allowed, so counts and seats are bounded by the unit alone."""
        key, name = (unit.id, slot), f"{unit.id}@{_name(slot)}"
        present = self._bool(name if unit.count == 1 else f"any[{name}]")
        count = self.model.new_int_var(0, unit.count, f"count[{name}]")
        seats = self.model.new_int_var(0, unit.people, f"seats[{name}]")
        self.model.add(count <= unit.count * present)
        self.model.add(seats <= unit.people * present)
        self.model.add(seats >= present)
        self.count[key], self.seats[key] = count, seats
        self._register(key, present)

    def _register(self, key: UnitSlot, present: cp_model.IntVar) -> None:
        unit_id, slot = key
        self.assign[key] = present
        self.model.add_implication(present, self.open[slot])
        self.slots_of_unit[unit_id].append(slot)
        self.units_in_slot[slot].append(unit_id)

    def _add_staff_vars(self) -> None:
        for team in self.teams.values():
            for slot in self.slots:
                venue = self.venues[slot.venue]
                if self.explain or facilitator_may_use(self.instance, team.person, venue, slot.date):
                    name = f"{team.id}@{_name(slot)}"
                    if team.size == 1:
                        staffed = self._bool(name)
                    else:
                        staffed = self.model.new_int_var(0, team.size, f"staff[{name}]")
                    self.staff[(team.id, slot)] = staffed
                    self.model.add(staffed <= team.size * self.open[slot])

    def enforce(self, constraint: cp_model.Constraint, rule: str) -> None:
        """Hang a hard constraint on its rule's literal (explain mode only)."""
        if self.explain:
            constraint.only_enforce_if(self.literal(rule))

    def literal(self, rule: str) -> cp_model.IntVar:
        if rule not in self.literals:
            self.literals[rule] = self._bool(f"rule[{rule}]")
        return self.literals[rule]

    def forbid_filtered_pairs(self) -> None:
        """Explain mode: each slot filter becomes `pair => not rule` so switching the rule off frees the pair."""
        if not self.explain:
            return
        for (unit_id, slot), present in self.assign.items():
            group, venue = self.units[unit_id].group, self.venues[slot.venue]
            for code, ok in GROUP_FILTERS.items():
                if not ok(self.instance, group, venue, slot.date):
                    self.model.add_implication(self.literal(code), present.Not())
        for slot, opened in self.open.items():
            venue = self.venues[slot.venue]
            for code, ok in GROUP_FILTERS.items():
                if not any(ok(self.instance, u.group, venue, slot.date) for u in self.units.values()):
                    self.model.add_implication(self.literal(code), opened.Not())
        for (team_id, slot), staffed in self.staff.items():
            person = self.teams[team_id].person
            for code, fok in FACILITATOR_FILTERS.items():
                if not fok(self.instance, person, self.venues[slot.venue], slot.date):
                    self.model.add(staffed == 0).only_enforce_if(self.literal(code))

    def seats_in(self, slot: Slot) -> cp_model.LinearExprT:
        return cp_model.LinearExpr.sum([self.seats[(u, slot)] for u in self.units_in_slot[slot]])

    def seats_of(self, unit_id: str) -> cp_model.LinearExprT:
        return cp_model.LinearExpr.sum([self.seats[(unit_id, s)] for s in self.slots_of_unit[unit_id]])

    def count_of(self, unit_id: str) -> cp_model.LinearExprT:
        return cp_model.LinearExpr.sum([self.count[(unit_id, s)] for s in self.slots_of_unit[unit_id]])


def _name(slot: Slot) -> str:
    return f"{slot.venue}/{slot.date.isoformat()}/{slot.number}"
