"""The best score is on the trainee's record, and `drill_passed` reads it for the readiness rules."""

import datetime as dt
import re

import pytest
from django.template import Context, Template
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from bimtek.accounts.models import User
from bimtek.drill.rules import RULE_TITLES
from bimtek.drill.selectors import best_drill_score, drill_passed
from bimtek.drill.services import drill_attempt_record
from bimtek.drill.tests.helpers import truth, with_invalid_off_by_one
from bimtek.elections.models import Election
from bimtek.workforce.models import Person

pytestmark = pytest.mark.django_db


def practise(person: Person, election: Election, values: dict[str, int | None], seed: int = 4242) -> int:
    attempt = drill_attempt_record(
        person=person, election=election, level="easy", seed=seed, values=values, actor="test"
    )
    return attempt.score


def test_it_has_no_best_score_before_practice(ketua_lenggang: Person, crews: Election) -> None:
    assert best_drill_score(ketua_lenggang) is None
    assert not drill_passed(ketua_lenggang, crews)


def test_the_best_attempt_counts_not_the_last(ketua_lenggang: Person, crews: Election) -> None:
    perfect = practise(ketua_lenggang, crews, truth())
    slipped = practise(ketua_lenggang, crews, with_invalid_off_by_one())
    assert (perfect, slipped) == (100, slipped) and slipped < 100
    assert best_drill_score(ketua_lenggang) == best_drill_score(ketua_lenggang, crews) == 100


def test_it_passes_at_the_pass_mark_and_not_below(ketua_lenggang: Person, crews: Election) -> None:
    score = practise(ketua_lenggang, crews, with_invalid_off_by_one())
    assert drill_passed(ketua_lenggang, crews, pass_mark=score)
    assert not drill_passed(ketua_lenggang, crews, pass_mark=score + 1)


def test_a_pass_in_another_election_does_not_count(
    ketua_lenggang: Person, crews: Election, pilkada: Election
) -> None:
    practise(ketua_lenggang, pilkada, dict.fromkeys(truth()))  # pilkada drill, nothing filled: 0
    assert best_drill_score(ketua_lenggang, pilkada) == 0
    assert not drill_passed(ketua_lenggang, crews, pass_mark=0)


def test_the_best_score_shows_on_the_persons_drill_record(
    pps_lenggang: User, ketua_lenggang: Person, crews: Election
) -> None:
    practise(ketua_lenggang, crews, with_invalid_off_by_one())
    client = Client()
    client.force_login(pps_lenggang)
    page = client.get(reverse("drill:person", args=[ketua_lenggang.pk])).content.decode()
    best = best_drill_score(ketua_lenggang, crews)
    assert f'data-best="{best}"' in page and ketua_lenggang.name in page
    assert ketua_lenggang.nik not in page


def test_the_record_tag_shows_the_best_score_for_the_person_page(
    ketua_lenggang: Person, crews: Election
) -> None:
    practise(ketua_lenggang, crews, with_invalid_off_by_one())
    practise(ketua_lenggang, crews, truth(seed=7), seed=7)
    html = Template("{% load drill %}{% drill_record person %}").render(Context({"person": ketua_lenggang}))
    assert "nilai terbaik" in html and '<strong class="ok">100</strong>' in html


def test_the_persons_record_names_broken_rules_in_words_not_codes(
    pps_lenggang: User, ketua_lenggang: Person, crews: Election
) -> None:
    practise(ketua_lenggang, crews, with_invalid_off_by_one())
    codes = ketua_lenggang.drill_attempts.get().violation_codes
    assert codes, "the slipped form breaks at least one rule"
    client = Client()
    client.force_login(pps_lenggang)
    page = client.get(reverse("drill:person", args=[ketua_lenggang.pk])).content.decode()
    for code in codes:
        assert f'data-code="{code}">{escape(str(RULE_TITLES[code]))}<' in page
        assert f">{code}<" not in page


def test_a_pinned_today_moves_the_shown_moment_of_an_attempt_with_it(
    settings, pps_lenggang: User, ketua_lenggang: Person, crews: Election
) -> None:
    practise(ketua_lenggang, crews, truth())
    settings.BIMTEK_TODAY = dt.date(2024, 2, 7)  # a demo of the past election
    client = Client()
    client.force_login(pps_lenggang)
    page = client.get(reverse("drill:person", args=[ketua_lenggang.pk])).content.decode()
    assert "7 Feb 2024 " in page  # the app's calendar, not the real one
    assert str(timezone.localdate().year) + "<" not in page and f"{timezone.localdate():%b %Y}" not in page
    assert re.search(r"7 Feb 2024 \d{2}\.\d{2}<", page)  # Indonesian time: 08.00, not 08:00
