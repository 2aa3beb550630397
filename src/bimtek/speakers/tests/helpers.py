"""A ToT plan of Beltim with two halls, and a Purbalingga plan next door, for the speaker tests.

Personas: `kpu_beltim` keeps Beltim's register; `kpu_purbalingga` must neither see nor assign Beltim's
speakers; KPU RI's speakers (region '') are shared with both.
"""

from __future__ import annotations

import datetime as dt

from bimtek.assessment.curriculum import programs_seed
from bimtek.assessment.models import Module
from bimtek.conftest import BELTIM, PURBALINGGA
from bimtek.elections.models import Election
from bimtek.planner.models import Tier, TrainingPlan, TrainingSession, Venue
from bimtek.speakers.models import Speaker

MONDAY = dt.date(2024, 1, 22)
TUESDAY = dt.date(2024, 1, 23)


def tot_plan(election: Election, region: str = BELTIM) -> TrainingPlan:
    programs_seed(election=election, actor="test")
    return TrainingPlan.objects.create(
        election=election, tier=Tier.TOT, region_id=region, start=MONDAY, end=MONDAY + dt.timedelta(days=3)
    )


def hall(name: str, region: str = BELTIM) -> Venue:
    return Venue.objects.create(name=name, region_id=region, capacity=80)


def session(
    plan: TrainingPlan, venue: Venue, day: dt.date = MONDAY, slot: int = 1, *, slots: int = 1, days: int = 1
) -> TrainingSession:
    return TrainingSession.objects.create(
        plan=plan, venue=venue, date=day, slot=slot, slots=slots, days=days, region_code=venue.region_id
    )


def tot_modules(election: Election) -> list[Module]:
    return list(Module.objects.filter(program__election=election, program__kind="tot").order_by("position"))


def speaker(name: str = "Ani Suryani", region: str = BELTIM, **kwargs: object) -> Speaker:
    values = {"institution": "KPU Kabupaten Belitung Timur", "division": "teknis", "phone": "+6281234567890"}
    values.update(kwargs)
    return Speaker.objects.create(name=name, region_code=region, **values)  # type: ignore[arg-type]  # test data


__all__ = [
    "BELTIM",
    "MONDAY",
    "PURBALINGGA",
    "TUESDAY",
    "hall",
    "session",
    "speaker",
    "tot_modules",
    "tot_plan",
]
