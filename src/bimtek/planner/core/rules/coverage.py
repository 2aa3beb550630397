"""Everyone is planned: soft when solving (fewest left out first), hard when explaining a conflict."""

from ortools.sat.python import cp_model

from ..model import Penalty, PlanModel
from ..schema import Instance
from ..text import angka
from . import Rule

CODE = "semua_terjadwal"


def add(pm: PlanModel) -> list[Penalty]:
    left_out = []
    for unit in pm.units.values():
        planned = pm.seats_of(unit.id)
        pm.model.add(planned <= unit.people)
        if pm.explain:  # soft when solving: leaving people out is allowed, only costly
            pm.enforce(pm.model.add(planned == unit.people), CODE)
        left_out.append(unit.people - planned)
    total = pm.instance.total_participants()
    if pm.explain:  # the sum alone lets propagation prove "too few seats" without packing every group
        pm.enforce(
            pm.model.add(cp_model.LinearExpr.sum([pm.seats_of(u) for u in pm.units]) == total),
            CODE,
        )
    return [Penalty(0, cp_model.LinearExpr.sum(left_out), total)]


def describe(instance: Instance) -> str:
    return f"semua {angka(instance.total_participants())} peserta ({angka(len(instance.groups))} kelompok) harus terjadwal"


RULE = Rule(CODE, add, describe)
