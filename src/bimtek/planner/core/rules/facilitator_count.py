"""Each session needs `facilitators_per_session` facilitators."""

from ortools.sat.python import cp_model

from ..model import Penalty, PlanModel
from ..schema import Instance
from . import Rule

CODE = "fasilitator_per_sesi"


def add(pm: PlanModel) -> list[Penalty]:
    needed = pm.instance.rules.facilitators_per_session
    if needed <= 0:
        return []
    staff_by_slot = _staff_by_slot(pm)
    for slot in pm.slots:
        staffed = cp_model.LinearExpr.sum(staff_by_slot.get(slot, []))
        pm.enforce(pm.model.add(staffed >= needed * pm.open[slot]), CODE)
    return []


def _staff_by_slot(pm: PlanModel) -> dict[object, list[cp_model.IntVar]]:
    by_slot: dict[object, list[cp_model.IntVar]] = {}
    for (_, slot), var in pm.staff.items():
        by_slot.setdefault(slot, []).append(var)
    return by_slot


def describe(instance: Instance) -> str:
    rules = instance.rules
    return (
        f"setiap sesi butuh {rules.facilitators_per_session} fasilitator "
        f"(tersedia {len(instance.facilitators)} orang)"
    )


RULE = Rule(CODE, add, describe)
