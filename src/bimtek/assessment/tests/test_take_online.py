"""Taking a test online: answers saved one by one, submitted once, time limit, attempts allowed."""

import datetime as dt
import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bimtek.accounts.scoping import Scope
from bimtek.assessment.attempts import attempt_again, attempts_issue, versions_of
from bimtek.assessment.models import Attempt, AttemptStatus, TestForm
from bimtek.assessment.packing import unpack
from bimtek.assessment.tests.conftest import kpps_form
from bimtek.audit.models import AuditEntry
from bimtek.conftest import LENGGANG
from bimtek.elections.models import Election
from bimtek.lib.errors import DomainError

pytestmark = pytest.mark.django_db


@pytest.fixture
def attempt(lenggang_crews: Election) -> Attempt:
    form = kpps_form(lenggang_crews)
    attempts_issue(form=form, region_code=LENGGANG, mode="online", actor="test", scope=Scope(None, None))
    return Attempt.objects.select_related("form__program").filter(form=form).order_by("pk").first()


def post(client: Client, name: str, code: str, body: object) -> tuple[int, dict[str, object]]:
    response = client.post(reverse(name, args=[code]), json.dumps(body), content_type="application/json")
    return response.status_code, response.json()


def test_it_saves_answers_one_by_one_and_scores_the_submission(attempt: Attempt) -> None:
    client = Client()
    page = client.get(reverse("assessment:take", args=[attempt.code])).content.decode()
    versions = versions_of(attempt)
    assert page.count('class="q"') == len(versions) == 20
    for position, v in enumerate(versions[:10]):
        assert post(
            client, "assessment:take_answer", attempt.code, {"position": position, "value": v.answer}
        ) == (200, {"ok": True})
    attempt.refresh_from_db()
    assert (
        unpack(attempt.answers)[:10] == [v.answer for v in versions[:10]]
        and unpack(attempt.answers)[10] is None
    )
    # the submission carries what the phone holds, including answers whose save never arrived
    status, result = post(
        client, "assessment:take_submit", attempt.code, {"answers": {"10": versions[10].answer}}
    )
    assert status == 200 and result["score"] == 11 and result["percent"] == 55.0 and result["passed"] is False
    assert (
        AuditEntry.objects.filter(action="assessment.attempt_submit", object_id=str(attempt.pk)).count() == 1
    )
    done = client.get(reverse("assessment:take", args=[attempt.code])).content.decode()
    assert "55" in done and "Pembahasan" in done


def test_it_refuses_answers_after_the_submission(attempt: Attempt) -> None:
    client = Client()
    post(client, "assessment:take_submit", attempt.code, {"answers": {}})
    status, body = post(client, "assessment:take_answer", attempt.code, {"position": 0, "value": 0})
    assert status == 409 and body["code"] == "attempt_closed"


def test_it_refuses_an_answer_that_is_not_an_option(attempt: Attempt) -> None:
    mc = next(i for i, v in enumerate(versions_of(attempt)) if v.kind == "mc")
    status, body = post(Client(), "assessment:take_answer", attempt.code, {"position": mc, "value": 9})
    assert status == 409 and body["code"] == "answer_invalid"
    status, body = post(Client(), "assessment:take_answer", attempt.code, {"position": 99, "value": 0})
    assert body["code"] == "item_out_of_range"


def test_it_closes_answers_when_time_is_up(attempt: Attempt) -> None:
    TestForm.objects.filter(pk=attempt.form_id).update(time_limit_minutes=30)
    Attempt.objects.filter(pk=attempt.pk).update(started_at=timezone.now() - dt.timedelta(minutes=33))
    status, body = post(Client(), "assessment:take_answer", attempt.code, {"position": 0, "value": 0})
    assert status == 409 and body["code"] == "attempt_expired"
    status, result = post(
        Client(), "assessment:take_submit", attempt.code, {"answers": {"0": versions_of(attempt)[0].answer}}
    )
    assert status == 200 and result["score"] == 0  # answers sent after the time are not counted


def test_it_allows_one_attempt_unless_the_admin_allows_more(attempt: Attempt) -> None:
    post(Client(), "assessment:take_submit", attempt.code, {"answers": {}})
    attempt.refresh_from_db()
    with pytest.raises(DomainError) as error:
        attempt_again(attempt=attempt, actor="test")
    assert error.value.code == "attempts_used"
    TestForm.objects.filter(pk=attempt.form_id).update(max_attempts=2)
    attempt.form.refresh_from_db()
    second = attempt_again(attempt=attempt, actor="test")
    assert second.number == 2 and second.status == AttemptStatus.ISSUED and second.seed != attempt.seed
