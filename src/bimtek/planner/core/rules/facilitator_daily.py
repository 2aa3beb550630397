"""A facilitator takes at most K sessions a day (the rule's default, or the person's own limit)."""

from collections import defaultdict
from datetime import date

from ortools.sat.python import cp_model

from ..eligibility import facilitator_daily_limit
from ..model import Penalty, PlanModel
from ..schema import Instance
from . import Rule

CODE = "fasilitator_per_hari"


def add(pm: PlanModel) -> list[Penalty]:
    per_day: dict[tuple[str, date], list[cp_model.IntVar]] = defaultdict(list)
    for (facilitator_id, slot), var in pm.staff.items():
        per_day[(facilitator_id, slot.date)].append(var)
    limits = {f.id: facilitator_daily_limit(pm.instance, f) for f in pm.instance.facilitators}
    for (facilitator_id, _), sessions in per_day.items():
        if len(sessions) > limits[facilitator_id]:
            pm.enforce(pm.model.add(cp_model.LinearExpr.sum(sessions) <= limits[facilitator_id]), CODE)
    return []


def describe(instance: Instance) -> str:
    return f"seorang fasilitator paling banyak {instance.rules.facilitator_max_sessions_per_day} sesi sehari"


RULE = Rule(CODE, add, describe)
