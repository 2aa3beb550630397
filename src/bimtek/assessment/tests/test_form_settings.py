"""A national KPU admin sets how a test is given; nobody else may."""

import pytest
from django.test import Client
from django.urls import reverse

from bimtek.accounts.models import User
from bimtek.assessment.curriculum import programs_seed
from bimtek.assessment.models import TestForm
from bimtek.audit.models import AuditEntry
from bimtek.elections.models import Election

pytestmark = pytest.mark.django_db


@pytest.fixture
def post_test(pemilu: Election) -> TestForm:
    programs_seed(election=pemilu, actor="test")
    return TestForm.objects.filter(program__election=pemilu, stage="post").first()


def test_it_lets_the_national_admin_allow_a_second_attempt_and_a_time_limit(
    post_test: TestForm, kpu_ri: User
) -> None:
    client = Client()
    client.force_login(kpu_ri)
    data = {"mode": "blueprint", "time_limit_minutes": "30", "max_attempts": "2", "shuffle_options": "on"}
    response = client.post(reverse("assessment:form_settings", args=[post_test.pk]), data)
    assert response.status_code == 302
    post_test.refresh_from_db()
    assert (post_test.max_attempts, post_test.time_limit_minutes, post_test.shuffle_options) == (2, 30, True)
    assert AuditEntry.objects.get(action="assessment.form_configure").after["max_attempts"] == 2


def test_it_refuses_a_regional_admin(post_test: TestForm, kpu_beltim: User) -> None:
    client = Client()
    client.force_login(kpu_beltim)
    response = client.post(
        reverse("assessment:form_settings", args=[post_test.pk]), {"mode": "blueprint", "max_attempts": "5"}
    )
    assert response.status_code == 403
    post_test.refresh_from_db()
    assert post_test.max_attempts == 1


def test_it_refuses_a_fixed_form_without_questions(post_test: TestForm, kpu_ri: User) -> None:
    client = Client()
    client.force_login(kpu_ri)
    client.post(
        reverse("assessment:form_settings", args=[post_test.pk]), {"mode": "fixed", "max_attempts": "1"}
    )
    post_test.refresh_from_db()
    assert post_test.mode == "blueprint"
