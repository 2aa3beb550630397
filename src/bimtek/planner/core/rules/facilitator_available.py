"""A facilitator facilitates only after finishing the ToT (`available_from`); the slot filter does the work."""

from ..schema import Instance
from ..text import tanggal
from . import Rule, no_constraints

CODE = "fasilitator_tersedia"


def describe(instance: Instance) -> str:
    dates = [f.available_from for f in instance.facilitators if f.available_from]
    if not dates:
        return "semua fasilitator tersedia sejak awal"
    return f"fasilitator baru tersedia setelah ToT: mulai {tanggal(min(dates))} s.d. {tanggal(max(dates))}"


RULE = Rule(CODE, no_constraints, describe)
