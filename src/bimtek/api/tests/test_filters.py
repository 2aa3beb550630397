"""List filters: regions by parent, level and name; TPS by region prefix; bad values answer 400."""

from collections.abc import Callable

import pytest
from rest_framework.test import APIClient

from bimtek.accounts.models import User
from bimtek.conftest import BELTIM, LENGGANG
from bimtek.elections.models import Election

pytestmark = pytest.mark.django_db


def test_it_lists_the_kecamatan_of_belitung_timur(
    kpu_beltim: User, client_for: Callable[[User | None], APIClient]
) -> None:
    body = client_for(kpu_beltim).get(f"/api/v1/regions/?parent={BELTIM}").json()
    assert body["count"] == 7
    assert all(row["parent"] == BELTIM and row["level"] == 3 for row in body["results"])


def test_it_finds_regions_by_level_and_name(
    kpu_beltim: User, client_for: Callable[[User | None], APIClient]
) -> None:
    client = client_for(kpu_beltim)
    assert client.get("/api/v1/regions/?level=4").json()["count"] == 39
    rows = client.get("/api/v1/regions/?q=lenggang").json()["results"]
    assert LENGGANG in [row["code"] for row in rows]


def test_it_filters_tps_by_region_prefix(
    beltim_tps: Election, kpu_beltim: User, client_for: Callable[[User | None], APIClient]
) -> None:
    client = client_for(kpu_beltim)
    everything = client.get("/api/v1/elections/pemilu-2024/tps/").json()["count"]
    lenggang = client.get(f"/api/v1/elections/pemilu-2024/tps/?region={LENGGANG}").json()
    assert everything == 363
    assert lenggang["count"] == 12
    assert {row["village"] for row in lenggang["results"]} == {LENGGANG}


@pytest.mark.parametrize("query", ["level=9", "parent=19-06", "parent=1906"])
def test_it_answers_400_to_a_bad_filter(
    query: str, kpu_beltim: User, client_for: Callable[[User | None], APIClient]
) -> None:
    assert client_for(kpu_beltim).get(f"/api/v1/regions/?{query}").status_code == 400
