"""Marking a session held follows `next` only within the site: never to another host (an open redirect)."""

import pytest
from django.test import Client
from django.urls import reverse

from bimtek.accounts.models import User
from bimtek.conftest import BELTIM
from bimtek.elections.models import Election
from bimtek.planner.models import TrainingSession
from bimtek.planner.services import plan_solve
from bimtek.planner.tests.test_page_plan import create_plan
from bimtek.planner.tests.test_product_support import tot_workforce

pytestmark = pytest.mark.django_db


ELSEWHERE = [
    "https://evil.example/",
    "//evil.example",
    "///evil.example",
    "https:evil.example",
    "\\\\evil.example",
]


def test_it_refuses_a_next_on_another_host(pemilu: Election, kpu_beltim: User) -> None:
    tot_workforce(pemilu, BELTIM)
    client = Client()
    client.force_login(kpu_beltim)
    plan = create_plan(client, pemilu)
    plan_solve(plan=plan, actor="test", time_limit=1)
    first, second = TrainingSession.objects.filter(plan=plan).order_by("pk")[:2]

    for (
        target
    ) in ELSEWHERE:  # (the first marks it held; the others are refused as already held: same redirect)
        refused = client.post(reverse("planner:session_held", args=[first.pk]), {"next": target})
        assert refused.status_code == 302, target
        assert refused["Location"] == reverse("planner:detail", args=[plan.pk]), target

    own = reverse("planner:session", args=[second.pk])
    kept = client.post(reverse("planner:session_held", args=[second.pk]), {"next": own})
    assert kept["Location"] == own  # a page of this site is still followed
