"""Each group in a session meets at least one facilitator from its own area (PPS of its desa, PPK of its
kecamatan), as the program's `facilitator_area` says."""

from ortools.sat.python import cp_model

from ..eligibility import facilitator_serves
from ..model import Penalty, PlanModel
from ..schema import Instance
from . import Rule

CODE = "fasilitator_wilayah"
AREA_WORDS = {
    "provinsi": "provinsi",
    "kabupaten": "kabupaten/kota",
    "kecamatan": "kecamatan",
    "desa": "desa/kelurahan",
}


def add(pm: PlanModel) -> list[Penalty]:
    rules = pm.instance.rules
    if rules.facilitators_per_session <= 0 or rules.facilitator_area == "any":
        return []
    serving = {
        unit.id: [t.id for t in pm.teams.values() if facilitator_serves(pm.instance, t.person, unit.group)]
        for unit in pm.units.values()
    }
    for (unit_id, slot), present in pm.assign.items():
        helpers = [pm.staff[(t, slot)] for t in serving[unit_id] if (t, slot) in pm.staff]
        pm.enforce(pm.model.add(cp_model.LinearExpr.sum(helpers) >= present), CODE)
    return []


def describe(instance: Instance) -> str:
    area = instance.rules.facilitator_area
    return f"setiap kelompok harus dilatih fasilitator dari {AREA_WORDS.get(area, area)}-nya sendiri"


RULE = Rule(CODE, add, describe)
