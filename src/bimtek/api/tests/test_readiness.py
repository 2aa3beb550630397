"""Readiness through the API: the snapshot's counts (equal to a direct count of the TPS rows), and the TPS at risk.

Lenggang's story (readiness tests): TPS 001 ready, 002 and 003 short of something, 004-012 without a crew,
judged ten days before voting day: too late to recruit (belum siap), still time to train (berisiko).
"""

import datetime as dt
from collections import Counter
from collections.abc import Callable

import pytest
from rest_framework.test import APIClient

from bimtek.accounts.models import User
from bimtek.conftest import BELTIM, LENGGANG
from bimtek.elections.models import TPS, Election
from bimtek.readiness.models import ReadinessTPS
from bimtek.readiness.selectors import reason_labels
from bimtek.readiness.services import readiness_refresh
from bimtek.readiness.tests.conftest import lenggang_story  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db

URL = "/api/v1/elections/pemilu-2024/readiness/{code}/"
D_MINUS_10 = dt.date(2024, 2, 4)


@pytest.fixture
def refreshed(beltim_tps: Election, lenggang_story: dict[int, TPS]) -> Election:  # noqa: F811
    readiness_refresh(election=beltim_tps, actor="test", today=D_MINUS_10)
    return beltim_tps


def direct_count(prefix: str) -> Counter[str]:
    rows = ReadinessTPS.objects.filter(region_code__startswith=prefix)
    return Counter(rows.values_list("status", flat=True))


def counts_of(body: dict[str, object]) -> dict[str, object]:
    return {k: body[k] for k in ("total", "ready", "at_risk", "not_ready")}


def test_it_gives_a_desa_the_counts_of_its_tps_rows(
    refreshed: Election, pps_lenggang: User, client_for: Callable[[User | None], APIClient]
) -> None:
    body = client_for(pps_lenggang).get(URL.format(code=LENGGANG)).json()
    direct = direct_count(LENGGANG)
    assert counts_of(body) == {
        "total": 12,
        "ready": direct["ready"],
        "at_risk": direct["at_risk"],
        "not_ready": direct["not_ready"],
    }
    assert (body["ready"], body["at_risk"], body["not_ready"]) == (1, 1, 10)
    assert body["computed_at"] is not None
    assert body["children"] == []
    reasons = {r["code"]: r["tps"] for r in body["reasons"]}
    assert sum(reasons.values()) >= body["at_risk"] + body["not_ready"]


def test_it_gives_every_kecamatan_of_belitung_timur_its_direct_count(
    refreshed: Election, kpu_beltim: User, client_for: Callable[[User | None], APIClient]
) -> None:
    body = client_for(kpu_beltim).get(URL.format(code=BELTIM)).json()
    assert body["total"] == TPS.objects.filter(village__code__startswith=f"{BELTIM}.").count() == 363
    assert len(body["children"]) == 7
    for child in body["children"]:
        direct = direct_count(f"{child['region']}.")
        assert counts_of(child) == {
            "total": sum(direct.values()),
            "ready": direct["ready"],
            "at_risk": direct["at_risk"],
            "not_ready": direct["not_ready"],
        }, child["region"]


def test_it_keeps_the_country_for_a_national_scope(
    refreshed: Election, kpu_beltim: User, kpu_ri: User, client_for: Callable[[User | None], APIClient]
) -> None:
    assert client_for(kpu_beltim).get(URL.format(code="id")).status_code == 404
    body = client_for(kpu_ri).get(URL.format(code="id")).json()
    assert (body["region"], body["name"], body["total"]) == ("", "Indonesia", 363)
    assert [c["region"] for c in body["children"]] == ["19"]


def test_it_answers_zero_counts_and_no_time_before_the_first_refresh(
    beltim_tps: Election, kpu_beltim: User, client_for: Callable[[User | None], APIClient]
) -> None:
    body = client_for(kpu_beltim).get(URL.format(code=BELTIM)).json()
    assert counts_of(body) == {"total": 0, "ready": 0, "at_risk": 0, "not_ready": 0}
    assert body["computed_at"] is None and body["children"] == []


def test_it_lists_the_tps_not_ready_first_with_reasons_and_days_left(
    refreshed: Election, kpu_beltim: User, client_for: Callable[[User | None], APIClient]
) -> None:
    body = client_for(kpu_beltim).get(URL.format(code=LENGGANG) + "tps/").json()
    stored = {r.tps_id: r for r in ReadinessTPS.objects.filter(region_code=LENGGANG)}
    assert body["count"] == sum(1 for r in stored.values() if r.status != "ready") == 11
    statuses = [row["status"] for row in body["results"]]
    assert statuses == ["not_ready"] * 10 + ["at_risk"]
    for row in body["results"]:
        mine = stored[row["tps"]]
        assert row["reasons"] == [
            {"code": c, "label": str(label)} for c, label in reason_labels(mine.reason_bits)
        ]
        assert row["reasons"] and row["days_left"] == mine.days_left == 10


@pytest.mark.parametrize("status", ["at_risk", "not_ready"])
def test_it_filters_the_tps_by_status_and_pages_them(
    status: str, refreshed: Election, kpu_beltim: User, client_for: Callable[[User | None], APIClient]
) -> None:
    client = client_for(kpu_beltim)
    url = URL.format(code=BELTIM) + f"tps/?status={status}"
    body = client.get(url + "&limit=5").json()
    assert body["count"] == direct_count(f"{BELTIM}.")[status]
    assert len(body["results"]) == min(5, body["count"])
    assert {row["status"] for row in body["results"]} <= {status}


def test_it_answers_400_to_an_unknown_status(
    refreshed: Election, kpu_beltim: User, client_for: Callable[[User | None], APIClient]
) -> None:
    assert client_for(kpu_beltim).get(URL.format(code=BELTIM) + "tps/?status=ready").status_code == 400
