"""Waves of similar size: the gap between the fullest and the emptiest open session, smallest last."""

from ortools.sat.python import cp_model

from ..model import Penalty, PlanModel
from ..schema import Instance
from . import Rule

CODE = "keseimbangan"


def add(pm: PlanModel) -> list[Penalty]:
    if not pm.slots:
        return []
    biggest = max(pm.venues[s.venue].capacity for s in pm.slots)
    fullest = pm.model.new_int_var(0, biggest, "fullest_session")
    emptiest = pm.model.new_int_var(0, biggest, "emptiest_session")
    for slot in pm.slots:
        load = cp_model.LinearExpr.sum([pm.seats_in(slot)])
        pm.model.add(fullest >= load)
        pm.model.add(emptiest <= load + biggest * (1 - pm.open[slot]))
    gap = pm.model.new_int_var(0, biggest, "imbalance")
    pm.model.add(gap == fullest - emptiest)
    return [Penalty(3, gap, biggest)]


def describe(instance: Instance) -> str:
    return "ukuran gelombang seimbang"


RULE = Rule(CODE, add, describe, relaxable=False)
