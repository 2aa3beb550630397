"""Staffing through the API gives the selector's numbers: Belitung Timur trains 35 PPK and 117 PPS."""

from collections.abc import Callable

import pytest
from rest_framework.test import APIClient

from bimtek.accounts.models import User
from bimtek.conftest import BELTIM, LENGGANG
from bimtek.elections.models import Election
from bimtek.workforce.models import Person
from bimtek.workforce.selectors import staffing, staffing_of_children

pytestmark = pytest.mark.django_db


def test_it_gives_belitung_timur_the_selectors_numbers(
    lenggang_crew: list[Person], kpu_beltim: User, client_for: Callable[[User | None], APIClient]
) -> None:
    election = Election.objects.get()
    body = client_for(kpu_beltim).get(f"/api/v1/elections/{election.slug}/staffing/{BELTIM}/").json()
    assert (body["required"]["ppk"], body["required"]["pps"], body["trainees_tot"]) == (35, 117, 152)
    assert body["appointed"] == {"ppk": 0, "pps": 0, "kpps": 7, "linmas": 2}
    children = body.pop("children")
    assert body == {"election": election.slug, **staffing(election=election, region_code=BELTIM).as_dict()}
    assert children == [row.as_dict() for row in staffing_of_children(election=election, region_code=BELTIM)]
    assert len(children) == 7


def test_it_gives_a_pps_the_staffing_of_its_desa_only(
    beltim_tps: Election, pps_lenggang: User, client_for: Callable[[User | None], APIClient]
) -> None:
    client = client_for(pps_lenggang)
    desa = client.get(f"/api/v1/elections/pemilu-2024/staffing/{LENGGANG}/")
    assert desa.status_code == 200
    assert desa.json()["required"]["pps"] == 3 and desa.json()["children"] == []
    assert client.get(f"/api/v1/elections/pemilu-2024/staffing/{BELTIM}/").status_code == 404


def test_it_answers_404_for_an_unknown_election_or_region(
    beltim_tps: Election, kpu_ri: User, client_for: Callable[[User | None], APIClient]
) -> None:
    client = client_for(kpu_ri)
    assert client.get(f"/api/v1/elections/pilkada-2099/staffing/{BELTIM}/").status_code == 404
    assert client.get("/api/v1/elections/pemilu-2024/staffing/19.99/").status_code == 404
