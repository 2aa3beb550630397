"""The election's crew-drill rule: off by default, set by a KPU RI operator only, shown on the crews page."""

import pytest
from django.test import Client
from django.urls import reverse

from bimtek.accounts.models import User
from bimtek.audit.models import AuditEntry
from bimtek.drill.models import CrewDrillPolicy
from bimtek.drill.selectors import crew_drill_rule
from bimtek.elections.models import Election

pytestmark = pytest.mark.django_db


def post_rule(user: User, election: Election, **data: str) -> int:
    client = Client()
    client.force_login(user)
    return client.post(reverse("drill:crew_policy", args=[election.slug]), data).status_code


def test_it_is_off_until_the_kpu_chooses(pemilu: Election) -> None:
    assert crew_drill_rule(pemilu) == (False, 80)


def test_a_kpu_ri_operator_turns_it_on_with_a_pass_mark(pemilu: Election, kpu_ri: User) -> None:
    assert post_rule(kpu_ri, pemilu, counts_in_readiness="on", pass_mark="90") == 302
    assert crew_drill_rule(pemilu) == (True, 90)
    assert AuditEntry.objects.filter(action="drill.crew_policy.set").count() == 1
    client = Client()
    client.force_login(kpu_ri)
    page = client.get(reverse("drill:crews", args=[pemilu.slug])).content.decode()
    assert 'data-counts="1"' in page and 'name="counts_in_readiness"' in page


def test_a_kabupaten_operator_or_a_pps_cannot_set_it(
    pemilu: Election, kpu_beltim: User, pps_lenggang: User
) -> None:
    assert post_rule(kpu_beltim, pemilu, counts_in_readiness="on") == 404
    assert post_rule(pps_lenggang, pemilu, counts_in_readiness="on") == 403
    assert not CrewDrillPolicy.objects.exists()


def test_a_bad_pass_mark_is_refused_not_a_500(pemilu: Election, kpu_ri: User) -> None:
    assert post_rule(kpu_ri, pemilu, counts_in_readiness="on", pass_mark="250") == 302
    assert crew_drill_rule(pemilu) == (False, 80)
