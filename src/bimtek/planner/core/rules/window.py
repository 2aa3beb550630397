"""Sessions fall inside the date window (the slot filter `in_window` does the work)."""

from ..eligibility import all_slots
from ..schema import Instance
from ..text import rentang
from . import Rule, no_constraints

CODE = "jendela"


def sessions_in_window(instance: Instance) -> int:
    return sum(1 for slot in all_slots(instance) if instance.window.contains(slot.date))


def describe(instance: Instance) -> str:
    window = instance.window
    venues = len({s.venue for s in all_slots(instance) if window.contains(s.date)})
    return (
        f"jadwal hanya {rentang(window.start, window.end)}: di {venues} tempat hanya ada "
        f"{sessions_in_window(instance)} sesi"
    )


RULE = Rule(CODE, no_constraints, describe)
