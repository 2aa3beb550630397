"""The KPPS bimtek from the registry: one group per TPS, PPS/PPK facilitators after their own ToT, per kecamatan."""

import datetime as dt

import pytest

from bimtek.conftest import BELTIM, LENGGANG
from bimtek.elections.models import TPS, Election
from bimtek.planner.instance import plan_instance
from bimtek.planner.models import PlanStatus, SessionGroup, TrainingPlan, TrainingSession
from bimtek.planner.selectors import session_participants
from bimtek.planner.services import VenueUse, plan_create, plan_solve, venue_create
from bimtek.planner.tests.test_product_support import crews, tot_workforce
from bimtek.regions.models import Level, Region

pytestmark = pytest.mark.django_db

GANTUNG = "19.06.02"
JAN_22, JAN_25 = dt.date(2024, 1, 22), dt.date(2024, 1, 25)


def halls(region: str) -> list[VenueUse]:
    """A balai per desa (30 seats, two sessions a day) and the kecamatan hall of each kecamatan."""
    uses = []
    for r in Region.objects.within(region).filter(level__in=[Level.KECAMATAN, Level.DESA]):
        name, capacity = ("Aula Kecamatan", 120) if r.level == Level.KECAMATAN else ("Balai Desa", 30)
        uses.append(
            VenueUse(venue_create(name=f"{name} {r.name}", region=r, capacity=capacity, actor="test"), 2)
        )
    return uses


def bimtek_plan(election: Election, region: str, **extra: object) -> TrainingPlan:
    return plan_create(
        election=election,
        tier="bimtek",
        region=Region.objects.get(code=region),
        start=JAN_25,
        end=JAN_25 + dt.timedelta(days=3),
        venues=halls(region),
        actor="test",
        **extra,  # type: ignore[arg-type]  # test kwargs of plan_create
    )


def test_it_makes_one_group_per_tps_with_linmas_when_asked(beltim_tps: Election) -> None:
    serials = tot_workforce(beltim_tps, BELTIM)
    crews(beltim_tps, GANTUNG, serials, linmas=True)
    plan = bimtek_plan(beltim_tps, GANTUNG, include_linmas=True, rules={"not_before": JAN_25})
    instance = plan_instance(plan)
    tps_count = TPS.objects.filter(election=beltim_tps, village__code__startswith=f"{GANTUNG}.").count()
    assert len(instance.groups) == tps_count and {g.size for g in instance.groups} == {9}
    assert instance.rules.not_before == JAN_25
    # Gantung's 5 PPK and 3 PPS per desa facilitate; no ToT planned yet, so they are available at once.
    desa = Region.objects.within(GANTUNG).filter(level=Level.DESA).count()
    assert len(instance.facilitators) == 5 + 3 * desa
    assert {f.available_from for f in instance.facilitators} == {None}


def test_it_makes_facilitators_available_the_day_after_their_tot(beltim_tps: Election) -> None:
    tot_workforce(beltim_tps, BELTIM)
    regency = Region.objects.get(code=BELTIM)
    aula = venue_create(name="Aula KPU", region=regency, capacity=60, actor="test")
    tot = plan_create(
        election=beltim_tps, tier="tot", region=regency, start=JAN_22, end=JAN_22 + dt.timedelta(days=2),
        venues=[VenueUse(aula)], actor="test",
    )  # fmt: skip
    plan_solve(plan=tot, actor="test", time_limit=1)
    trained = SessionGroup.objects.get(plan=tot, key=f"pps-{LENGGANG}").session.date

    instance = plan_instance(bimtek_plan(beltim_tps, GANTUNG))
    lenggang = {f.available_from for f in instance.facilitators if f.region == LENGGANG}
    assert lenggang == {trained + dt.timedelta(days=1)}


def test_it_solves_a_whole_regency_per_kecamatan_and_stores_valid_sessions(beltim_tps: Election) -> None:
    serials = tot_workforce(beltim_tps, BELTIM)
    crews(beltim_tps, GANTUNG, serials)  # the other kecamatan have no crews yet: the norm, with warnings
    plan = bimtek_plan(beltim_tps, BELTIM, rules={"locality": "desa"})
    plan_solve(plan=plan, actor="test", time_limit=0.5)
    plan.refresh_from_db()
    tps_total = TPS.objects.filter(election=beltim_tps).count()
    assert plan.status == PlanStatus.SOLVED, plan.summary
    assert plan.summary["method"].startswith("per kecamatan")
    assert plan.summary["violations"] == [] and plan.summary["unplanned_participants"] == 0
    assert SessionGroup.objects.filter(plan=plan).count() == plan.summary["groups"] == tps_total
    gantung = TPS.objects.filter(election=beltim_tps, village__code__startswith=f"{GANTUNG}.").count()
    assert len(plan.summary["warnings"]) == tps_total - gantung
    lenggang = TrainingSession.objects.filter(plan=plan, groups__region_code=LENGGANG).distinct()
    participants = [a for s in lenggang for a in session_participants(s)]
    assert participants and all(a.body == "kpps" for a in participants)
    assert len({a.pk for a in participants}) == len(participants)


def test_a_second_plan_does_not_double_book_halls_or_facilitators_of_the_first(beltim_tps: Election) -> None:
    from bimtek.planner.models import SessionFacilitator

    serials = tot_workforce(beltim_tps, BELTIM)
    crews(beltim_tps, GANTUNG, serials)
    bimtek = bimtek_plan(beltim_tps, GANTUNG, rules={"facilitators_per_session": 1})
    plan_solve(plan=bimtek, actor="test", time_limit=5)
    used = set(TrainingSession.objects.filter(plan=bimtek).values_list("venue_id", "date"))
    facilitating = set(
        SessionFacilitator.objects.filter(session__plan=bimtek).values_list("person_id", "session__date")
    )
    assert used and facilitating

    deepening = plan_create(
        election=beltim_tps, tier="pendalaman", region=Region.objects.get(code=GANTUNG), start=JAN_25,
        end=JAN_25 + dt.timedelta(days=3), actor="test",
        venues=[VenueUse(u.venue, 2) for u in bimtek.plan_venues.select_related("venue")],
    )  # fmt: skip
    instance = plan_instance(deepening)
    offered = {(int(v.id[1:]), d) for v in instance.venues for d in v.days}
    assert not offered & used
    assert any(f.busy_days for f in instance.facilitators)

    plan_solve(plan=deepening, actor="test", time_limit=5)
    second = set(TrainingSession.objects.filter(plan=deepening).values_list("venue_id", "date"))
    assert second and not second & used
    again = set(
        SessionFacilitator.objects.filter(session__plan=deepening).values_list("person_id", "session__date")
    )
    assert not again & facilitating
