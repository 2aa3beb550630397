"""A session holds at most its venue's capacity."""

from ortools.sat.python import cp_model

from ..model import Penalty, PlanModel
from ..schema import Instance
from ..text import angka
from . import Rule

CODE = "kapasitas"


def add(pm: PlanModel) -> list[Penalty]:
    for slot in pm.slots:
        capacity = pm.venues[slot.venue].capacity
        pm.enforce(pm.model.add(pm.seats_in(slot) <= capacity * pm.open[slot]), CODE)
    if pm.explain:  # all seats against all open capacity: a conflict then needs no packing search
        seats = cp_model.LinearExpr.sum(list(pm.seats.values()))
        room = cp_model.LinearExpr.weighted_sum(
            list(pm.open.values()), [pm.venues[s.venue].capacity for s in pm.open]
        )
        pm.enforce(pm.model.add(seats <= room), CODE)
    return []


def describe(instance: Instance) -> str:
    capacities = sorted({v.capacity for v in instance.venues}, reverse=True)
    listed = ", ".join(angka(c) for c in capacities[:3])
    return f"kapasitas tempat paling besar {angka(capacities[0]) if capacities else 0} kursi (kapasitas: {listed})"


RULE = Rule(CODE, add, describe)
