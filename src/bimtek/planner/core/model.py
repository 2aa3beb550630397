"""The CP-SAT variables shared by the rule modules, with readable names so a solution explains itself.

In `explain` mode every slot gets variables and each rule's hard constraints hang on one enforcement literal per
rule, so `sufficient_assumptions_for_infeasibility()` can name the rules in conflict. In normal mode the slot
filters prune variables instead, which keeps national subproblems small.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

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

GroupSlot = tuple[str, Slot]


@dataclass(frozen=True)
class Penalty:
    """An objective term: lower `priority` matters more (0 unplanned, 1 sessions, 2 travel, 3 imbalance)."""

    priority: int
    expression: cp_model.LinearExprT
    upper_bound: int


class PlanModel:
    def __init__(self, instance: Instance, *, explain: bool = False) -> None:
        self.instance = instance
        self.explain = explain
        self.model = cp_model.CpModel()
        self.venues: dict[str, Venue] = venue_index(instance)
        self.groups: dict[str, Group] = {g.id: g for g in instance.groups}
        self.literals: dict[str, cp_model.IntVar] = {}
        self.slots = [s for s in all_slots(instance) if explain or instance.window.contains(s.date)]
        self.open: dict[Slot, cp_model.IntVar] = {s: self._bool(f"open[{_name(s)}]") for s in self.slots}
        self.assign: dict[GroupSlot, cp_model.IntVar] = {}
        self.seats: dict[GroupSlot, cp_model.LinearExprT] = {}
        self.slots_of_group: dict[str, list[Slot]] = defaultdict(list)
        self.groups_in_slot: dict[Slot, list[str]] = defaultdict(list)
        self.staff: dict[tuple[str, Slot], cp_model.IntVar] = {}
        self._add_group_vars()
        if instance.rules.facilitators_per_session > 0:
            self._add_staff_vars()

    def _bool(self, name: str) -> cp_model.IntVar:
        return self.model.new_bool_var(name)

    def _add_group_vars(self) -> None:
        for group in self.instance.groups:
            for slot in self.slots:
                if self.explain or group_may_use(self.instance, group, self.venues[slot.venue], slot.date):
                    self._add_pair(group, slot)

    def _add_pair(self, group: Group, slot: Slot) -> None:
        key = (group.id, slot)
        present = self._bool(f"{group.id}@{_name(slot)}")
        self.assign[key] = present
        self.model.add_implication(present, self.open[slot])
        if group.splittable or self.explain:
            seats = self.model.new_int_var(0, group.size, f"seats[{group.id}@{_name(slot)}]")
            self.model.add(seats <= group.size * present)
            self.model.add(seats >= present)
            self.seats[key] = seats
        else:
            self.seats[key] = group.size * present
        self.slots_of_group[group.id].append(slot)
        self.groups_in_slot[slot].append(group.id)

    def _add_staff_vars(self) -> None:
        for facilitator in self.instance.facilitators:
            for slot in self.slots:
                venue = self.venues[slot.venue]
                if self.explain or facilitator_may_use(self.instance, facilitator, venue, slot.date):
                    staffed = self._bool(f"{facilitator.id}@{_name(slot)}")
                    self.staff[(facilitator.id, slot)] = staffed
                    self.model.add_implication(staffed, self.open[slot])

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
        for (group_id, slot), present in self.assign.items():
            group, venue = self.groups[group_id], self.venues[slot.venue]
            for code, ok in GROUP_FILTERS.items():
                if not ok(self.instance, group, venue, slot.date):
                    self.model.add_implication(self.literal(code), present.Not())
        for slot, opened in self.open.items():
            venue = self.venues[slot.venue]
            for code, ok in GROUP_FILTERS.items():
                if not any(ok(self.instance, g, venue, slot.date) for g in self.instance.groups):
                    self.model.add_implication(self.literal(code), opened.Not())
        for (facilitator_id, slot), staffed in self.staff.items():
            facilitator = self._facilitator(facilitator_id)
            for code, fok in FACILITATOR_FILTERS.items():
                if not fok(self.instance, facilitator, self.venues[slot.venue], slot.date):
                    self.model.add_implication(self.literal(code), staffed.Not())

    def _facilitator(self, facilitator_id: str) -> Facilitator:
        return next(f for f in self.instance.facilitators if f.id == facilitator_id)

    def seats_in(self, slot: Slot) -> cp_model.LinearExprT:
        return cp_model.LinearExpr.sum([self.seats[(g, slot)] for g in self.groups_in_slot[slot]])

    def seats_of(self, group_id: str) -> cp_model.LinearExprT:
        return cp_model.LinearExpr.sum([self.seats[(group_id, s)] for s in self.slots_of_group[group_id]])


def _name(slot: Slot) -> str:
    return f"{slot.venue}/{slot.date.isoformat()}/{slot.number}"
