"""NIK and phone numbers: masked in every list, whole only in a KPU user's person detail, never in a URL."""

import logging
from collections.abc import Callable

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from bimtek.accounts.models import User
from bimtek.api.filters import ERR_NIK_IN_URL
from bimtek.api.tests.conftest import Training
from bimtek.api.tests.test_scoping import api_url_names, call, url_kwargs
from bimtek.conftest import BELTIM, LENGGANG
from bimtek.elections.models import Election
from bimtek.jobs.models import Job
from bimtek.lib.masking import mask_nik
from bimtek.workforce.models import Person

pytestmark = pytest.mark.django_db

LISTS = ["/api/v1/people/", "/api/v1/elections/pemilu-2024/appointments/"]


@pytest.mark.parametrize("url", LISTS)
def test_it_never_puts_a_full_nik_or_phone_in_a_list(
    url: str,
    lenggang_crew: list[Person],
    kpu_beltim: User,
    client_for: Callable[[User | None], APIClient],
) -> None:
    response = client_for(kpu_beltim).get(url)
    assert response.status_code == 200
    assert response.json()["count"] == 9  # the list does hold the people whose numbers it hides
    for person in lenggang_crew:
        assert person.nik.encode() not in response.content
        assert person.phone and person.phone.encode() not in response.content


def test_it_shows_a_masked_nik_that_still_tells_people_apart(
    lenggang_crew: list[Person], kpu_beltim: User, client_for: Callable[[User | None], APIClient]
) -> None:
    rows = client_for(kpu_beltim).get("/api/v1/people/").json()["results"]
    assert sorted(row["nik"] for row in rows) == sorted(mask_nik(p.nik) for p in lenggang_crew)


def test_it_shows_the_full_nik_in_a_detail_only_to_kpu(
    lenggang_crew: list[Person],
    kpu_beltim: User,
    pps_lenggang: User,
    client_for: Callable[[User | None], APIClient],
) -> None:
    person = lenggang_crew[0]
    url = f"/api/v1/people/{person.pk}/"
    kpu_response = client_for(kpu_beltim).get(url)
    as_kpu = kpu_response.json()
    as_pps = client_for(pps_lenggang).get(url).json()
    assert (as_kpu["nik"], as_kpu["phone"]) == (person.nik, person.phone)
    assert kpu_response["Cache-Control"] == "no-store"
    assert as_pps["name"] == person.name
    assert as_pps["nik"] == mask_nik(person.nik)
    assert person.phone not in as_pps["phone"]


def test_it_finds_a_person_by_the_last_digits_of_the_nik(
    lenggang_crew: list[Person], kpu_beltim: User, client_for: Callable[[User | None], APIClient]
) -> None:
    person = lenggang_crew[0]
    rows = client_for(kpu_beltim).get(f"/api/v1/people/?nik_suffix={person.nik[-6:]}").json()["results"]
    assert [row["id"] for row in rows] == [person.pk]


@pytest.mark.parametrize("query", ["nik_suffix=1234567", "q={nik}", "nik={nik}", "region={nik}"])
def test_it_refuses_a_nik_in_the_query_string_and_does_not_log_it(
    query: str,
    lenggang_crew: list[Person],
    kpu_beltim: User,
    client_for: Callable[[User | None], APIClient],
    caplog: pytest.LogCaptureFixture,
) -> None:
    nik = lenggang_crew[0].nik
    with caplog.at_level(logging.DEBUG):
        response = client_for(kpu_beltim).get(f"/api/v1/people/?{query.format(nik=nik)}")
    assert response.status_code == 400
    assert nik.encode() not in response.content
    assert nik not in caplog.text
    if "{nik}" in query:
        assert response.json() == {"detail": ERR_NIK_IN_URL}


@pytest.mark.parametrize(("persona", "region"), [("kpu_beltim", BELTIM), ("pps_lenggang", LENGGANG)])
def test_it_never_puts_a_full_nik_or_phone_in_any_other_response(
    persona: str,
    region: str,
    request: pytest.FixtureRequest,
    lenggang_training: Training,
    client_for: Callable[[User | None], APIClient],
) -> None:
    """Every API URL, as the owner of the data; only a KPU user's person detail may carry the numbers."""
    election = Election.objects.get()
    job = Job.objects.create(kind="people_import", title="Impor", region_code=region)
    client = client_for(request.getfixturevalue(persona))
    numbers = [n.encode() for p in Person.objects.all() for n in (p.nik, p.phone) if n]
    assert len(numbers) == 20  # the crew of TPS 001 and the facilitator, NIK and phone each
    for name in api_url_names():
        if name == "person-detail" and persona == "kpu_beltim":
            continue
        kwargs = url_kwargs(name, election=election, region=region, job=job, training=lenggang_training)
        response = call(client, name, reverse(f"api:{name}", kwargs=kwargs))
        assert response.status_code == 200, name
        assert not [n for n in numbers if n in response.content], name
