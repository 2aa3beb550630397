"""The demo's speakers: Beltim's ToT sessions are filled from the module defaults, never with a clash."""

from __future__ import annotations

import datetime as dt

import pytest

from bimtek.assessment.curriculum import programs_seed
from bimtek.conftest import BELTIM
from bimtek.elections.models import Election
from bimtek.planner.core.speakers import SpeakerSession, speaker_clashes
from bimtek.planner.models import Tier, TrainingPlan, TrainingSession, Venue
from bimtek.site.demo_speakers import demo_speakers
from bimtek.speakers.models import SessionSpeaker

pytestmark = pytest.mark.django_db
MONDAY = dt.date(2024, 1, 22)


def test_it_fills_parallel_tot_classes_without_a_clash(pemilu: Election) -> None:
    programs_seed(election=pemilu, actor="test")
    plan = TrainingPlan.objects.create(
        election=pemilu, tier=Tier.TOT, region_id=BELTIM, start=MONDAY, end=MONDAY
    )
    sessions = [
        TrainingSession.objects.create(
            plan=plan,
            venue=Venue.objects.create(name=f"Aula {n}", region_id=BELTIM, capacity=80),
            date=MONDAY,
            slot=1,
            slots=2,
            region_code=BELTIM,
        )
        for n in (1, 2)
    ]
    assert demo_speakers(pemilu) == 2
    rule = [
        SpeakerSession(
            str(s.pk),
            s.venue.name,
            s.date,
            s.slot,
            s.slots,
            s.days,
            tuple(
                SessionSpeaker.objects.filter(session=s).values_list("speaker__name", flat=True).distinct()
            ),
        )
        for s in sessions
    ]
    assert speaker_clashes(rule) == []
    assert SessionSpeaker.objects.filter(session=sessions[0]).count() == 5
