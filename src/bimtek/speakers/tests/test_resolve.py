"""A re-solve replaces the plan's planned sessions: the speakers go with them to the same hall and time, and
the plan says how many it could not carry (their session's day is gone) for the operator to assign again."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from bimtek.accounts.models import User
from bimtek.assessment.curriculum import programs_seed
from bimtek.audit.models import AuditEntry
from bimtek.conftest import BELTIM
from bimtek.elections.models import Election
from bimtek.planner.models import PlanVenue, TrainingPlan, TrainingSession
from bimtek.planner.services import VenueUse, plan_create, plan_solve, venue_create
from bimtek.planner.tests.test_product_support import tot_workforce
from bimtek.regions.models import Region
from bimtek.speakers.models import SessionSpeaker
from bimtek.speakers.tests.helpers import speaker, tot_modules

pytestmark = pytest.mark.django_db

DAYS = [dt.date(2024, 1, 22) + dt.timedelta(days=i) for i in range(4)]


@pytest.fixture
def solved(pemilu: Election) -> TrainingPlan:
    programs_seed(election=pemilu, actor="test")
    tot_workforce(pemilu, BELTIM)
    regency = Region.objects.get(code=BELTIM)
    hall = venue_create(name="Aula KPU Beltim", region=regency, capacity=60, actor="test")
    plan = plan_create(election=pemilu, tier="tot", region=regency, start=DAYS[0], end=DAYS[-1],
                       venues=[VenueUse(hall)], actor="test")  # fmt: skip
    plan_solve(plan=plan, actor="test", time_limit=1)
    return plan


def _slots(plan: TrainingPlan) -> dict[tuple[int, dt.date, int], int]:
    return {(s.venue_id, s.date, s.slot): s.pk for s in TrainingSession.objects.filter(plan=plan)}


def test_a_re_solve_keeps_each_speaker_on_the_session_at_the_same_hall_and_time(solved: TrainingPlan) -> None:
    modules = tot_modules(solved.election)
    ani, budi = speaker("Ani"), speaker("Budi")
    before = _slots(solved)
    assert len(before) >= 2
    first, second = sorted(before)[:2]
    SessionSpeaker.objects.create(session_id=before[first], module=modules[0], speaker=ani, region_code=BELTIM,
                                  honorarium=900_000)  # fmt: skip
    SessionSpeaker.objects.create(
        session_id=before[second], module=modules[1], speaker=budi, region_code=BELTIM
    )

    plan_solve(plan=solved, actor="test", time_limit=1)
    after = _slots(solved)
    assert set(after) == set(before) and after[first] != before[first]  # new rows at the same times
    kept = {(r.session_id, r.module_id): (r.speaker_id, r.honorarium) for r in SessionSpeaker.objects.all()}
    assert kept == {
        (after[first], modules[0].pk): (ani.pk, 900_000),
        (after[second], modules[1].pk): (budi.pk, 0),
    }
    solved.refresh_from_db()
    assert solved.summary["kept_on_sessions"] == {"speakers": {"carried": 2, "dropped": 0}}


def test_a_speaker_whose_day_is_gone_is_dropped_and_counted(solved: TrainingPlan, kpu_beltim: User) -> None:
    modules = tot_modules(solved.election)
    before = _slots(solved)
    last = max(before, key=lambda k: (k[1], k[2]))
    SessionSpeaker.objects.create(
        session_id=before[last], module=modules[0], speaker=speaker(), region_code=BELTIM
    )
    PlanVenue.objects.filter(plan=solved).update(days=[d.isoformat() for d in DAYS if d != last[1]])

    plan_solve(plan=solved, actor="test", time_limit=1)
    solved.refresh_from_db()
    assert not SessionSpeaker.objects.exists()
    assert solved.summary["kept_on_sessions"] == {"speakers": {"carried": 0, "dropped": 1}}
    entry = AuditEntry.objects.filter(action="planner.plan.solve").latest("pk")
    assert entry.after["kept_on_sessions"] == {"speakers": {"carried": 0, "dropped": 1}}
    client = Client()
    client.force_login(kpu_beltim)
    page = client.get(reverse("planner:detail", args=[solved.pk])).content.decode()
    assert "perlu ditugaskan lagi: 1" in page
