"""Double-entry crew drills for the demo: two crews of desa Lenggang (Beltim) practised the count form twice.

TPS 002's crew is done: two members typed the form with three different slips and the ketua settled each
box (once A, once B, once a recount of her own). TPS 001's crew waits for its ketua, who is the demo's
KPPS login, so the comparison page can be tried at once. Fixed seeds and fixed slips keep the demo
deterministic; times move to the demo's clock like the other drills.
"""

import datetime as dt

from django.utils import timezone

from bimtek.drill.core.form import Boxes, boxes
from bimtek.drill.crew_services import crew_drill_enter, crew_drill_resolve, crew_drill_start, crew_members
from bimtek.drill.models import CrewDrill
from bimtek.drill.services import drill_for
from bimtek.elections.models import TPS, Election
from bimtek.lib import clock

ACTOR = "demo"
LENGGANG = "19.06.02.2009"
RESOLVED_SEED, WAITING_SEED = 240_129, 240_131
PRACTISED_ON = dt.date(2024, 1, 30)


def _slipped(truth: Boxes, **slips: int) -> Boxes:
    """The truth with some boxes off by the given amounts (path dots written as underscores)."""
    changed = dict(truth)
    for key, delta in slips.items():
        path = key.replace("_", ".")
        changed[path] = (changed[path] or 0) + delta
    return changed


def demo_crew_drills(election: Election) -> int:
    stations = {
        t.number: t for t in TPS.objects.filter(election=election, village_id=LENGGANG, number__in=(1, 2))
    }
    made = 0
    if 2 in stations:
        _resolved(election, stations[2])
        made += 1
    if 1 in stations:
        _waiting(election, stations[1])
        made += 1
    return made


def _truth(election: Election, seed: int) -> Boxes:
    return boxes(drill_for(kind=election.kind, level="easy", seed=seed).truth)  # type: ignore[arg-type]  # TextChoices str


def _resolved(election: Election, tps: TPS) -> None:
    crew = crew_members(tps)
    truth = _truth(election, RESOLVED_SEED)
    drill = crew_drill_start(election=election, tps=tps, level="easy", seed=RESOLVED_SEED, actor=ACTOR)
    a = _slipped(truth, V_B=1, I_B_1_l=2)
    b = _slipped(truth, II_3=1, I_B_1_l=-1)
    crew_drill_enter(drill=drill, person=crew[1], values=a, actor=ACTOR)
    crew_drill_enter(drill=drill, person=crew[3], values=b, actor=ACTOR)
    own = truth["I.B.1.l"]
    assert own is not None
    crew_drill_resolve(
        drill=drill, resolutions={"V.B": "b", "II.3": "a", "I.B.1.l": own}, person=crew[0], actor=ACTOR
    )
    _on_the_demo_clock(drill, days=0, resolved=True)


def _waiting(election: Election, tps: TPS) -> None:
    crew = crew_members(tps)
    truth = _truth(election, WAITING_SEED)
    drill = crew_drill_start(election=election, tps=tps, level="easy", seed=WAITING_SEED, actor=ACTOR)
    crew_drill_enter(drill=drill, person=crew[1], values=truth, actor=ACTOR)
    crew_drill_enter(drill=drill, person=crew[2], values=_slipped(truth, IV_2=1, V_A=1), actor=ACTOR)
    _on_the_demo_clock(drill, days=3, resolved=False)


def _on_the_demo_clock(drill: CrewDrill, *, days: int, resolved: bool) -> None:
    # Stored as the product stores it (the real moment), shown on the app's calendar by `app_clock`.
    start = timezone.make_aware(dt.datetime.combine(PRACTISED_ON + dt.timedelta(days=days), dt.time(15)))
    start -= clock.offset()
    CrewDrill.objects.filter(pk=drill.pk).update(
        created_at=start,
        entry_a_at=start + dt.timedelta(minutes=25),
        entry_b_at=start + dt.timedelta(minutes=31),
        resolved_at=start + dt.timedelta(minutes=45) if resolved else None,
    )
