"""Every session costs (a room, a day of facilitators): open as few as possible.

Slots of one venue and day are interchangeable when no facilitator links venues, so they open in order."""

from ortools.sat.python import cp_model

from ..model import Penalty, PlanModel
from ..schema import Instance
from . import Rule

CODE = "jumlah_sesi"


def add(pm: PlanModel) -> list[Penalty]:
    if not pm.staff:
        _open_slots_in_order(pm)
    return [Penalty(1, cp_model.LinearExpr.sum(list(pm.open.values())), len(pm.open))]


def _open_slots_in_order(pm: PlanModel) -> None:
    slots = sorted(pm.slots, key=lambda s: (s.venue, s.date, s.number))
    for earlier, later in zip(slots, slots[1:], strict=False):
        if (earlier.venue, earlier.date) == (later.venue, later.date):
            pm.model.add_implication(pm.open[later], pm.open[earlier])


def describe(instance: Instance) -> str:
    return "jumlah sesi sesedikit mungkin"


RULE = Rule(CODE, add, describe, relaxable=False)
