"""Demo plans: halls for the demo regencies, the Purbalingga ToT of 22-24 January 2024 and the Beltim bimtek.

Hall sizes are assumptions (no public list of halls exists): a ToT ballroom of 300 per kabupaten (Purbalingga
trained its 807 PPK/PPS in three waves), a kecamatan hall of 120 and a balai desa of 30-60 seats, derived
from the code so the demo repeats. Plans are solved synchronously here, as the demo builder has no worker.
"""

import datetime as dt

from bimtek.elections.models import Election
from bimtek.planner.examples import village_hall_capacity
from bimtek.planner.models import TrainingPlan, Venue
from bimtek.planner.services import VenueUse, plan_create, plan_solve, venue_create
from bimtek.regions.models import Level, Region

DEMO_REGENCIES = ["19.06", "33.03", "16.05"]
ACTOR = "demo"


def demo_venues(regency: str) -> None:
    region = Region.objects.get(code=regency)
    venue_create(name=f"Ballroom ToT {region.display_name}", region=region, capacity=300, actor=ACTOR)
    for r in Region.objects.within(regency).filter(level__in=[Level.KECAMATAN, Level.DESA]):
        if r.level == Level.KECAMATAN:
            venue_create(name=f"Aula {r.display_name}", region=r, capacity=120, actor=ACTOR)
        else:
            venue_create(
                name=f"Balai Desa {r.name}", region=r, capacity=village_hall_capacity(r.code), actor=ACTOR
            )


def demo_plans(election: Election, *, time_limit: float = 5.0) -> list[TrainingPlan]:
    """Halls for every demo regency, then a solved ToT for Purbalingga and a solved bimtek for Beltim."""
    for regency in DEMO_REGENCIES:
        demo_venues(regency)
    purbalingga = Region.objects.get(code="33.03")
    tot = plan_create(
        election=election,
        tier="tot",
        region=purbalingga,
        start=dt.date(2024, 1, 22),
        end=dt.date(2024, 1, 24),
        venues=[VenueUse(Venue.objects.get(region=purbalingga, capacity=300))],
        actor=ACTOR,
    )
    beltim = Region.objects.get(code="19.06")
    halls = Venue.objects.within_region("19.06").exclude(region=beltim)
    bimtek = plan_create(
        election=election,
        tier="bimtek",
        region=beltim,
        start=dt.date(2024, 1, 25),
        end=dt.date(2024, 1, 28),
        venues=[VenueUse(v, sessions_per_day=2) for v in halls],
        include_linmas=True,  # the bimtek trains each TPS's KPPS and Linmas together
        rules={
            "not_before": dt.date(2024, 1, 25),  # the KPPS pelantikan
            "locality": "desa",
            "facilitators_per_session": 2,
            "facilitator_area": "desa",
        },
        actor=ACTOR,
    )
    for plan in (tot, bimtek):
        plan_solve(plan=plan, actor=ACTOR, time_limit=time_limit)
        plan.refresh_from_db()
    return [tot, bimtek]
