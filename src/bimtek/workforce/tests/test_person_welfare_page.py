"""The person page shows welfare facts and findings in words; health values and the BPJS number are
for the KPU roles, and the number is masked even for them."""

import datetime as dt
import io

import pytest
from django.test import Client
from django.urls import reverse

from bimtek.accounts.models import User
from bimtek.accounts.scoping import Scope
from bimtek.conftest import LENGGANG
from bimtek.elections.models import Election
from bimtek.workforce.models import Appointment, Person
from bimtek.workforce.people_import import people_import
from bimtek.workforce.tests.factories import crew_rows, csv_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def ketua(beltim_tps: Election) -> Person:
    people_import(
        election=beltim_tps,
        source=io.BytesIO(csv_bytes(crew_rows(LENGGANG, [1]))),
        filename="petugas.csv",
        actor="test",
        scope=Scope(region_code=None, person_id=None),
    )
    person = Appointment.objects.get(tps__number=1, body="kpps", seat=1).person
    person.birth_date = dt.date(1960, 1, 1)
    person.health_date = dt.date(2024, 1, 10)
    person.systolic, person.diastolic = 150, 95
    person.bpjs_enrolled, person.bpjs_number, person.bpjs_payer = "yes", "24012345678", "apbd"
    person.education = "smp"
    person.save()
    return person


def page(user: User, person: Person) -> str:
    client = Client()
    client.force_login(user)
    return client.get(reverse("workforce:person", args=[person.pk])).content.decode()


def test_an_operator_sees_the_readings_the_findings_and_a_masked_bpjs_number(
    kpu_beltim: User, ketua: Person
) -> None:
    text = page(kpu_beltim, ketua)
    assert "150/95 mmHg" in text and "Pemerintah daerah (APBD)" in text
    assert "********678" in text and "24012345678" not in text
    for code in ("kpps_over_55", "blood_pressure_high", "party_statement_missing", "education_below_sma"):
        assert f'data-flag="{code}"' in text
    assert "Usia 64 tahun pada hari pemungutan suara" in text and "PKPU 8/2022 Pasal 35" in text


def test_a_pps_sees_the_findings_without_the_health_values(pps_lenggang: User, ketua: Person) -> None:
    text = page(pps_lenggang, ketua)
    assert 'data-flag="blood_pressure_high"' in text and "Tekanan darah tinggi" in text
    assert "150/95" not in text and "24012345678" not in text
