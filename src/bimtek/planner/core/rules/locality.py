"""A group trains in its own kecamatan when a venue there exists; any trip out costs its participants."""

from ortools.sat.python import cp_model

from ..eligibility import is_travel
from ..model import Penalty, PlanModel
from ..schema import Instance
from . import Rule

CODE = "lokalitas"


def add(pm: PlanModel) -> list[Penalty]:
    travelling = [
        seats
        for (unit_id, slot), seats in pm.seats.items()
        if is_travel(pm.units[unit_id].group, pm.venues[slot.venue])
    ]
    return [Penalty(2, cp_model.LinearExpr.sum(travelling), pm.instance.total_participants())]


def describe(instance: Instance) -> str:
    if instance.rules.locality == "strict":
        return "setiap kelompok wajib berlatih di kecamatannya sendiri"
    if instance.rules.locality == "desa":
        return "kelompok berlatih di desanya sendiri atau di aula kecamatannya"
    if instance.rules.locality == "prefer":
        return "kelompok berlatih di kecamatannya sendiri bila di sana ada tempat"
    return "kelompok boleh berlatih di kecamatan mana pun"


RULE = Rule(CODE, add, describe)
