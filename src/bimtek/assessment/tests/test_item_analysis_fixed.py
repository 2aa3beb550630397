"""A fixed form's reliability is computed over its questions, the same items for everyone.

Item statistics were already per question version (never per position). The test's own figures (alpha,
error ratio, SEM) were over positions, which is right for a blueprint and, for a fixed form, only while
everyone's position p holds the same question: reorder the list between two issues and position 1 mixes
two questions. Over question ids alpha stays the alpha of the items themselves.
"""

import numpy as np
import pytest

from bimtek.accounts.scoping import Scope
from bimtek.assessment import fixed  # the module: pytest would collect its test_form_* service
from bimtek.assessment.attempts import attempt_submit, attempts_issue, versions_of
from bimtek.assessment.core.analysis import analyse
from bimtek.assessment.models import Attempt, Question, TestForm
from bimtek.assessment.selectors import form_item_analysis
from bimtek.assessment.tests.conftest import kpps_form
from bimtek.conftest import LENGGANG
from bimtek.elections.models import Election

pytestmark = pytest.mark.django_db
NATIONAL = Scope(None, None)
CODES = ["PH-001", "PH-002", "TK-001", "PG-001", "SM-001"]
# Person i (by person id) is right on question j when KNOWS[i][j]: by question, not by position.
KNOWS = [
    [1, 1, 1, 1, 1],
    [1, 1, 1, 1, 0],
    [1, 1, 1, 0, 0],
    [1, 1, 0, 0, 0],
    [1, 0, 0, 0, 0],
    [0, 0, 0, 0, 0],
    [1, 1, 0, 1, 0],
    [1, 0, 1, 0, 0],
    [1, 1, 1, 0, 1],
    [0, 1, 0, 0, 0],
    [1, 1, 1, 1, 1],
    [1, 0, 0, 1, 0],
    [1, 1, 0, 0, 1],
    [1, 1, 1, 1, 0],
]


def issue(form: TestForm, order: list[int]) -> None:
    fixed.test_form_fix_questions(form=form, question_ids=order, actor="test")
    attempts_issue(form=form, region_code=LENGGANG, mode="online", actor="test", scope=NATIONAL)


def answer_all(form: TestForm, questions: list[int]) -> None:
    for i, attempt in enumerate(Attempt.objects.filter(form=form).order_by("person_id")):
        versions = versions_of(attempt)
        answers = {}
        for position, version in enumerate(versions):
            right = KNOWS[i][questions.index(version.question_id)]
            answers[position] = version.answer if right else None
        attempt_submit(code=attempt.code, answers=answers)


def test_alpha_of_a_fixed_form_is_over_the_same_items_for_everyone_even_when_reordered(
    lenggang_crews: Election,
) -> None:
    form = kpps_form(lenggang_crews)
    questions = [Question.objects.get(election=lenggang_crews, code=c).pk for c in CODES]
    issue(form, questions)
    half = Attempt.objects.filter(form=form).order_by("person_id").values_list("pk", flat=True)[7:]
    Attempt.objects.filter(pk__in=list(half)).delete()
    issue(form, questions[::-1])  # the other half gets the same questions, listed the other way round
    orders = {tuple(v.question_id for v in versions_of(a)) for a in Attempt.objects.filter(form=form)}
    assert orders == {tuple(questions), tuple(questions[::-1])}
    answer_all(form, questions)

    analysis = form_item_analysis(form, NATIONAL)

    by_question = np.array(KNOWS, dtype=np.uint8)
    expected = analyse(by_question).test
    assert analysis.over == "questions"
    assert analysis.test.attempts == 14 and analysis.test.items == 5
    assert analysis.test.alpha == pytest.approx(expected.alpha)
    assert analysis.test.sem == pytest.approx(expected.sem)
    by_position = np.array([row if i < 7 else row[::-1] for i, row in enumerate(KNOWS)], dtype=np.uint8)
    assert analyse(by_position).test.alpha != pytest.approx(expected.alpha)  # what positions would have said
    stats = {r.version.question_id: r.stat for r in analysis.items}
    assert [stats[q].facility for q in questions] == pytest.approx(list(by_question.mean(axis=0)))


def test_alpha_is_left_undefined_when_some_attempts_had_other_questions(lenggang_crews: Election) -> None:
    form = kpps_form(lenggang_crews)
    questions = [Question.objects.get(election=lenggang_crews, code=c).pk for c in CODES]
    issue(form, questions)
    half = Attempt.objects.filter(form=form).order_by("person_id").values_list("pk", flat=True)[7:]
    Attempt.objects.filter(pk__in=list(half)).delete()
    other = Question.objects.get(election=lenggang_crews, code="SM-002").pk
    issue(form, [*questions[:4], other])  # the list changed between issues: not the same items for all
    for attempt in Attempt.objects.filter(form=form):
        attempt_submit(code=attempt.code, answers={0: versions_of(attempt)[0].answer})

    analysis = form_item_analysis(form, NATIONAL)

    assert analysis.over == "questions" and analysis.test.attempts == 14
    assert analysis.test.alpha is None and analysis.test.sem is None
    assert {r.version.question_id for r in analysis.items} == {*questions, other}  # items still each shown


def test_a_blueprint_form_keeps_alpha_over_positions(lenggang_crews: Election) -> None:
    form = kpps_form(lenggang_crews)
    attempts_issue(form=form, region_code=LENGGANG, mode="online", actor="test", scope=NATIONAL)
    for i, attempt in enumerate(Attempt.objects.filter(form=form).order_by("person_id")):
        versions = versions_of(attempt)
        attempt_submit(code=attempt.code, answers={p: versions[p].answer for p in range(i + 1)})
    analysis = form_item_analysis(form, NATIONAL)
    assert analysis.over == "positions" and analysis.test.items == 20 and analysis.test.alpha is not None


def test_the_analysis_page_reads_options_by_letter_and_says_what_a_flag_asks(
    lenggang_crews: Election, kpu_beltim: object
) -> None:
    from django.test import Client
    from django.urls import reverse

    form = kpps_form(lenggang_crews)
    questions = [Question.objects.get(election=lenggang_crews, code=c).pk for c in CODES]
    issue(form, questions)
    answer_all(form, questions)
    client = Client()
    client.force_login(kpu_beltim)  # type: ignore[arg-type]  # the fixture is typed as its factory
    page = client.get(reverse("assessment:form_analysis", args=[form.pk])).content.decode()
    table = page.split('id="items"')[1].split("</table>")[0]
    assert "kosong " in table and " ✓" in table  # each option by its letter, the key marked, blanks named
    first_choice = table.split('class="choices"')[1].split("</small>")[0]
    assert first_choice.lstrip(">").startswith(("A ", '<span class="choice">A', '<span class="choice key">A'))
    flagged = {f.split('"')[0] for f in table.split('data-code="')[1:]}
    assert flagged, "the answers above make some items too easy or too hard"
    for flag in flagged:
        assert f'id="flag-{flag}"' in page  # every flag on the page links to what to do about it
