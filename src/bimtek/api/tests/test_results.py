"""Test results through the API: the assessment selectors' pass rate and normalized gains, per child region."""

from collections.abc import Callable
from dataclasses import asdict

import pytest
from rest_framework.test import APIClient

from bimtek.accounts.models import User
from bimtek.accounts.scoping import scope_of
from bimtek.api.tests.conftest import GANTUNG, Training
from bimtek.assessment.selectors import child_key, group_results, overall, participants
from bimtek.conftest import BELTIM, LENGGANG

pytestmark = pytest.mark.django_db

URL = "/api/v1/elections/pemilu-2024/results/kpps/{code}/"


def test_it_gives_belitung_timur_the_selectors_pass_rate_and_gains(
    lenggang_training: Training, kpu_beltim: User, client_for: Callable[[User | None], APIClient]
) -> None:
    body = client_for(kpu_beltim).get(URL.format(code=BELTIM)).json()
    rows = participants(lenggang_training.program, scope_of(kpu_beltim), BELTIM)
    assert (body["participants"], body["post_n"], body["passed"]) == (9, 9, 6)
    assert body["pass_rate"] == pytest.approx(6 / 9)
    assert body["gain"] == asdict(overall(rows))
    assert body["gain"]["class_gain"] == pytest.approx((73.888888 - 50) / 50, abs=1e-5)
    assert body["gain"]["ceiling"] == 1  # the member with 100% on the pre-test has no room to gain
    (gantung,) = body["children"]
    (expected,) = group_results(rows, child_key(BELTIM))
    assert (gantung["region"], gantung["name"]) == (GANTUNG, expected.name)
    assert gantung["gain"] == asdict(expected.gain)


def test_it_gives_a_desa_its_own_results_and_no_children(
    lenggang_training: Training, pps_lenggang: User, client_for: Callable[[User | None], APIClient]
) -> None:
    body = client_for(pps_lenggang).get(URL.format(code=LENGGANG)).json()
    assert (body["region"], body["participants"], body["children"]) == (LENGGANG, 9, [])


def test_it_answers_404_for_a_program_the_election_does_not_have(
    lenggang_training: Training, kpu_beltim: User, client_for: Callable[[User | None], APIClient]
) -> None:
    response = client_for(kpu_beltim).get(f"/api/v1/elections/pemilu-2024/results/tot/{BELTIM}/")
    assert response.status_code == 404


def test_it_gives_empty_results_where_nobody_took_a_test(
    lenggang_training: Training, kpu_beltim: User, client_for: Callable[[User | None], APIClient]
) -> None:
    body = client_for(kpu_beltim).get(URL.format(code=f"{BELTIM}.01")).json()
    assert (body["participants"], body["pass_rate"], body["gain"]["class_gain"]) == (0, None, None)
    assert body["children"] == []


def test_it_keeps_the_national_results_for_a_national_scope(
    lenggang_training: Training,
    kpu_beltim: User,
    kpu_ri: User,
    client_for: Callable[[User | None], APIClient],
) -> None:
    assert client_for(kpu_beltim).get(URL.format(code="id")).status_code == 404
    body = client_for(kpu_ri).get(URL.format(code="id")).json()
    assert (body["name"], body["participants"]) == ("Indonesia", 9)
    assert [c["region"] for c in body["children"]] == ["19"]
