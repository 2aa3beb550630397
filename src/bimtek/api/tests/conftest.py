"""API fixtures: a Lenggang crew, a Beltim job, and a client per persona.

Lenggang's KPPS and Linmas of TPS 001 are the Beltim data other personas must never see.
"""

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from bimtek.accounts.models import User
from bimtek.accounts.scoping import Scope
from bimtek.conftest import BELTIM, LENGGANG
from bimtek.elections.models import Election
from bimtek.jobs.models import Job
from bimtek.workforce.models import Person
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
