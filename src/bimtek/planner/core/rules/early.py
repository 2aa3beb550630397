"""Among equally good plans, the earlier days: the same scenario then always gives the same dates, and the last
days of the window stay free for make-up sessions."""

from ortools.sat.python import cp_model

from ..model import Penalty, PlanModel
from ..schema import Instance
from . import Rule

CODE = "lebih_awal"


def add(pm: PlanModel) -> list[Penalty]:
    if not pm.open:
        return []
    first = min(slot.date for slot in pm.open).toordinal()
    late = {slot: slot.date.toordinal() - first for slot in pm.open}
    if not any(late.values()):
        return []
    lateness = cp_model.LinearExpr.weighted_sum(list(pm.open.values()), list(late.values()))
    return [Penalty(4, lateness, sum(late.values()))]


def describe(instance: Instance) -> str:
    return "hari yang lebih awal lebih dulu"


RULE = Rule(CODE, add, describe, relaxable=False)
