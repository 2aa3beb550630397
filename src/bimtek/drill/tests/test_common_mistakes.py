"""A facilitator sees the class's mistakes by rule and by box, over the people of their region only."""

import pytest
from django.test import Client
from django.urls import reverse

from bimtek.accounts.models import User
from bimtek.conftest import LENGGANG
from bimtek.drill.models import DrillAttempt
from bimtek.drill.selectors import common_mistakes
from bimtek.drill.services import drill_attempt_record
from bimtek.drill.tests.helpers import truth, with_invalid_off_by_one
from bimtek.elections.models import Election
from bimtek.workforce.models import Appointment, Person

pytestmark = pytest.mark.django_db


def practise(person: Person, election: Election, values: dict[str, int | None]) -> None:
    drill_attempt_record(
        person=person, election=election, level="easy", seed=4242, values=values, actor="test"
    )


@pytest.fixture
def lenggang_class(crews: Election, ketua_selingsing: Person) -> Election:
    """Lenggang: two break votes_sum and one is perfect. Selingsing: one miscounts I.B.1 (sum_lp, turnout_sum)."""
    lenggang = [
        a.person for a in Appointment.objects.filter(region_id=LENGGANG, body="kpps").order_by("seat")
    ]
    practise(lenggang[0], crews, with_invalid_off_by_one())
    practise(lenggang[1], crews, with_invalid_off_by_one())
    practise(lenggang[2], crews, truth())
    values = truth()
    practise(ketua_selingsing, crews, {**values, "I.B.1.total": (values["I.B.1.total"] or 0) + 1})
    return crews


def rows(page: str, marker: str) -> list[str]:
    return [line for line in page.splitlines() if marker in line]


def test_it_counts_attempts_per_rule_and_per_box(lenggang_class: Election) -> None:
    summary = common_mistakes(DrillAttempt.objects.filter(person__region_id=LENGGANG))
    assert (summary.attempts, summary.people, summary.passed_people) == (3, 3, 3)
    assert summary.by_rule == [("votes_sum", 2)]
    assert summary.by_box == [("V.B", 2)]


def test_the_pps_sees_only_the_mistakes_of_its_desa(lenggang_class: Election, pps_lenggang: User) -> None:
    client = Client()
    client.force_login(pps_lenggang)
    page = client.get(reverse("drill:mistakes", args=[lenggang_class.slug])).content.decode()
    assert '<span class="big" id="attempt-count">3</span>' in page
    assert 'data-code="votes_sum"' in page
    assert 'data-code="sum_lp"' not in page and 'data-code="turnout_sum"' not in page
    assert 'data-box="V.B"' in page and 'data-box="I.B.1.total"' not in page


def test_the_kabupaten_sees_both_desa_and_can_narrow_to_one(
    lenggang_class: Election, kpu_beltim: User
) -> None:
    client = Client()
    client.force_login(kpu_beltim)
    url = reverse("drill:mistakes", args=[lenggang_class.slug])
    page = client.get(url).content.decode()
    assert 'id="attempt-count">4<' in page and 'data-code="sum_lp"' in page
    narrowed = client.get(url + f"?wilayah={LENGGANG}").content.decode()
    assert 'id="attempt-count">3<' in narrowed and 'data-code="sum_lp"' not in narrowed


def test_another_regency_sees_no_attempts(lenggang_class: Election, kpu_purbalingga: User) -> None:
    client = Client()
    client.force_login(kpu_purbalingga)
    url = reverse("drill:mistakes", args=[lenggang_class.slug])
    assert 'id="attempt-count">0<' in client.get(url).content.decode()
    assert client.get(url + f"?wilayah={LENGGANG}").status_code == 404
