"""Drill personas on top of the shared ones: the KPPS crews of Lenggang and of neighbouring Selingsing.

- `ketua_lenggang`: the ketua KPPS of TPS 001 Lenggang, who practises as herself (`kpps_lenggang` logs in);
- `ketua_selingsing`: the ketua KPPS of TPS 001 Selingsing, whose attempts the PPS of Lenggang must not see.
"""

import io

import pytest

from bimtek.accounts.models import User
from bimtek.accounts.scoping import Scope
from bimtek.accounts.services import user_create
from bimtek.conftest import LENGGANG, PASSWORD, SELINSING
from bimtek.elections.models import Election
from bimtek.workforce.models import Appointment, Person
from bimtek.workforce.people_import import people_import
from bimtek.workforce.tests.factories import crew_rows, csv_bytes


@pytest.fixture
def crews(beltim_tps: Election) -> Election:
    rows = crew_rows(LENGGANG, [1], linmas=False) + crew_rows(SELINSING, [1], start_serial=100, linmas=False)
    report = people_import(
        election=beltim_tps,
        source=io.BytesIO(csv_bytes(rows)),
        filename="crews.csv",
        actor="test",
        scope=Scope(None, None),
    )
    assert report.stored and not report.rejected
    return beltim_tps


def ketua(village: str) -> Person:
    return Appointment.objects.get(body="kpps", region_id=village, seat=1).person


@pytest.fixture
def ketua_lenggang(crews: Election) -> Person:
    return ketua(LENGGANG)


@pytest.fixture
def ketua_selingsing(crews: Election) -> Person:
    return ketua(SELINSING)


@pytest.fixture
def kpps_lenggang(ketua_lenggang: Person) -> User:
    return user_create(
        username="kpps-lenggang",
        password=PASSWORD,
        role="kpps",
        region_code=LENGGANG,
        person_id=ketua_lenggang.pk,
        actor="test",
    )


def crew_of(village: str) -> list[Person]:
    """The active KPPS of TPS 001 of the desa, ketua first."""
    rows = Appointment.objects.filter(body="kpps", region_id=village, status="active").order_by("seat")
    return [a.person for a in rows.select_related("person")]


@pytest.fixture
def crew_lenggang(crews: Election) -> list[Person]:
    return crew_of(LENGGANG)
