"""Check-in counts once: the same scan twice, the same person from two keys, a queue synced after an hour."""

import datetime as dt
import json

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bimtek.accounts.models import User
from bimtek.audit.models import AuditEntry
from bimtek.delivery.models import Attendance
from bimtek.delivery.services import attendance_check_in, participant_token
from bimtek.delivery.tests.helpers import Setup
from bimtek.lib.errors import DomainError

pytestmark = pytest.mark.django_db


def test_it_counts_the_same_scan_twice_once(gantung: Setup, pps_lenggang: User) -> None:
    person = gantung.lenggang[0].person
    args = dict(session=gantung.session, person=person, part="pagi", method="qr", actor=pps_lenggang)
    first = attendance_check_in(key="scan-0001-aaaa", **args)
    again = attendance_check_in(key="scan-0001-aaaa", **args)
    other_key = attendance_check_in(key="scan-0002-bbbb", **args)
    assert (first.code, again.code, other_key.code) == ("created", "already", "already")
    assert Attendance.objects.filter(person=person).count() == 1
    assert AuditEntry.objects.filter(action="attendance.check_in").count() == 1
    assert attendance_check_in(key="scan-0003-cccc", **{**args, "part": "siang"}).code == "created"


def test_each_stored_check_in_is_audited_under_its_participants_unit(
    gantung: Setup, pps_lenggang: User
) -> None:
    """The same entry on every database (PostgreSQL writes it in the check-in's own statement)."""
    person = gantung.lenggang[0].person
    before = timezone.now()
    for key, method in (("scan-0001-aaaa", "qr"), ("scan-0001-aaaa", "qr"), ("scan-0002-bbbb", "manual")):
        attendance_check_in(
            session=gantung.session,
            person=person,
            part="pagi" if key.endswith("a") else "siang",
            method=method,
            actor=pps_lenggang,
            key=key,
            reason="terlambat" if method == "manual" else "",
        )
    entries = list(AuditEntry.objects.filter(action="attendance.check_in").order_by("id"))
    assert [(e.object_type, e.object_id, e.region_code, e.actor_id, e.actor_label) for e in entries] == [
        ("attendance", key, gantung.lenggang[0].region_id, pps_lenggang.pk, "pps-lenggang")
        for key in ("scan-0001-aaaa", "scan-0002-bbbb")
    ]
    assert [e.after for e in entries] == [
        {
            "session": gantung.session.pk,
            "person_id": person.pk,
            "part": part,
            "method": method,
            "offline": False,
            "late": False,
        }
        for part, method in (("pagi", "qr"), ("siang", "manual"))
    ]
    assert all(before <= e.at <= timezone.now() and e.before is None for e in entries)


def test_it_refuses_with_stable_codes(gantung: Setup, pps_lenggang: User) -> None:
    person = gantung.lenggang[0].person
    stranger = gantung.selingsing[0].person  # in the session, but not in the PPS of Lenggang's desa
    base = dict(session=gantung.session, part="pagi", method="qr", actor=pps_lenggang)
    cases = [
        ({"person": stranger, "key": "k-stranger-1"}, "not_participant"),
        ({"person": person, "key": "k-part-0001", "part": "malam"}, "part_unknown"),
        ({"person": person, "key": "bad key!"}, "key_invalid"),
        ({"person": person, "key": "k-manual-01", "method": "manual"}, "reason_required"),
        (
            {"person": person, "key": "k-future-01", "at": timezone.now() + dt.timedelta(hours=2)},
            "time_invalid",
        ),
    ]
    for extra, code in cases:
        with pytest.raises(DomainError) as refused:
            attendance_check_in(**{**base, **extra})
        assert refused.value.code == code
    attendance_check_in(**base, person=person, key="k-reused-001")
    with pytest.raises(DomainError) as reused:
        attendance_check_in(**{**base, "part": "siang"}, person=person, key="k-reused-001")
    assert reused.value.code == "key_reused"
    assert Attendance.objects.count() == 1


def test_the_database_refuses_a_second_row_for_the_same_part(gantung: Setup) -> None:
    person = gantung.lenggang[0].person
    row = dict(session=gantung.session, person=person, region_code=gantung.lenggang[0].region_id, part="pagi")
    Attendance.objects.create(**row, checked_in_at=timezone.now(), method="qr", key="constraint-1")
    with pytest.raises(IntegrityError, match="attendance|UNIQUE"), transaction.atomic():
        Attendance.objects.create(**row, checked_in_at=timezone.now(), method="qr", key="constraint-2")


def _post(client: Client, url: str, payload: object) -> tuple[int, dict]:
    token = client.cookies["csrftoken"].value if "csrftoken" in client.cookies else ""
    response = client.post(url, json.dumps(payload), content_type="application/json", HTTP_X_CSRFTOKEN=token)
    return response.status_code, response.json()


def test_the_scan_endpoint_answers_with_codes_and_needs_csrf(gantung: Setup, pps_lenggang: User) -> None:
    url = reverse("delivery:scan", args=[gantung.session.pk])
    client = Client(enforce_csrf_checks=True)
    client.force_login(pps_lenggang)
    page = client.get(reverse("delivery:checkin", args=[gantung.session.pk]))
    assert page.status_code == 200
    token = participant_token(gantung.lenggang[1].person_id)
    item = {"key": "endpoint-0001", "part": "pagi", "token": token}
    assert client.post(url, json.dumps(item), content_type="application/json").status_code == 403  # no CSRF
    status, body = _post(client, url, item)
    assert (status, body["code"], body["name"]) == (201, "created", gantung.lenggang[1].person.name)
    assert _post(client, url, item)[0:2] == (200, {**body, "code": "already", "status": "already"})
    status, body = _post(client, url, {**item, "key": "endpoint-0002", "token": token[:-2] + "xx"})
    assert (status, body["code"]) == (422, "qr_unknown")
    status, body = _post(client, url, {**item, "key": "endpoint-0003", "token": "p1:forged"})
    assert (status, body["code"]) == (422, "qr_unknown")


def test_a_phone_offline_for_an_hour_syncs_exactly_its_check_ins(gantung: Setup, pps_lenggang: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(pps_lenggang)
    client.get(reverse("delivery:checkin", args=[gantung.session.pk]))
    hour_ago = timezone.now() - dt.timedelta(hours=1)
    queued = [
        {
            "key": f"offline-{i:04d}",
            "part": "pagi",
            "method": "qr",
            "person": a.person_id,
            "at": (hour_ago + dt.timedelta(minutes=i)).isoformat(),
        }
        for i, a in enumerate(gantung.lenggang[:10])
    ]
    # the phone re-sends two scans it never heard back about, and scanned one person twice
    duplicates = [queued[3], queued[7], {**queued[5], "key": "offline-rescan-5"}]
    url = reverse("delivery:sync", args=[gantung.session.pk])
    status, body = _post(client, url, {"items": queued[:6]})  # the connection dropped after this batch
    assert status == 200 and [a["code"] for a in body["answers"]] == ["created"] * 6
    status, body = _post(client, url, {"items": queued + duplicates + [{"key": 5}, "oops"]})
    codes = [a["code"] for a in body["answers"]]
    assert codes == ["already"] * 6 + ["created"] * 4 + ["already"] * 3 + ["key_invalid", "item_invalid"]
    assert Attendance.objects.count() == 10
    stored = Attendance.objects.get(key="offline-0002")
    assert abs(stored.checked_in_at - (hour_ago + dt.timedelta(minutes=2))) < dt.timedelta(seconds=1)
    assert set(Attendance.objects.values_list("key", flat=True)) == {q["key"] for q in queued}


def test_a_pps_of_another_desa_gets_404_and_cannot_check_in(gantung: Setup, pps_neighbour: User) -> None:
    client = Client()
    client.force_login(pps_neighbour)
    lenggang = gantung.lenggang[0].person_id
    url = reverse("delivery:sync", args=[gantung.session.pk])
    # Selingsing trains in this session too, so the session is visible, but Lenggang's crew is not theirs.
    item = {"key": "neighbour-0001", "part": "pagi", "person": lenggang}
    body = client.post(url, json.dumps({"items": [item]}), content_type="application/json").json()
    assert body["answers"][0]["code"] == "not_participant"
    assert Attendance.objects.count() == 0


def test_a_queue_sent_again_is_answered_from_what_is_stored_however_long(
    gantung: Setup, kpu_beltim: User
) -> None:
    """A short queue and a long one (over `lib.prepared.LONG_LIST`), sent again: "already" for each, and
    `key_reused` for a stored key sent for another check-in; nothing stored twice."""
    from bimtek.delivery.services import Scan, attendance_sync

    people = [a.person_id for a in gantung.lenggang + gantung.selingsing]

    def queue(name: str) -> list[Scan]:
        return [
            Scan(key=f"{name}-{p}-{part}", part=part, person_id=p)
            for p in people
            for part in ("pagi", "siang")
        ]

    first = queue("q1")
    assert {a.code for a in attendance_sync(session=gantung.session, scans=first, actor=kpu_beltim)} == {
        "created"
    }
    reused = Scan(key=first[-1].key, part="pagi", person_id=people[0])  # a stored key, another check-in
    for resent in (first[:10], [*first[:-1], *queue("q2")]):  # a short queue and a long one, sent again
        answers = attendance_sync(session=gantung.session, scans=[*resent, reused], actor=kpu_beltim)
        assert [a.code for a in answers] == ["already"] * len(resent) + ["key_reused"]
    assert len(first) * 2 > 64
    assert Attendance.objects.filter(session=gantung.session).count() == len(first)
