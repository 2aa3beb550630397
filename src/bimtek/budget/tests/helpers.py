"""A small ToT plan of Beltim built by hand, whose budget the tests compute by hand too.

Two kecamatan halls: Balai A in 19.06.01 holds a full-day session (20 people, 2 speakers, 1 facilitator) and an
evening one (10 people) on Monday, so it is rented once; Balai B in 19.06.02 holds a two-day half-day session
(12 people); a cancelled session of 50 people at Balai B counts for nothing. Unit costs: the national rows of
`COSTS`, with Beltim's own consumption (Rp35.000) overriding the national one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bimtek.assessment.curriculum import programs_seed
from bimtek.assessment.models import Module
from bimtek.budget.core import Item
from bimtek.budget.services import unit_cost_set
from bimtek.conftest import BELTIM
from bimtek.elections.models import Election
from bimtek.planner.models import SessionFacilitator, SessionGroup, Tier, TrainingPlan, TrainingSession, Venue
from bimtek.speakers.models import SessionSpeaker, Speaker
from bimtek.workforce.models import Person
from bimtek.workforce.nik import make_nik

MONDAY = dt.date(2024, 1, 22)
MANGGAR = "19.06.01"
GANTUNG = "19.06.02"
COSTS = {
    Item.VENUE: (1_000_000, "522141"),
    Item.CONSUMPTION: (30_000, "521211"),
    Item.TRANSPORT: (100_000, "524113"),
    Item.SPEAKER: (500_000, "521213"),
    Item.FACILITATOR: (200_000, "521213"),
    Item.MATERIALS: (20_000, "521211"),
}
# venue 3 days × 1.000.000; consumption (20×2 + 12×2 + 10) × 35.000; transport (20 + 24 + 10) × 100.000;
# speakers 750.000 + 500.000; facilitators 1 × 200.000; materials 42 × 20.000
HAND_TOTAL = 3_000_000 + 2_590_000 + 5_400_000 + 1_250_000 + 200_000 + 840_000
HAND_MANGGAR = 1_000_000 + 1_750_000 + 3_000_000 + 1_250_000 + 200_000 + 600_000
HAND_GANTUNG = 2_000_000 + 840_000 + 2_400_000 + 240_000


@dataclass
class SmallPlan:
    plan: TrainingPlan
    full_day: TrainingSession
    two_days: TrainingSession


def session(plan: TrainingPlan, venue: Venue, people: int, **kw: object) -> TrainingSession:
    session = TrainingSession.objects.create(plan=plan, venue=venue, region_code=venue.region_id, **kw)  # type: ignore[misc]  # test data
    SessionGroup.objects.create(plan=plan, session=session, key=f"g{session.pk}", body="pps",
                                region_code=venue.region_id, participants=people)  # fmt: skip
    return session


def small_plan(election: Election) -> SmallPlan:
    programs_seed(election=election, actor="test")
    plan = TrainingPlan.objects.create(
        election=election, tier=Tier.TOT, region_id=BELTIM, start=MONDAY, end=MONDAY + dt.timedelta(days=2)
    )
    a = Venue.objects.create(name="Balai A", region_id=MANGGAR, capacity=80)
    b = Venue.objects.create(name="Balai B", region_id=GANTUNG, capacity=80)
    full_day = session(plan, a, 20, date=MONDAY, slot=1, slots=2)
    session(plan, a, 10, date=MONDAY, slot=3)
    two_days = session(plan, b, 12, date=MONDAY, slot=1, days=2)
    session(plan, b, 50, date=MONDAY + dt.timedelta(days=1), slot=2, status="cancelled")
    modules = list(
        Module.objects.filter(program__election=election, program__kind="tot").order_by("position")
    )
    for i, fee in enumerate((750_000, 0)):
        speaker = Speaker.objects.create(name=f"Narasumber {i}", institution="KPU", division="teknis",
                                         region_code=BELTIM)  # fmt: skip
        SessionSpeaker.objects.create(session=full_day, module=modules[i], speaker=speaker,
                                      region_code=MANGGAR, honorarium=fee)  # fmt: skip
    person = Person.objects.create(nik=make_nik(MANGGAR, dt.date(1980, 1, 1), "L", 1), name="Fasilitator Satu",
                                   birth_date=dt.date(1980, 1, 1), sex="L", region_id=MANGGAR)  # fmt: skip
    SessionFacilitator.objects.create(session=full_day, person=person)
    for item, (amount, akun) in COSTS.items():
        unit_cost_set(election=election, region_code="", item=item, amount=amount, akun=akun, actor="test")
    unit_cost_set(election=election, region_code=BELTIM, item=Item.CONSUMPTION, amount=35_000, akun="521211",
                  source="SBM 2024 Beltim (uji)", actor="test")  # fmt: skip
    return SmallPlan(plan, full_day, two_days)
