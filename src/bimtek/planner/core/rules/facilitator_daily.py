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
    for (team_id, slot), var in pm.staff.items():
        per_day[(team_id, slot.date)].append(var)
    for (team_id, _), sessions in per_day.items():
        team = pm.teams[team_id]
        limit = team.size * facilitator_daily_limit(pm.instance, team.person)
        if len(sessions) * team.size > limit:
            pm.enforce(pm.model.add(cp_model.LinearExpr.sum(sessions) <= limit), CODE)
    return []


def describe(instance: Instance) -> str:
    return f"seorang fasilitator paling banyak {instance.rules.facilitator_max_sessions_per_day} sesi sehari"


RULE = Rule(CODE, add, describe)
