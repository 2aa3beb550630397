"""Fuzzing `POST forms/check/`: whatever the body, a report (200) or a coded 400, never a 500.

The Django test client raises the view's exception, so a crash fails the example that caused it.
"""

from collections.abc import Callable

import pytest
from hypothesis import given
from rest_framework.test import APIClient

from bimtek.accounts.models import User
from bimtek.api.tests.fuzz import BUDGET, bodies

pytestmark = pytest.mark.django_db


def test_the_form_checker_never_answers_500(
    pps_lenggang: User, client_for: Callable[[User | None], APIClient]
) -> None:
    client = client_for(pps_lenggang)

    @BUDGET
    @given(body=bodies)
    def check(body: bytes) -> None:
        response = client.post("/api/v1/forms/check/", body, content_type="application/json")
        assert response.status_code in (200, 400), body
        if response.status_code == 400:
            assert response.json()["code"]

    check()
