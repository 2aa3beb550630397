"""API fixtures: a Lenggang crew, its training, a Beltim job, and a client per persona.

Lenggang's KPPS and Linmas of TPS 001 are the Beltim data other personas must never see.
"""

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from bimtek.accounts.models import User
from bimtek.accounts.scoping import Scope
from bimtek.assessment.models import Attempt, Program, TestForm
from bimtek.conftest import BELTIM, LENGGANG
from bimtek.elections.models import TPS, Election
from bimtek.jobs.models import Job
from bimtek.planner.models import SessionFacilitator, SessionGroup, TrainingPlan, TrainingSession, Venue
from bimtek.readiness.services import readiness_refresh
from bimtek.workforce.models import Appointment, Person
from bimtek.workforce.nik import make_nik
from bimtek.workforce.people_import import people_import
from bimtek.workforce.tests.factories import crew_rows, csv_bytes

NATIONAL = Scope(region_code=None, person_id=None)


@pytest.fixture(autouse=True, scope="session")
def static_root() -> None:
    """WhiteNoise warns (an error under our warning filter) when STATIC_ROOT is missing; tests never collectstatic."""
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)


@pytest.fixture
def lenggang_crew(beltim_tps: Election) -> list[Person]:
    report = people_import(
        election=beltim_tps,
        source=io.BytesIO(csv_bytes(crew_rows(LENGGANG, [1]))),
        filename="kpps.csv",
        actor="test",
        scope=NATIONAL,
    )
    assert report.stored, report.rejected
    people = list(Person.objects.filter(region_id=LENGGANG))
    assert len(people) == 9
    return people


GANTUNG = "19.06.02"
TODAY = dt.date(2024, 1, 25)  # 20 days before voting day, as in the readiness tests
# First-attempt percentages of Lenggang TPS 001's crew, seat by seat (7 KPPS, then 2 Linmas).
PRE = [40.0, 50.0, 60.0, 100.0, 30.0, 20.0, 50.0, 40.0, 60.0]
POST = [80.0, 75.0, 90.0, 100.0, 60.0, 40.0, 70.0, 85.0, 65.0]


@dataclass
class Training:
    plan: TrainingPlan  # the bimtek of kecamatan Gantung, which covers Lenggang and Selingsing
    session: TrainingSession  # at Balai Desa Lenggang, for Lenggang TPS 001 only
    facilitator: Person  # a PPS member of Lenggang
    program: Program  # the KPPS bimtek, with a pre- and a post-test taken by the crew


@pytest.fixture
def lenggang_training(lenggang_crew: list[Person]) -> Training:
    """Lenggang's crew trained at its balai desa, tested before and after, and the readiness refreshed."""
    election = Election.objects.get()
    tps = TPS.objects.get(election=election, village_id=LENGGANG, number=1)
    plan = TrainingPlan.objects.create(
        election=election, tier="bimtek", region_id=GANTUNG, start=TODAY, end=TODAY + dt.timedelta(days=2)
    )
    venue = Venue.objects.create(name="Balai Desa Lenggang", region_id=LENGGANG, capacity=40)
    session = TrainingSession.objects.create(
        plan=plan, venue=venue, date=TODAY, slot=2, status="held", region_code=LENGGANG
    )
    SessionGroup.objects.create(
        plan=plan,
        session=session,
        key=f"tps-{tps.pk}",
        body="kpps",
        region_code=LENGGANG,
        tps=tps,
        participants=9,
    )
    facilitator = Person.objects.create(
        nik=make_nik(GANTUNG, dt.date(1980, 5, 17), "P", 901),
        name="Fasilitator Lenggang",
        birth_date=dt.date(1980, 5, 17),
        sex="P",
        phone="+6281299990901",
        region_id=LENGGANG,
    )
    SessionFacilitator.objects.create(session=session, person=facilitator)
    program = Program.objects.create(election=election, kind="kpps", name="Bimtek KPPS")
    crew = Appointment.objects.filter(tps=tps).order_by("body", "seat")
    for stage, scores in (("pre", PRE), ("post", POST)):
        form = TestForm.objects.create(program=program, stage=stage)
        Attempt.objects.bulk_create(
            Attempt(
                form=form,
                person_id=a.person_id,
                region_id=LENGGANG,
                code=f"{stage}{i:04d}",
                seed=i,
                items=b"",
                answers=b"",
                status="submitted",
                score=round(percent / 10),
                percent=percent,
                passed=percent >= program.pass_mark,
            )
            for i, (a, percent) in enumerate(zip(crew, scores, strict=True))
        )
    readiness_refresh(election=election, region_code=BELTIM, actor="test", today=TODAY)
    return Training(plan, session, facilitator, program)


@pytest.fixture
def beltim_job(db: None) -> Job:
    return Job.objects.create(
        kind="people_import",
        title="Impor petugas Beltim",
        region_code=BELTIM,
        done=3,
        total=4,
        message="19.06 hampir selesai",
    )


@pytest.fixture
def client_for() -> Callable[[User | None], APIClient]:
    def make(user: User | None) -> APIClient:
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return make
