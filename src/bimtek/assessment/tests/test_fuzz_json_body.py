"""Fuzzing a test's answer and submission endpoints (the phone's JSON): whatever the body, never a 500."""

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from bimtek.accounts.scoping import Scope
from bimtek.api.tests.fuzz import BUDGET, bodies
from bimtek.assessment.attempts import attempts_issue
from bimtek.assessment.models import Attempt
from bimtek.assessment.tests.conftest import kpps_form
from bimtek.conftest import LENGGANG
from bimtek.elections.models import Election

pytestmark = pytest.mark.django_db


def test_a_tests_answer_and_submission_never_answer_500(lenggang_crews: Election) -> None:
    form = kpps_form(lenggang_crews)
    attempts_issue(form=form, region_code=LENGGANG, mode="online", actor="test", scope=Scope(None, None))
    attempt = Attempt.objects.filter(form=form).order_by("pk").first()
    assert attempt is not None
    client = Client()

    @BUDGET
    @given(body=bodies, name=st.sampled_from(["assessment:take_answer", "assessment:take_submit"]))
    def check(body: bytes, name: str) -> None:
        response = client.post(reverse(name, args=[attempt.code]), body, content_type="application/json")
        assert response.status_code in (200, 400, 409), body
        assert "code" in response.json() or response.json()["ok"]

    check()
