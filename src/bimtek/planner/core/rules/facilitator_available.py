"""A facilitator facilitates only after finishing the ToT (`available_from`) and not on a day another plan
already has them (`busy_days`); the slot filter does the work."""

from ..schema import Instance
from ..text import tanggal
from . import Rule, no_constraints

CODE = "fasilitator_tersedia"


def describe(instance: Instance) -> str:
    dates = [f.available_from for f in instance.facilitators if f.available_from]
    busy = sum(1 for f in instance.facilitators if f.busy_days)
    elsewhere = f"; {busy} fasilitator sudah bertugas di rencana lain pada sebagian hari" if busy else ""
    if not dates:
        return f"semua fasilitator tersedia sejak awal{elsewhere}"
    first, last = tanggal(min(dates)), tanggal(max(dates))
    return f"fasilitator baru tersedia setelah ToT: mulai {first} s.d. {last}{elsewhere}"


RULE = Rule(CODE, no_constraints, describe)
