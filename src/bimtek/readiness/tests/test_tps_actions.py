"""From the TPS page, an operator fixes what the page shows: a vacant seat is appointed, a member replaced (PAW),
a make-up session proposed for those who missed their bimtek; the next refresh shows the change."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from bimtek.accounts.models import User
from bimtek.audit.models import AuditEntry
from bimtek.conftest import LENGGANG
from bimtek.elections.models import TPS, Election
from bimtek.jobs.models import Job
from bimtek.planner.models import TrainingPlan, Venue
from bimtek.readiness.core import Code, codes_of
from bimtek.readiness.models import ReadinessTPS
from bimtek.readiness.services import readiness_refresh
from bimtek.readiness.tests.conftest import TODAY
from bimtek.workforce.models import Appointment, Person
from bimtek.workforce.nik import make_nik

pytestmark = pytest.mark.django_db

BIRTH = dt.date(1990, 5, 17)


@pytest.fixture(autouse=True)
def pinned_day(settings) -> None:  # type: ignore[no-untyped-def]  # pytest fixtures (settings, client, ...) are passed untyped
    settings.BIMTEK_TODAY = TODAY


@pytest.fixture
def operator(kpu_beltim: User) -> Client:
    client = Client()
    client.force_login(kpu_beltim)
    return client


def newcomer(serial: int, name: str) -> Person:
    """Someone registered in Lenggang (imported earlier) who holds no seat yet."""
    return Person.objects.create(
        nik=make_nik("19.06.02", BIRTH, "P", serial), name=name, birth_date=BIRTH, sex="P", region_id=LENGGANG
    )


def page_of(client: Client, election: Election, tps: TPS) -> tuple[str, str]:
    url = reverse("readiness:tps", args=[election.slug, tps.pk])
    return url, client.get(url).content.decode()


def reasons(tps: TPS, election: Election) -> tuple[Code, ...]:
    readiness_refresh(election=election, actor="test", today=TODAY)
    return codes_of(ReadinessTPS.objects.get(tps=tps).reason_bits)


def test_an_empty_seat_is_a_row_and_is_appointed_from_the_tps_page(
    operator: Client, beltim_tps: Election, lenggang_story: dict[int, TPS]
) -> None:
    tps = lenggang_story[3]  # its ketua seat is vacant
    assert Code.KETUA_MISSING in reasons(tps, beltim_tps)
    url, page = page_of(operator, beltim_tps, tps)
    vacant = page.split('data-seat="kpps-1"')[1].split("</tr>")[0]
    assert "KPPS Ketua" in page and "Kosong" in vacant and "Angkat sebagai KPPS Ketua" in vacant
    assert page.count('class="vacant"') == 1  # the other eight seats are held

    ani = newcomer(700, "Ani Pengisi Kursi")
    response = operator.post(
        reverse("workforce:seat_fill", args=[tps.pk]),
        {"nik": ani.nik, "body": "kpps", "seat": 1, "on": "2024-01-25", "next": url},
    )
    assert response.status_code == 302 and response["Location"] == url  # back on the TPS page
    seat = Appointment.objects.active().get(tps=tps, body="kpps", seat=1)
    assert seat.person == ani and seat.start_date == dt.date(2024, 1, 25)
    assert AuditEntry.objects.filter(action="appointment.fill", object_id=str(seat.pk)).exists()
    _, page = page_of(operator, beltim_tps, tps)
    assert 'class="vacant"' not in page and "Ani Pengisi Kursi" in page
    assert Code.KETUA_MISSING not in reasons(tps, beltim_tps)  # the next refresh sees the ketua


def test_a_refused_appointment_says_why_and_stores_nothing(
    operator: Client, beltim_tps: Election, lenggang_story: dict[int, TPS]
) -> None:
    tps = lenggang_story[3]
    url = reverse("readiness:tps", args=[beltim_tps.slug, tps.pk])
    busy = Appointment.objects.active().filter(tps=lenggang_story[1]).select_related("person").first()
    assert busy is not None
    cases = {
        "12345": "NIK",  # the field named by its label
        busy.person.nik: "sudah aktif",  # a person holds one seat per election
    }
    for nik, words in cases.items():
        response = operator.post(
            reverse("workforce:seat_fill", args=[tps.pk]),
            {"nik": nik, "body": "kpps", "seat": 1, "on": "2024-01-25", "next": url},
        )
        assert response.status_code == 302 and response["Location"] == url
        said = " ".join(str(m) for m in get_messages(response.wsgi_request))
        assert words in said, (nik, said)
    taken = operator.post(
        reverse("workforce:seat_fill", args=[tps.pk]),
        {"nik": newcomer(701, "Budi").nik, "body": "kpps", "seat": 2, "on": "2024-01-25", "next": url},
    )
    assert "sudah terisi" in " ".join(str(m) for m in get_messages(taken.wsgi_request))
    beyond = operator.post(
        reverse("workforce:seat_fill", args=[tps.pk]),
        {"nik": newcomer(702, "Cici").nik, "body": "linmas", "seat": 3, "on": "2024-01-25", "next": url},
    )
    assert "1 sampai 2" in " ".join(str(m) for m in get_messages(beyond.wsgi_request))
    assert not Appointment.objects.active().filter(tps=tps, body="kpps", seat=1).exists()
    evil = operator.post(
        reverse("workforce:seat_fill", args=[tps.pk]),
        {"nik": "12345", "body": "kpps", "seat": 1, "on": "2024-01-25", "next": "https://evil.example/"},
    )
    assert evil["Location"] == reverse("workforce:tps", args=[beltim_tps.slug, tps.pk])


def test_a_replacement_and_a_makeup_session_from_the_tps_page(
    operator: Client, beltim_tps: Election, lenggang_story: dict[int, TPS]
) -> None:
    tps = lenggang_story[1]  # ready: everyone trained
    assert reasons(tps, beltim_tps) == ()
    url, page = page_of(operator, beltim_tps, tps)
    assert 'id="makeup"' not in page  # nobody is waiting for one
    member = Appointment.objects.active().get(tps=tps, body="kpps", seat=3)
    assert "Ganti " + member.person.name in page
    dedi = newcomer(703, "Dedi Pengganti")
    response = operator.post(
        reverse("workforce:replace", args=[member.pk]),
        {
            "replacement_nik": dedi.nik,
            "status": "resigned",
            "on": "2024-01-25",
            "reason": "pindah domisili",
            "next": url,
        },
    )
    assert response.status_code == 302 and response["Location"] == url
    assert Appointment.objects.active().get(tps=tps, body="kpps", seat=3).person == dedi
    assert Code.CREW_UNTRAINED in reasons(tps, beltim_tps)  # the replacement has had no bimtek

    Venue.objects.create(name="Balai Desa Lenggang 2", region_id=LENGGANG, capacity=30)
    _, page = page_of(operator, beltim_tps, tps)
    assert 'id="makeup"' in page and "Usulkan sesi susulan" in page
    kecamatan = tps.village.parent_id
    proposed = operator.post(
        reverse("planner:makeup", args=[beltim_tps.slug]) + f"?kecamatan={kecamatan}",
        {
            "start": "2024-01-27",
            "end": "2024-01-28",
            "sessions_per_day": 2,
            "facilitators_per_session": 0,
            "next": url,
        },
    )
    assert proposed.status_code == 302 and proposed["Location"] == url
    plan = TrainingPlan.objects.get(election=beltim_tps, tier="susulan")
    assert plan.region_id == kecamatan and Job.objects.filter(kind="plan.solve").exists()
    said = " ".join(str(m) for m in get_messages(proposed.wsgi_request))
    assert "sesi susulan" in said


def test_a_facilitator_sees_the_tps_but_no_actions(
    beltim_tps: Election, lenggang_story: dict[int, TPS], pps_lenggang: User
) -> None:
    client = Client()
    client.force_login(pps_lenggang)
    tps = lenggang_story[3]
    _, page = page_of(client, beltim_tps, tps)
    assert "Kosong" in page and "Angkat petugas" not in page and "Ganti (PAW)" not in page
    refused = client.post(
        reverse("workforce:seat_fill", args=[tps.pk]),
        {"nik": newcomer(704, "Eka").nik, "body": "kpps", "seat": 1, "on": "2024-01-25"},
    )
    assert refused.status_code == 403
    assert not Appointment.objects.active().filter(tps=tps, body="kpps", seat=1).exists()


def test_crew_not_trained_yet_are_reminded_of_their_own_session_from_the_tps_page(
    operator: Client, beltim_tps: Election, lenggang_story: dict[int, TPS]
) -> None:
    from bimtek.messaging.models import Message
    from bimtek.planner.models import TrainingSession

    tps = lenggang_story[2]  # its crew's session is still ahead
    session = TrainingSession.objects.get(groups__tps=tps)
    TrainingSession.objects.filter(pk=session.pk).update(date=dt.date(2024, 1, 27))
    url, page = page_of(operator, beltim_tps, tps)
    section = page.split('id="remind"')[1].split("</section>")[0]
    assert (
        "9 petugas TPS ini belum ikut bimtek" in section and "27 Januari 2024, Balai Desa Lenggang" in section
    )
    assert "SMS · 9 dari 9 punya nomor" in section

    remind = reverse("readiness:tps_remind", args=[beltim_tps.slug, tps.pk])
    response = operator.post(remind, {"channel": "sms"})
    assert response.status_code == 302 and response["Location"] == url
    said = [str(m) for m in get_messages(response.wsgi_request)]
    assert said == ["Pengingat terkirim ke 9 petugas; 0 sudah menerimanya; 0 tanpa alamat; 0 gagal."]
    sent = Message.objects.filter(session=session, kind="pengingat", channel="sms", status="sent")
    crew = set(Appointment.objects.filter(tps=tps).values_list("person_id", flat=True))
    assert set(sent.values_list("person_id", flat=True)) == crew and sent.count() == 9
    assert "27 Januari 2024" in sent.first().body

    again = operator.post(remind, {"channel": "sms"})  # a second click sends nothing new
    last = [str(m) for m in get_messages(again.wsgi_request)][-1]
    assert last == "Pengingat terkirim ke 0 petugas; 9 sudah menerimanya; 0 tanpa alamat; 0 gagal."
    assert Message.objects.count() == 9
    refused = operator.post(remind, {"channel": "whatsapp"})
    assert "'email' atau 'sms'" in [str(m) for m in get_messages(refused.wsgi_request)][-1]
    assert Message.objects.count() == 9


def test_a_trained_crew_gets_no_reminder_button(
    operator: Client, beltim_tps: Election, lenggang_story: dict[int, TPS]
) -> None:
    _, page = page_of(operator, beltim_tps, lenggang_story[1])
    assert 'id="remind"' not in page
    response = operator.post(reverse("readiness:tps_remind", args=[beltim_tps.slug, lenggang_story[1].pk]))
    said = [str(m) for m in get_messages(response.wsgi_request)]
    assert said == ["Tidak ada petugas TPS ini yang menunggu sesi terjadwal; usulkan sesi susulan."]
