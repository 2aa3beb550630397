"""Results: pass/fail and normalized gain per participant and region; item analysis from the database."""

import pytest
from django.test import Client
from django.urls import reverse

from bimtek.accounts.models import User
from bimtek.accounts.scoping import Scope
from bimtek.assessment.attempts import attempt_submit, attempts_issue, versions_of
from bimtek.assessment.core.gain import normalized_gain
from bimtek.assessment.models import Attempt, FormMode, Question, TestForm
from bimtek.assessment.selectors import child_key, form_item_analysis, group_results, overall, participants
from bimtek.assessment.tests.conftest import kpps_form, kpps_program
from bimtek.conftest import LENGGANG
from bimtek.elections.models import Election

pytestmark = pytest.mark.django_db
NATIONAL = Scope(None, None)


def _take(form: TestForm, right: dict[int, int]) -> dict[int, float]:
    """Each participant (by order) answers the first `right[i]` items right and the rest blank."""
    attempts_issue(form=form, region_code=LENGGANG, mode="online", actor="test", scope=NATIONAL)
    percents = {}
    for i, attempt in enumerate(Attempt.objects.filter(form=form).order_by("person_id")):
        if i not in right:
            continue
        versions = versions_of(attempt)
        done = attempt_submit(code=attempt.code, answers={p: versions[p].answer for p in range(right[i])})
        percents[attempt.person_id] = done.percent
    return percents


def test_it_computes_the_gain_of_a_desa_both_ways(lenggang_crews: Election, kpu_beltim: User) -> None:
    program = kpps_program(lenggang_crews)
    pre = _take(kpps_form(lenggang_crews, "pre"), {0: 4, 1: 10, 2: 20, 3: 8})
    post = _take(kpps_form(lenggang_crews, "post"), {0: 12, 1: 16, 2: 18, 4: 15})
    rows = participants(program, NATIONAL, "19.06")
    assert len(rows) == 5
    both = sorted(pre.keys() & post.keys())
    expected = normalized_gain([pre[p] for p in both], [post[p] for p in both])
    gain = overall(rows)
    assert gain.pairs == 3 and gain.ceiling == 1  # the one with 20/20 on the pre-test
    assert gain.class_gain == pytest.approx(expected.class_gain)
    assert gain.mean_individual_gain == pytest.approx((0.6 - 0.2) / 0.8 * 0.5 + (0.8 - 0.5) / 0.5 * 0.5)
    [kecamatan] = group_results(rows, child_key("19.06"))
    assert (
        kecamatan.key == "19.06.02" and kecamatan.name == "Gantung" and kecamatan.passed == 3
    )  # 80%, 90% and 75% against 70
    page = Client()
    page.force_login(kpu_beltim)
    html = page.get(reverse("assessment:results", args=[program.pk])).content.decode()
    assert "Gantung" in html and f"{expected.class_gain:.2f}".replace(".", ",") in html


def test_it_analyses_items_of_stored_attempts_like_the_core(lenggang_crews: Election) -> None:
    form = kpps_form(lenggang_crews)
    codes = ["PH-001", "PH-002", "PH-003", "PG-001"]
    TestForm.objects.filter(pk=form.pk).update(
        mode=FormMode.FIXED,
        fixed_questions=[Question.objects.get(election=lenggang_crews, code=c).pk for c in codes],
    )
    form.refresh_from_db()
    _take(form, {0: 1, 1: 2, 2: 3, 3: 4, 4: 4, 5: 0})
    analysis = form_item_analysis(form, NATIONAL)
    by_code = {r.version.question.code: r.stat for r in analysis.items}
    # six attempts: item k is right for those who answered at least k+1 items
    assert [by_code[c].facility for c in codes] == pytest.approx([5 / 6, 4 / 6, 3 / 6, 2 / 6])
    assert all(by_code[c].attempts == 6 for c in codes)
    assert by_code["PH-001"].blank == 1 and by_code["PG-001"].blank == 4
    assert analysis.test.attempts == 6 and analysis.test.alpha is not None and analysis.test.alpha > 0.5


def test_an_attempt_stored_without_items_is_left_out_of_the_item_analysis(lenggang_crews: Election) -> None:
    form = kpps_form(lenggang_crews)
    codes = ["PH-001", "PH-002", "PH-003", "PG-001"]
    TestForm.objects.filter(pk=form.pk).update(
        mode=FormMode.FIXED,
        fixed_questions=[Question.objects.get(election=lenggang_crews, code=c).pk for c in codes],
    )
    form.refresh_from_db()
    _take(form, {0: 1, 1: 2, 2: 3, 3: 4, 4: 4, 5: 0})
    Attempt.objects.filter(form=form).order_by("pk").filter(
        pk=Attempt.objects.filter(form=form).order_by("pk").values("pk")[:1]
    ).update(items=b"", answers=b"")  # e.g. a row written by another tool with the items missing
    analysis = form_item_analysis(form, NATIONAL)  # before: numpy's reshape failed on a width of 0
    assert analysis.test.attempts == 5
    assert all(r.stat.attempts == 5 for r in analysis.items)


def test_the_results_page_names_each_participants_desa_and_says_plainly_when_nothing_pairs_yet(
    lenggang_crews: Election, kpu_beltim: User
) -> None:
    program = kpps_program(lenggang_crews)
    _take(kpps_form(lenggang_crews, "pre"), {0: 4, 1: 10})
    page = Client()
    page.force_login(kpu_beltim)
    html = page.get(reverse("assessment:results", args=[program.pk])).content.decode()
    assert 'id="overall-empty"' in html and 'id="overall"' not in html  # no "0" and "– → –" cards
    assert "menyusul" not in html  # the stale "attendance comes with Delivery" text
    assert f'title="{LENGGANG}">Lenggang<' in html  # the desa's name, its code only as a title

    _take(kpps_form(lenggang_crews, "post"), {0: 12})
    html = page.get(reverse("assessment:results", args=[program.pk])).content.decode()
    assert 'id="overall"' in html and 'id="overall-empty"' not in html
