"""One bad item in a phone's batch is answered on its own; a body that is not a batch is a coded 400, never 500."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from bimtek.accounts.models import User
from bimtek.delivery.models import Attendance
from bimtek.delivery.tests.helpers import Setup

pytestmark = pytest.mark.django_db


@pytest.fixture
def phone(pps_lenggang: User) -> Client:
    client = Client()
    client.force_login(pps_lenggang)
    return client


def _sync(client: Client, gantung: Setup, body: str) -> tuple[int, dict]:
    url = reverse("delivery:sync", args=[gantung.session.pk])
    response = client.post(url, body, content_type="application/json")
    return response.status_code, response.json()


def test_it_refuses_a_lone_surrogate_alone_and_stores_the_rest(gantung: Setup, phone: Client) -> None:
    good = [
        {"key": f"good-scan-{i:03d}", "part": "pagi", "person": a.person_id}
        for i, a in enumerate(gantung.lenggang[:2])
    ]
    bad = {
        "key": "bad-surrogate-1",
        "part": "pagi",
        "person": gantung.lenggang[2].person_id,
        "method": "manual",
    }
    # json.dumps would escape a real surrogate the same way: the body holds the six characters \ud800
    body = json.dumps({"items": [good[0], bad, good[1]]}).replace(
        '"manual"}', '"manual", "reason": "telat \\ud800"}'
    )
    assert "\\ud800" in body
    status, answer = _sync(phone, gantung, body)
    assert status == 200
    assert [(a["key"], a["code"]) for a in answer["answers"]] == [
        ("good-scan-000", "created"),
        ("bad-surrogate-1", "item_invalid"),
        ("good-scan-001", "created"),
    ]
    assert answer["answers"][1]["status"] == "refused" and answer["answers"][1]["message"]
    assert set(Attendance.objects.values_list("key", flat=True)) == {"good-scan-000", "good-scan-001"}


def test_it_answers_wrong_shapes_and_unknown_people_per_item(gantung: Setup, phone: Client) -> None:
    person = gantung.lenggang[0].person_id
    items = [
        {"key": "shape-person-1", "part": "pagi", "person": "12"},  # a person id as text
        {"key": "shape-part-001", "part": ["pagi"], "person": person},
        {"key": "shape-at-00001", "part": "pagi", "person": person, "at": "kemarin"},
        {"key": "shape-at-00002", "part": "pagi", "person": person, "at": "0001-01-01T00:00:00+14:00"},
        {"key": "shape-offline1", "part": "pagi", "person": person, "offline": "ya"},
        {"key": "unknown-person", "part": "pagi", "person": 987654321},
        {"key": "nul-in-token-1", "part": "pagi", "token": "p1\x00"},
        {"key": "the-good-one-1", "part": "pagi", "person": person},
    ]
    status, answer = _sync(phone, gantung, json.dumps({"items": items}))
    assert status == 200
    assert [a["code"] for a in answer["answers"]] == ["item_invalid"] * 5 + [
        "not_participant",
        "item_invalid",
        "created",
    ]
    assert list(Attendance.objects.values_list("key", flat=True)) == ["the-good-one-1"]


@pytest.mark.parametrize(
    "body",
    [
        "{not json",
        '{"items": "pagi"}',
        "[1, 2]",
        "[" * 100_000 + "]" * 100_000,  # deeper than the parser goes
        b"\xff\xfe\x00".decode("latin-1"),
    ],
    ids=["syntax", "items-not-a-list", "not-an-object", "too-deep", "not-utf8"],
)
def test_it_answers_a_malformed_body_with_a_coded_400(gantung: Setup, phone: Client, body: str) -> None:
    status, answer = _sync(phone, gantung, body)
    assert (status, answer["code"]) == (400, "request_invalid")
    assert answer["message"]
    assert not Attendance.objects.exists()


def test_the_single_scan_endpoint_refuses_a_surrogate_with_a_coded_400(gantung: Setup, phone: Client) -> None:
    url = reverse("delivery:scan", args=[gantung.session.pk])
    body = '{"key": "single-bad-01", "part": "pagi", "person": %d, "method": "manual", "reason": "\\udfff"}'
    response = phone.post(url, body % gantung.lenggang[0].person_id, content_type="application/json")
    assert (response.status_code, response.json()["code"]) == (400, "request_invalid")
    assert not Attendance.objects.exists()
