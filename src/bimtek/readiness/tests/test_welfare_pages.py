"""Welfare on the readiness pages: each crew member's flags, BPJS of a TPS's KPPS and of a region's."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from bimtek.accounts.models import User
from bimtek.conftest import BELTIM, LENGGANG
from bimtek.elections.models import TPS, Election
from bimtek.readiness.services import readiness_refresh
from bimtek.readiness.tests.conftest import TODAY
from bimtek.workforce.models import Appointment, Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def welfare_story(beltim_tps: Election, lenggang_story: dict[int, TPS]) -> TPS:
    """TPS 001: three KPPS with BPJS, the ketua over 55 on voting day; a Linmas of 60 with no flag for age."""
    tps = lenggang_story[1]
    crew = Appointment.objects.filter(tps=tps).select_related("person")
    fresh = beltim_tps.voting_day - dt.timedelta(days=20)
    Person.objects.filter(appointments__in=crew).update(health_date=fresh, party_statement=True)
    kpps = [a.person_id for a in crew if a.body == "kpps"]
    Person.objects.filter(pk__in=kpps[:3]).update(bpjs_enrolled="yes", bpjs_number="24012345678")
    Person.objects.filter(pk__in=[a.person_id for a in crew if a.body == "linmas"]).update(
        bpjs_enrolled="yes"
    )
    ketua = next(a for a in crew if a.body == "kpps" and a.seat == 1)
    linmas = next(a for a in crew if a.body == "linmas")
    old = dt.date(1960, 1, 1)
    Person.objects.filter(pk__in=[ketua.person_id, linmas.person_id]).update(birth_date=old)
    Person.objects.filter(pk=kpps[-1]).update(health_date=None)
    return tps


def test_the_tps_page_shows_each_members_flags_and_the_bpjs_line(
    kpu_beltim: User, beltim_tps: Election, welfare_story: TPS
) -> None:
    client = Client()
    client.force_login(kpu_beltim)
    page = client.get(reverse("readiness:tps", args=[beltim_tps.slug, welfare_story.pk])).content.decode()
    assert "BPJS: 3 dari 7 KPPS" in page
    assert page.count('data-flag="kpps_over_55"') == 1  # the ketua; the Linmas of 64 is not flagged
    assert page.count('data-flag="health_missing"') == 1
    assert page.count('data-flag="bpjs_missing"') == 4
    assert "Usia di atas 55" in page and "24012345678" not in page


def test_the_region_page_counts_the_bpjs_of_its_kpps(
    kpu_beltim: User, beltim_tps: Election, welfare_story: TPS
) -> None:
    readiness_refresh(election=beltim_tps, actor="test", today=TODAY)  # the region pages read the snapshot
    client = Client()
    client.force_login(kpu_beltim)
    for code in (BELTIM, LENGGANG):
        page = client.get(reverse("readiness:region", args=[beltim_tps.slug, code])).content.decode()
        kpps = Appointment.objects.filter(election=beltim_tps, body="kpps", status="active").count()
        assert f"BPJS: 3 dari {kpps} KPPS" in page, code


def test_a_pps_of_the_neighbouring_desa_sees_no_tps_of_lenggang(
    pps_neighbour: User, beltim_tps: Election, welfare_story: TPS
) -> None:
    client = Client()
    client.force_login(pps_neighbour)
    response = client.get(reverse("readiness:tps", args=[beltim_tps.slug, welfare_story.pk]))
    assert response.status_code == 404


def test_the_country_and_a_province_count_bpjs_from_the_snapshot_not_live(
    kpu_ri: User, beltim_tps: Election, welfare_story: TPS
) -> None:
    client = Client()
    client.force_login(kpu_ri)
    urls = (
        reverse("readiness:national", args=[beltim_tps.slug]),
        reverse("readiness:region", args=[beltim_tps.slug, BELTIM.split(".")[0]]),
    )
    for url in urls:  # millions of KPPS: never counted on a page view, so nothing before the first refresh
        response = client.get(url)
        assert response.status_code == 200, url
        assert 'id="bpjs"' not in response.content.decode(), url
    readiness_refresh(election=beltim_tps, actor="test", today=TODAY)
    kpps = Appointment.objects.filter(election=beltim_tps, body="kpps", status="active").count()
    for url in urls:
        assert f"BPJS: 3 dari {kpps} KPPS" in client.get(url).content.decode(), url
