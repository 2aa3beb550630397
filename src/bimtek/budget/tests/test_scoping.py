"""Every budget page is scoped: the PPS of the neighbouring desa and the KPU of another kabupaten get 404 on
Lenggang's and Beltim's budget and never see their entered costs; a PPS may not write anywhere (403).

The walk reads the `budget` namespace from the resolver, so a new page fails here until it states its case.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from bimtek.accounts.models import User
from bimtek.budget.models import ActualCost
from bimtek.budget.services import actual_cost_record
from bimtek.conftest import BELTIM, LENGGANG
from bimtek.elections.models import Election
from bimtek.site.tests.urlwalk import namespace_url_names

pytestmark = pytest.mark.django_db
SECRET = "Katering Rahasia Lenggang"
SLUG = "pemilu-2024"


@pytest.fixture
def cost(pemilu: Election) -> ActualCost:
    return actual_cost_record(election=pemilu, region_code=LENGGANG, item="konsumsi", amount=700_000,
                              akun="521211", note=SECRET, actor="test")  # fmt: skip


def cases(cost: ActualCost, code: str) -> dict[str, tuple[str, str, dict[str, Any]]]:
    write = {"region": code, "item": "konsumsi", "amount": "1000", "akun": "521211"}
    return {
        "budget:national": ("get", reverse("budget:national", args=[SLUG]), {}),
        "budget:region": ("get", reverse("budget:region", args=[SLUG, code]), {}),
        "budget:unit_cost_set": ("post", reverse("budget:unit_cost_set", args=[SLUG]), write),
        "budget:actual_cost_record": ("post", reverse("budget:actual_cost_record", args=[SLUG]), write),
        "budget:actual_cost_delete": ("post", reverse("budget:actual_cost_delete", args=[cost.pk]), {}),
        "budget:export_xlsx": ("get", reverse("budget:export_xlsx", args=[SLUG]) + f"?wilayah={code}", {}),
    }


def _walk(user: User, cost: ActualCost, code: str) -> dict[str, int]:
    client = Client()
    client.force_login(user)
    out = {}
    for name, (method, url, data) in cases(cost, code).items():
        response = getattr(client, method)(url, data)
        assert SECRET.encode() not in response.content, name
        out[name] = response.status_code
    return out


def test_it_has_a_case_for_every_budget_page(cost: ActualCost) -> None:
    assert namespace_url_names("budget") == set(cases(cost, LENGGANG))


def test_the_neighbouring_pps_gets_nothing_of_lenggang(cost: ActualCost, pps_neighbour: User) -> None:
    assert _walk(pps_neighbour, cost, LENGGANG) == {
        "budget:national": 302,  # to its own desa
        "budget:region": 404,
        "budget:unit_cost_set": 403,
        "budget:actual_cost_record": 403,
        "budget:actual_cost_delete": 403,
        "budget:export_xlsx": 404,
    }
    assert ActualCost.objects.count() == 1


def test_another_kabupaten_gets_404_on_beltim(cost: ActualCost, kpu_purbalingga: User) -> None:
    assert _walk(kpu_purbalingga, cost, BELTIM) == {
        "budget:national": 302,
        "budget:region": 404,
        "budget:unit_cost_set": 404,
        "budget:actual_cost_record": 404,
        "budget:actual_cost_delete": 404,
        "budget:export_xlsx": 404,
    }
    assert ActualCost.objects.count() == 1


def test_the_pps_of_lenggang_reads_its_own_costs(cost: ActualCost, pps_lenggang: User) -> None:
    client = Client()
    client.force_login(pps_lenggang)
    page = client.get(reverse("budget:region", args=[SLUG, LENGGANG]))
    assert page.status_code == 200 and SECRET.encode() in page.content
    assert b"Hapus" not in page.content
