"""Editing a question makes a new version; an attempt keeps the version it was given."""

import pytest

from bimtek.accounts.scoping import Scope
from bimtek.assessment.attempts import attempt_submit, attempts_issue, versions_of
from bimtek.assessment.bank import question_revise, spec_of
from bimtek.assessment.models import Attempt
from bimtek.assessment.packing import unpack
from bimtek.assessment.tests.conftest import kpps_form
from bimtek.conftest import LENGGANG
from bimtek.elections.models import Election
from bimtek.workforce.models import Person

pytestmark = pytest.mark.django_db
NATIONAL = Scope(None, None)


def test_it_keeps_old_attempts_on_the_version_they_answered(lenggang_crews: Election) -> None:
    form = kpps_form(lenggang_crews)
    attempts_issue(form=form, region_code=LENGGANG, mode="online", actor="test", scope=NATIONAL)
    first = Attempt.objects.filter(form=form).order_by("pk").first()
    old = versions_of(first)[0]
    right = {0: old.answer}
    done = attempt_submit(code=first.code, answers=right)
    assert done.score == 1

    new = question_revise(
        question=old.question,
        spec=spec_of(
            old,
            answer=(old.answer + 1) if old.kind == "num" else 1 - min(old.answer, 1),
            text=old.text + " (revisi)",
        ),
        actor="test",
    )
    assert new.number == old.number + 1 and old.question.current_id == new.pk

    done.refresh_from_db()
    assert unpack(done.items)[0] == old.pk and versions_of(done)[0].text == old.text
    assert done.score == 1  # still right against the version it was asked

    # someone issued later gets the new version of the same question, if drawn
    other = Attempt.objects.filter(form=form).exclude(pk=first.pk)
    assert all(old.pk in unpack(a.items) for a in other if old.question_id in _questions(a))


def _questions(attempt: Attempt) -> set[int]:
    return {v.question_id for v in versions_of(attempt)}


def test_it_draws_the_current_version_for_new_attempts(lenggang_crews: Election) -> None:
    form = kpps_form(lenggang_crews)
    attempts_issue(form=form, region_code=LENGGANG, mode="online", actor="test", scope=NATIONAL)
    attempt = Attempt.objects.filter(form=form).first()
    old = versions_of(attempt)[0]
    new = question_revise(question=old.question, spec=spec_of(old, text=old.text + " (revisi)"), actor="test")
    person = Person.objects.create(
        nik="1906024303850999", name="Peserta Baru", birth_date="1985-03-03", sex="P", region_id=LENGGANG
    )
    from bimtek.elections.models import TPS
    from bimtek.workforce.models import Appointment

    tps = TPS.objects.get(election=lenggang_crews, village_id=LENGGANG, number=3)
    Appointment.objects.create(
        election=lenggang_crews, person=person, body="kpps", region_id=LENGGANG, tps=tps, seat=1
    )
    attempts_issue(form=form, region_code=LENGGANG, mode="online", actor="test", scope=NATIONAL)
    mine = Attempt.objects.get(form=form, person=person)
    given = {v.question_id: v.pk for v in versions_of(mine)}
    assert given.get(old.question_id, new.pk) == new.pk
    assert old.pk not in unpack(mine.items)
