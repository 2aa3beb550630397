"""Welfare in readiness, where the KPU chooses: off, a TPS whose KPPS lack BPJS or a valid health statement is
judged as before; on, the gap makes it at risk (and not ready in the last days), with its own words."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from bimtek.accounts.models import User
from bimtek.elections.models import TPS, Election
from bimtek.lib.errors import DomainError
from bimtek.readiness.core import Code, Policy, Status, TPSFacts, assess
from bimtek.readiness.models import ReadinessPolicy, ReadinessRollup, ReadinessTPS
from bimtek.readiness.services import readiness_policy_set, readiness_refresh
from bimtek.readiness.tests.conftest import TODAY
from bimtek.workforce.models import Appointment, BpjsEnrolled, Person

READY = {"kpps": 7, "linmas": 2, "ketua": True, "ketua_drill_passed": True, "operator": True,
         "operator_trained": True}  # fmt: skip


def _facts(**extra: int) -> TPSFacts:
    return TPSFacts(tps_id=1, days_left=20, **READY, **extra)  # type: ignore[arg-type]  # READY holds bools and ints of TPSFacts


def test_a_welfare_gap_counts_only_when_the_kpu_chooses_it() -> None:
    gaps = _facts(kpps_bpjs_missing=3, kpps_health_unchecked=2)
    assert assess(gaps).status == Status.READY
    bpjs = assess(gaps, policy=Policy(count_bpjs=True))
    assert bpjs.status == Status.AT_RISK and [r.code for r in bpjs.reasons] == [Code.KPPS_BPJS_MISSING]
    assert bpjs.reasons[0].message == "3 dari 7 KPPS belum terdaftar BPJS Ketenagakerjaan"
    both = assess(gaps, policy=Policy(count_bpjs=True, count_health=True))
    assert [r.code for r in both.reasons] == [Code.KPPS_BPJS_MISSING, Code.KPPS_HEALTH_UNCHECKED]
    assert assess(_facts(), policy=Policy(count_bpjs=True, count_health=True)).status == Status.READY


def test_a_counted_welfare_gap_is_out_of_time_like_training_three_days_before() -> None:
    late = TPSFacts(tps_id=1, days_left=2, kpps_bpjs_missing=1, **READY)  # type: ignore[arg-type]  # as above
    assert assess(late, policy=Policy(count_bpjs=True)).status == Status.NOT_READY
    early = TPSFacts(tps_id=1, days_left=3, kpps_bpjs_missing=1, **READY)  # type: ignore[arg-type]  # as above
    assert assess(early, policy=Policy(count_bpjs=True)).status == Status.AT_RISK


@pytest.mark.django_db
def test_only_kpu_ri_sets_the_rule_and_it_is_audited(
    beltim_tps: Election, kpu_beltim: User, kpu_ri: User
) -> None:
    with pytest.raises(DomainError) as err:
        readiness_policy_set(election=beltim_tps, policy=Policy(count_bpjs=True), actor=kpu_beltim)
    assert err.value.code == "policy_not_national" and not ReadinessPolicy.objects.exists()
    readiness_policy_set(election=beltim_tps, policy=Policy(count_bpjs=True), actor=kpu_ri)
    row = ReadinessPolicy.objects.get(election=beltim_tps)
    assert (row.count_bpjs, row.count_health, row.updated_by) == (True, False, kpu_ri)


@pytest.mark.django_db
def test_the_refresh_counts_kpps_without_bpjs_once_the_kpu_chose_it(
    beltim_tps: Election, lenggang_story: dict[int, TPS], kpu_ri: User
) -> None:
    tps = lenggang_story[1]
    kpps = Appointment.objects.filter(tps=tps, body="kpps", status="active")
    Person.objects.filter(pk__in=kpps.values("person_id")).update(
        bpjs_enrolled=BpjsEnrolled.YES, health_date=beltim_tps.voting_day - dt.timedelta(days=30)
    )
    readiness_refresh(election=beltim_tps, actor="test", today=TODAY)
    before = ReadinessTPS.objects.get(tps=tps)
    Person.objects.filter(pk=kpps.first().person_id).update(bpjs_enrolled=BpjsEnrolled.UNKNOWN)
    readiness_refresh(election=beltim_tps, actor="test", today=TODAY)
    assert ReadinessTPS.objects.get(tps=tps).reason_bits == before.reason_bits  # not counted yet

    readiness_policy_set(election=beltim_tps, policy=Policy(count_bpjs=True), actor=kpu_ri)
    readiness_refresh(election=beltim_tps, actor="test", today=TODAY)
    after = ReadinessTPS.objects.get(tps=tps)
    assert after.reason_bits == before.reason_bits | Code.KPPS_BPJS_MISSING.bit
    assert after.status != Status.READY


@pytest.mark.django_db
def test_the_page_lets_kpu_ri_choose_and_starts_the_refresh(beltim_tps: Election, kpu_ri: User) -> None:
    client = Client()
    client.force_login(kpu_ri)
    url = reverse("readiness:policy", args=[beltim_tps.slug])
    page = client.get(url)
    assert page.status_code == 200 and "BPJS Ketenagakerjaan" in page.content.decode()
    answer = client.post(url, {"count_health": "on"})
    assert answer.status_code == 302 and "/pekerjaan/" in answer.url
    row = ReadinessPolicy.objects.get(election=beltim_tps)
    assert (row.count_bpjs, row.count_health) == (False, True)


@pytest.mark.django_db
def test_the_snapshot_counts_bpjs_coverage_so_the_country_page_shows_it(
    beltim_tps: Election, lenggang_story: dict[int, TPS], kpu_ri: User
) -> None:
    kpps = Appointment.objects.filter(tps__election=beltim_tps, body="kpps", status="active")
    total = kpps.count()
    Person.objects.filter(pk__in=kpps.values("person_id")[:5]).update(bpjs_enrolled=BpjsEnrolled.YES)
    readiness_refresh(election=beltim_tps, actor="test", today=TODAY)
    country = ReadinessRollup.objects.get(election=beltim_tps, region_code="")
    assert (country.kpps_bpjs, country.kpps) == (5, total) and total > 5
    client = Client()
    client.force_login(kpu_ri)
    page = client.get(reverse("readiness:national", args=[beltim_tps.slug])).content.decode()
    assert f"BPJS: 5 dari {total} KPPS" in page


@pytest.mark.django_db
def test_the_rules_page_also_says_whether_the_crew_drill_counts(
    beltim_tps: Election, kpu_beltim: User
) -> None:
    from bimtek.drill.models import CrewDrillPolicy

    client = Client()
    client.force_login(kpu_beltim)
    url = reverse("readiness:policy", args=[beltim_tps.slug])
    assert "tidak dihitung" in client.get(url).content.decode()
    CrewDrillPolicy.objects.create(election=beltim_tps, counts_in_readiness=True, pass_mark=85)
    assert "dihitung, nilai lulus regu 85" in client.get(url).content.decode()
