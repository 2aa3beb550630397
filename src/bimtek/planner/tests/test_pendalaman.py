"""Pendalaman: a desa's KPPS crews deepen their training together, facilitated by that desa's own PPS."""

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command

from bimtek.elections.models import TPS, Election
from bimtek.planner.models import SessionGroup, TrainingPlan, TrainingSession
from bimtek.planner.selectors import session_participants
from bimtek.planner.services import VenueUse, plan_create, plan_solve, venue_create
from bimtek.planner.tests.test_product_support import crews, tot_workforce
from bimtek.regions.models import Level, Region
from bimtek.workforce.models import Appointment

pytestmark = pytest.mark.django_db

GANTUNG = "19.06.02"
START = dt.date(2024, 2, 1)


@pytest.fixture
def solved(beltim_tps: Election) -> TrainingPlan:
    serials = tot_workforce(beltim_tps, GANTUNG)
    crews(beltim_tps, GANTUNG, serials)
    uses = [
        VenueUse(venue_create(name=f"Balai Desa {r.name}", region=r, capacity=150, actor="t"), 2)
        for r in Region.objects.within(GANTUNG).filter(level=Level.DESA)
    ]
    plan = plan_create(
        election=beltim_tps, tier="pendalaman", region=Region.objects.get(code=GANTUNG),
        start=START, end=START + dt.timedelta(days=2), venues=uses, actor="t",
    )  # fmt: skip
    plan_solve(plan=plan, actor="t", time_limit=0.5)
    plan.refresh_from_db()
    return plan


def test_groups_are_one_per_desa_with_all_its_crews(solved: TrainingPlan) -> None:
    assert solved.status == "solved" and solved.summary["violations"] == []
    groups = list(SessionGroup.objects.filter(plan=solved))
    desas = set(
        TPS.objects.filter(election=solved.election, village__code__startswith=f"{GANTUNG}.").values_list(
            "village_id", flat=True
        )
    )
    assert {g.key for g in groups} == {f"desa-{d}" for d in desas}
    for g in groups:
        crew = Appointment.objects.active().filter(
            election=solved.election, body="kpps", region_id=g.region_code
        )
        assert g.body == "desa" and g.participants == crew.count()
        people = set(
            session_participants(g.session).filter(region_id=g.region_code).values_list("pk", flat=True)
        )
        assert people == set(crew.values_list("pk", flat=True))  # the whole desa's crews, nobody else's


def test_each_session_is_facilitated_by_the_pps_of_its_desas(solved: TrainingPlan) -> None:
    for session in TrainingSession.objects.filter(plan=solved).prefetch_related("groups"):
        desas = {g.region_code for g in session.groups.all()}
        staff = Appointment.objects.active().filter(
            election=solved.election, person__in=session.facilitators.values("person")
        )
        assert staff.exists()
        assert set(staff.values_list("body", flat=True)) == {"pps"}
        assert desas <= set(staff.values_list("region_id", flat=True))


def test_the_command_creates_a_pendalaman_plan(beltim_tps: Election) -> None:
    venue_create(name="Aula Gantung", region=Region.objects.get(code=GANTUNG), capacity=200, actor="t")
    out = io.StringIO()
    call_command(
        "plan", "create", GANTUNG, "--election", beltim_tps.slug, "--tier", "pendalaman",
        "--start", "2024-02-01", "--end", "2024-02-03", "--json", stdout=out,
    )  # fmt: skip
    report = json.loads(out.getvalue())
    plan = TrainingPlan.objects.get(pk=report["plan_id"])
    assert plan.tier == "pendalaman" and report["venues"] == 1


def test_the_plan_page_offers_the_pendalaman_tier(beltim_tps: Election, kpu_beltim, client) -> None:  # type: ignore[no-untyped-def]  # pytest fixtures (settings, client, ...) are passed untyped
    venue = venue_create(
        name="Aula Gantung", region=Region.objects.get(code=GANTUNG), capacity=200, actor="t"
    )
    client.force_login(kpu_beltim)
    url = f"/rencana/e/{beltim_tps.slug}/baru/?region={GANTUNG}"
    assert 'value="pendalaman"' in client.get(url).content.decode()
    form = {"tier": "pendalaman", "start": "2024-02-01", "end": "2024-02-02", "venues": [venue.pk],
            "sessions_per_day": 2, "locality": "prefer", "facilitators_per_session": 1, "facilitator_area": "desa"}  # fmt: skip
    assert client.post(url, form).status_code == 302
    assert TrainingPlan.objects.get().tier == "pendalaman"
