"""A facilitator is in one place at a time: slot numbers mean the same hour at every venue."""

from collections import defaultdict
from datetime import date

from ortools.sat.python import cp_model

from ..model import Penalty, PlanModel
from ..schema import Instance
from . import Rule

CODE = "fasilitator_bentrok"


def add(pm: PlanModel) -> list[Penalty]:
    at_once: dict[tuple[str, date, int], list[cp_model.IntVar]] = defaultdict(list)
    for (team_id, slot), var in pm.staff.items():
        at_once[(team_id, slot.date, slot.number)].append(var)
    for (team_id, _, _), same_time in at_once.items():
        if len(same_time) > 1:
            people = pm.teams[team_id].size
            if people == 1:
                pm.enforce(pm.model.add_at_most_one(same_time), CODE)
            else:
                pm.enforce(pm.model.add(cp_model.LinearExpr.sum(same_time) <= people), CODE)
    return []


def describe(instance: Instance) -> str:
    return "seorang fasilitator tidak bisa mengisi dua sesi pada jam yang sama"


RULE = Rule(CODE, add, describe)
