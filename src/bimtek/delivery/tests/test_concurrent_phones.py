"""Two phones at once on PostgreSQL: the same scan and overlapping queues store one row per person and part.

Each phone is a thread with its own database connection, so the two requests really meet in the database;
a barrier starts them together. SQLite serialises writers, so there is nothing to race there: skipped.
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from bimtek.accounts.models import User
from bimtek.delivery.models import Attendance
from bimtek.delivery.services import participant_token
from bimtek.delivery.tests.helpers import Setup, gantung_session
from bimtek.elections.models import Election
from bimtek.regions.models import Region
from bimtek.regions.services import bundled_regions_dir, regions_import

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only(transactional_db: None) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL-only: set DATABASE_URL to a PostgreSQL server")
    if not Region.objects.exists():  # a transactional test empties the tables the run loaded
        regions_import(path=bundled_regions_dir(), actor="test")


@pytest.fixture
def gantung(beltim_tps: Election) -> Setup:
    return gantung_session(beltim_tps)


def _phone(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _together(*calls: Callable[[], Any]) -> list[Any]:
    """Run each call in its own thread (own connection), released at once by a barrier; their results in order."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)
    errors: list[BaseException] = []

    def run(i: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=10)
            results[i] = call()
        except BaseException as exc:  # noqa: BLE001 (re-raised in the main thread)
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    if errors:
        raise errors[0]
    return results


def _scan(phone: Client, session: int, body: dict[str, Any]) -> tuple[int, str]:
    url = reverse("delivery:scan", args=[session])
    response = phone.post(url, json.dumps(body), content_type="application/json")
    return response.status_code, response.json()["code"]


def _sync(phone: Client, session: int, items: list[dict[str, Any]]) -> list[str]:
    url = reverse("delivery:sync", args=[session])
    response = phone.post(url, json.dumps({"items": items}), content_type="application/json")
    assert response.status_code == 200, response.content
    return [a["code"] for a in response.json()["answers"]]


def _no_duplicates() -> None:
    triples = Counter(Attendance.objects.values_list("session_id", "person_id", "part"))
    assert triples and max(triples.values()) == 1, triples


def test_it_stores_the_same_scan_from_two_phones_once(gantung: Setup, kpu_beltim: User) -> None:
    phones = [_phone(kpu_beltim), _phone(kpu_beltim)]
    session = gantung.session.pk
    for n, appointment in enumerate(gantung.lenggang[:6]):
        token = participant_token(appointment.person_id)
        same_key = {"key": f"same-key-{n:04d}", "part": "pagi", "token": token}
        answers = _together(*(lambda p=p, body=same_key: _scan(p, session, body) for p in phones))
        assert sorted(answers) == [(200, "already"), (201, "created")]
        # Two phones scanning the same person: two keys, one row.
        keys = [{"key": f"phone-{i}-{n:04d}", "part": "siang", "token": token} for i in range(2)]
        answers = _together(
            *(lambda p=p, k=k: _scan(p, session, k) for p, k in zip(phones, keys, strict=True))
        )
        assert sorted(answers) == [(200, "already"), (201, "created")]
    assert Attendance.objects.count() == 12
    _no_duplicates()


def test_it_stores_overlapping_queues_from_two_phones_once(gantung: Setup, kpu_beltim: User) -> None:
    phones = [_phone(kpu_beltim), _phone(kpu_beltim)]
    session = gantung.session.pk
    people = [a.person_id for a in gantung.lenggang + gantung.selingsing]  # 21 participants

    def queue(phone: int, who: list[int]) -> list[dict[str, Any]]:
        return [
            {"key": f"q{phone}-{pid}-{part}", "part": part, "token": participant_token(pid)}
            for pid in who
            for part in ("pagi", "siang")
        ]

    first, second = queue(0, people[:14]), queue(1, people[7:])  # people 7-13 in both queues
    answers = _together(lambda: _sync(phones[0], session, first), lambda: _sync(phones[1], session, second))
    codes = Counter(code for batch in answers for code in batch)
    assert set(codes) <= {"created", "already"}, codes
    assert codes["created"] == Attendance.objects.count() == 2 * len(people)
    assert codes["already"] == 2 * 7
    _no_duplicates()
    # Both phones retry their whole queue at once (the answers were lost): nothing new, nothing refused.
    again = _together(lambda: _sync(phones[0], session, first), lambda: _sync(phones[1], session, second))
    assert {code for batch in again for code in batch} == {"already"}
    assert Attendance.objects.count() == 2 * len(people)
