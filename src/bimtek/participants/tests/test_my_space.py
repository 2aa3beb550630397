"""A participant's own space: their session with its time and place, their answer to it, their certificate.

Personas: the Ketua KPPS of Lenggang TPS 001 (`member`) and a colleague on the same crew.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from bimtek.delivery.models import Certificate
from bimtek.elections.models import Election
from bimtek.participants.tests.world import World, build
from bimtek.planner.models import SessionReply
from bimtek.planner.selectors import session_participants, sessions_of_person

pytestmark = pytest.mark.django_db
BEFORE = dt.date(2024, 1, 25)  # the day before the world's session


@pytest.fixture
def world(beltim_tps: Election) -> World:
    return build(beltim_tps)


def _client(world: World) -> Client:
    client = Client()
    client.force_login(world.member)
    return client


def test_a_persons_sessions_are_the_inverse_of_a_sessions_participants(world: World) -> None:
    for appointment in session_participants(world.session):
        assert list(sessions_of_person(appointment.person_id)) == [world.session]
    assert not sessions_of_person(world.crew[0].person_id).exclude(pk=world.session.pk).exists()


@override_settings(BIMTEK_TODAY=BEFORE)
def test_it_shows_the_session_with_its_time_venue_and_facilitator(world: World) -> None:
    page = _client(world).get(reverse("participants:home")).content.decode()
    assert "26 Januari 2024" in page and "08.00" in page and "Jl. Raya Lenggang 1" in page
    assert world.crew[6].person.name in page  # the facilitator
    assert world.crew[1].person.name not in page  # a colleague is not on my page


@override_settings(BIMTEK_TODAY=BEFORE + dt.timedelta(days=7))
def test_after_the_session_it_says_nothing_is_coming_not_that_nothing_was_planned(world: World) -> None:
    page = _client(world).get(reverse("participants:home")).content.decode()
    assert "Tidak ada sesi mendatang untuk Anda" in page
    assert "Belum ada sesi yang dijadwalkan" not in page
    assert "26 Januari 2024" in page  # the session, under the past ones


@override_settings(BIMTEK_TODAY=BEFORE)
def test_cannot_come_needs_a_reason_and_reaches_the_operator(world: World, kpu_beltim: object) -> None:
    client = _client(world)
    url = reverse("participants:reply", args=[world.session.pk])
    client.post(url, {"reply": "cannot", "reason": ""})
    assert not SessionReply.objects.exists()
    client.post(url, {"reply": "cannot", "reason": "Sakit demam"})
    reply = SessionReply.objects.get()
    assert (reply.reply, reply.reason, reply.region_code) == ("cannot", "Sakit demam", world.tps.village_id)
    operator = Client()
    operator.force_login(kpu_beltim)  # type: ignore[arg-type]  # the fixture is typed as its factory
    page = operator.get(reverse("delivery:session", args=[world.session.pk])).content.decode()
    assert "Sakit demam" in page and reverse("planner:makeup", args=[world.election.slug]) in page


def test_a_past_session_takes_no_answer(world: World) -> None:
    client = _client(world)
    client.post(reverse("participants:reply", args=[world.session.pk]), {"reply": "coming"})
    assert not SessionReply.objects.exists()  # the world's session (2024) is long past by the real clock


@override_settings(BIMTEK_TODAY=BEFORE)
def test_a_session_of_someone_else_takes_no_answer(world: World, beltim_tps: Election) -> None:
    other = world.session.__class__.objects.create(
        plan=world.plan,
        venue=world.session.venue,
        date=world.session.date,
        slot=2,
        region_code=world.session.region_code,
    )
    _client(world).post(reverse("participants:reply", args=[other.pk]), {"reply": "coming"})
    assert not SessionReply.objects.exists()


def test_a_member_who_completed_the_bimtek_claims_their_certificate(world: World) -> None:
    Certificate.objects.all().delete()
    client = _client(world)
    assert "Terbitkan sertifikat saya" in client.get(reverse("participants:home")).content.decode()
    client.post(reverse("participants:certificate_claim", args=[world.program.pk]))
    certificate = Certificate.objects.get()
    assert certificate.person_id == world.crew[0].person_id
    assert client.get(reverse("delivery:certificate_pdf", args=[certificate.pk])).status_code == 200


def test_a_colleague_cannot_claim_for_or_download_anothers_certificate(world: World) -> None:
    colleague = world.crew[1]
    from bimtek.accounts.services import user_create

    user = user_create(
        username="kpps-2", password="x" * 12, role="kpps", region_code=colleague.region_id, actor="t",
        person_id=colleague.person_id,
    )  # fmt: skip
    client = Client()
    client.force_login(user)
    assert client.get(reverse("delivery:certificate_pdf", args=[world.certificate.pk])).status_code == 404
    client.post(reverse("participants:certificate_claim", args=[world.program.pk]))
    assert not Certificate.objects.filter(person=colleague.person).exists()  # no post-test, no attendance


def test_the_home_page_reads_the_same_few_tables_however_many_sessions(world: World) -> None:
    """A member with a second session (a make-up, facilitated by two people) costs no extra query: the
    facilitators and the survey states are read for all sessions at once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bimtek.participants.selectors import my_sessions
    from bimtek.planner.models import SessionFacilitator, SessionGroup, TrainingSession

    ketua = world.crew[0]
    with CaptureQueriesContext(connection) as one:
        assert len(my_sessions(ketua.person, BEFORE)) == 1
    first = world.session
    second = TrainingSession.objects.create(
        plan=first.plan, venue=first.venue, date=first.date + dt.timedelta(days=2), slot=2,
        region_code=first.region_code,
    )  # fmt: skip
    SessionGroup.objects.create(
        plan=first.plan, session=second, key=f"paw-{ketua.pk}", body="orang", region_code=ketua.region_id,
        appointment=ketua, participants=1,
    )  # fmt: skip
    for helper in world.crew[5:7]:
        SessionFacilitator.objects.create(session=second, person=helper.person)
    with CaptureQueriesContext(connection) as two:
        mine = my_sessions(ketua.person, BEFORE)
    assert [len(m.facilitators) for m in mine] == [1, 2]
    assert len(two) == len(one)
