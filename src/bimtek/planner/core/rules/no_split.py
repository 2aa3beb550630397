"""A group trains together in one session unless it is marked `splittable`.

For a unit of interchangeable whole groups this is: its seats in a slot are a whole number of groups, and it
places at most as many groups as it has."""

from ..model import Penalty, PlanModel
from ..schema import Instance
from . import Rule

CODE = "tidak_dipecah"


def add(pm: PlanModel) -> list[Penalty]:
    for unit in pm.units.values():
        if unit.splittable:
            continue
        slots = pm.slots_of_unit[unit.id]
        if unit.count == 1 and not pm.explain:
            pm.model.add_at_most_one(pm.assign[(unit.id, s)] for s in slots)
        else:
            pm.enforce(pm.model.add(pm.count_of(unit.id) <= unit.count), CODE)
        if pm.explain:
            for slot in slots:
                key = (unit.id, slot)
                pm.enforce(pm.model.add(pm.seats[key] == unit.size * pm.count[key]), CODE)
    return []


def describe(instance: Instance) -> str:
    whole = [g for g in instance.groups if not g.splittable]
    biggest = max((g.size for g in whole), default=0)
    return f"{len(whole)} kelompok tidak boleh dipecah (terbesar {biggest} orang)"


RULE = Rule(CODE, add, describe)
