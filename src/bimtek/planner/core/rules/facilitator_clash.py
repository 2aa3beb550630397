"""A facilitator is in one place at a time: slot numbers mean the same hour at every venue."""

from collections import defaultdict
from datetime import date

from ..model import Penalty, PlanModel
from ..schema import Instance
from . import Rule

CODE = "fasilitator_bentrok"


def add(pm: PlanModel) -> list[Penalty]:
    at_once: dict[tuple[str, date, int], list[object]] = defaultdict(list)
    for (facilitator_id, slot), var in pm.staff.items():
        at_once[(facilitator_id, slot.date, slot.number)].append(var)
    for same_time in at_once.values():
        if len(same_time) > 1:
            pm.enforce(pm.model.add_at_most_one(same_time), CODE)  # type: ignore[arg-type]
    return []


def describe(instance: Instance) -> str:
    return "seorang fasilitator tidak bisa mengisi dua sesi pada jam yang sama"


RULE = Rule(CODE, add, describe)
