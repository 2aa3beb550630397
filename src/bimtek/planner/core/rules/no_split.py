"""A group trains together in one session unless it is marked `splittable`."""

from ..model import Penalty, PlanModel
from ..schema import Instance
from . import Rule

CODE = "tidak_dipecah"


def add(pm: PlanModel) -> list[Penalty]:
    for group in pm.instance.groups:
        if group.splittable:
            continue
        slots = pm.slots_of_group[group.id]
        pm.enforce(pm.model.add_at_most_one(pm.assign[(group.id, s)] for s in slots), CODE)
        if pm.explain:
            for slot in slots:
                key = (group.id, slot)
                pm.enforce(pm.model.add(pm.seats[key] == group.size * pm.assign[key]), CODE)
    return []


def describe(instance: Instance) -> str:
    whole = [g for g in instance.groups if not g.splittable]
    biggest = max((g.size for g in whole), default=0)
    return f"{len(whole)} kelompok tidak boleh dipecah (terbesar {biggest} orang)"


RULE = Rule(CODE, add, describe)
