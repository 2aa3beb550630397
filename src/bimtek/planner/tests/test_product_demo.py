"""The demo's plans: a solved three-wave ToT for Purbalingga, and a solved ToT and bimtek for Beltim."""

import pytest

from bimtek.conftest import BELTIM, PURBALINGGA, load_tps
from bimtek.elections.models import Election
from bimtek.planner.demo import demo_plans
from bimtek.planner.models import PlanStatus, TrainingSession, Venue
from bimtek.planner.tests.test_product_support import crews, tot_workforce

pytestmark = pytest.mark.django_db


def test_it_builds_venues_and_three_solved_plans(beltim_tps: Election) -> None:
    load_tps(beltim_tps, PURBALINGGA)
    tot_workforce(beltim_tps, PURBALINGGA)
    crews(beltim_tps, BELTIM, tot_workforce(beltim_tps, BELTIM))
    tot, _, bimtek = demo_plans(beltim_tps, time_limit=0.5)
    assert Venue.objects.filter(capacity=300).count() == 3
    assert tot.status == PlanStatus.SOLVED and tot.summary["participants"] == 807
    assert TrainingSession.objects.filter(plan=tot).count() == 3
    assert bimtek.status == PlanStatus.SOLVED, bimtek.summary.get("explanation")
    assert bimtek.summary["violations"] == [] and bimtek.summary["warnings"] == []
    assert TrainingSession.objects.filter(plan=bimtek, facilitators__isnull=False).distinct().count() == (
        TrainingSession.objects.filter(plan=bimtek).count()
    )
