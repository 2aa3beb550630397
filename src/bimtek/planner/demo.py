"""Demo plans: halls for the demo regencies, the Purbalingga ToT, and Beltim through both tiers (its ToT, then
the bimtek of its KPPS and Linmas facilitated by the PPS that ToT trained).

Sessions are as long as their program (planner/core/length.py): the standard ToT (570 minutes) and KPPS bimtek
(510 minutes) each take two full days, so Purbalingga's 807 PPK/PPS train in three two-day waves in its
300-seat ballroom (22-27 January) and Beltim's bimtek runs in two waves (25-26 and 27-28 January).

Hall sizes are assumptions (no public list of halls exists): a ToT ballroom of 300 per kabupaten, a kecamatan
hall of 120 and a balai desa of 30-60 seats, derived from the code so the demo repeats. Plans are solved
synchronously here, as the demo builder has no worker.
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
    """Halls for every demo regency, then solved ToTs for Purbalingga and Beltim and a solved bimtek for Beltim."""
    for regency in DEMO_REGENCIES:
        demo_venues(regency)
    purbalingga = Region.objects.get(code="33.03")
    tot = plan_create(
        election=election,
        tier="tot",
        region=purbalingga,
        start=dt.date(2024, 1, 22),
        end=dt.date(2024, 1, 27),
        venues=[VenueUse(Venue.objects.get(region=purbalingga, capacity=300))],
        actor=ACTOR,
    )
    beltim = Region.objects.get(code="19.06")
    beltim_tot = plan_create(
        election=election,
        tier="tot",
        region=beltim,
        start=dt.date(2024, 1, 19),
        end=dt.date(2024, 1, 22),
        venues=[VenueUse(Venue.objects.get(region=beltim, capacity=300))],
        actor=ACTOR,
    )
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
    plans = [tot, beltim_tot, bimtek]  # the Beltim ToT first: its dates are when the PPS may facilitate
    for plan in plans:
        plan_solve(plan=plan, actor=ACTOR, time_limit=time_limit)
        plan.refresh_from_db()
    return plans
