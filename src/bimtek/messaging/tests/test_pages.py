"""The pages an operator uses: wording edited with its errors named, sending from the session page, the job."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from bimtek.accounts.models import User
from bimtek.audit.models import AuditEntry
from bimtek.delivery.tests.helpers import GANTUNG, Setup
from bimtek.jobs.models import Job
from bimtek.jobs.services import job_run
from bimtek.messaging.models import Message, MessageTemplate

pytestmark = pytest.mark.django_db
EDIT = reverse("messaging:template_edit", args=["undangan", "bimtek"])


def _login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_bad_template_is_refused_with_its_error_and_nothing_is_saved(kpu_beltim: User) -> None:
    client = _login(kpu_beltim)
    response = client.post(EDIT, {"subject": "Undangan", "body": "Halo {{ nama_peserta }}", "bring": ""})
    assert response.status_code == 422
    assert "Isi: isian tidak dikenal: nama_peserta" in response.content.decode()
    assert (
        not MessageTemplate.objects.exists()
        and not AuditEntry.objects.filter(action__startswith="message_template").exists()
    )


def test_a_good_template_is_saved_for_the_users_region_and_audited(kpu_beltim: User) -> None:
    client = _login(kpu_beltim)
    response = client.post(
        EDIT, {"subject": "Undangan {{ tanggal }}", "body": "Yth. {{ nama }}", "bring": "KTP-el"}
    )
    assert response.status_code == 302
    row = MessageTemplate.objects.get()
    assert (row.region_code, row.kind, row.tier, row.body) == (
        "19.06",
        "undangan",
        "bimtek",
        "Yth. {{ nama }}",
    )
    assert AuditEntry.objects.get(action="message_template.create").region_code == "19.06"
    page = client.get(reverse("messaging:templates")).content.decode()
    assert "milik wilayah ini" in page


def test_the_session_page_sends_and_lists_who_has_no_address(kpu_beltim: User, gantung: Setup) -> None:
    client = _login(kpu_beltim)
    url = reverse("messaging:send", args=[gantung.session.pk])
    response = client.post(url, {"kind": "undangan", "channel": "email"}, follow=True)
    page = response.content.decode()
    assert len(mail.outbox) == 14
    assert "14 terkirim" in page and "7 tanpa alamat" in page
    assert "Undangan · Email · Terkirim: 14" in page and "Undangan · Email · Tanpa alamat: 7" in page
    assert gantung.selingsing[0].person.name in page.split('id="no-address"')[1]


def test_the_delivery_page_links_to_the_messages(kpu_beltim: User, gantung: Setup) -> None:
    page = _login(kpu_beltim).get(reverse("delivery:session", args=[gantung.session.pk])).content.decode()
    assert reverse("messaging:session", args=[gantung.session.pk]) in page


def test_the_region_job_sends_the_days_reminders_in_its_owners_scope(
    pps_lenggang: User, gantung: Setup
) -> None:
    client = _login(pps_lenggang)
    data = {"region": "19.06.02.2009", "date": "2024-01-26", "kind": "pengingat", "channel": "email"}
    assert client.post(reverse("messaging:region_send"), data).status_code == 302
    job = Job.objects.get()
    job_run(str(job.pk))
    job.refresh_from_db()
    assert job.status == "done", job.error
    assert job.result["sessions"] == 1 and job.result["sent"] == 14 and job.result["no_address"] == 0
    assert set(Message.objects.values_list("region_code", flat=True)) == {"19.06.02.2009"}
    assert GANTUNG not in set(Message.objects.values_list("region_code", flat=True))


def test_the_day_is_written_and_read_as_dd_mm_yyyy(pps_lenggang: User, gantung: Setup) -> None:
    client = _login(pps_lenggang)
    page = client.get(reverse("messaging:templates") + "?region=19.06.02.2009").content.decode()
    assert 'name="date" value="' in page and 'type="date"' not in page
    data = {"region": "19.06.02.2009", "date": "26-01-2024", "kind": "pengingat", "channel": "email"}
    assert client.post(reverse("messaging:region_send"), data).status_code == 302
    assert Job.objects.get().params["date"] == "2024-01-26"
    refused = client.post(reverse("messaging:region_send"), {**data, "date": "26 Jan"}, follow=True)
    assert "Tulis tanggal sebagai hh-bb-tttt" in refused.content.decode()
    assert Job.objects.count() == 1


def test_the_channel_that_reaches_most_recipients_is_chosen_first(kpu_beltim: User, gantung: Setup) -> None:
    from bimtek.planner.selectors import session_participants
    from bimtek.workforce.models import Person

    client = _login(kpu_beltim)
    url = reverse("messaging:session", args=[gantung.session.pk])
    people = Person.objects.filter(pk__in=session_participants(gantung.session).values("person_id"))
    people.update(email="")  # nobody can be e-mailed
    page = client.get(url).content.decode()
    select = page.split('name="channel"')[1].split("</select>")[0]
    chosen = select.split("selected")[0].rsplit('value="', 1)[1].split('"')[0]
    assert chosen == "sms" and "Email · 0 dari" in select
    people.update(phone="")
    people.filter(pk=people.first().pk).update(email="satu@example.org")  # one address, and no phone at all
    page = client.get(url).content.decode()
    select = page.split('name="channel"')[1].split("</select>")[0]
    assert select.split("selected")[0].rsplit('value="', 1)[1].split('"')[0] == "email"
