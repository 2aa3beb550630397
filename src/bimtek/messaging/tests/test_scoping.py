"""Every messaging URL is scoped: another kabupaten's KPU and the neighbouring desa's PPS get 404 on what is
not theirs, a PPS cannot change the wording, and the pages never show a full phone number or NIK."""

import pytest
from django.test import Client
from django.urls import reverse

from bimtek.accounts.models import User
from bimtek.accounts.scoping import Scope
from bimtek.delivery.tests.helpers import GANTUNG, Setup
from bimtek.jobs.models import Job
from bimtek.messaging.models import Message, MessageTemplate
from bimtek.messaging.services import messages_send
from bimtek.site.tests.urlwalk import namespace_url_names
from bimtek.workforce.models import Person

pytestmark = pytest.mark.django_db
POSTS = {"messaging:send", "messaging:mark_sent", "messaging:region_send"}


@pytest.fixture
def urls(gantung: Setup) -> dict[str, str]:
    messages_send(
        session=gantung.session,
        kind="undangan",
        channel="whatsapp",
        scope=Scope(region_code=None, person_id=None),
        actor="test",
    )
    lenggang = Message.objects.get(person=gantung.lenggang[0].person)
    s = gantung.session.pk
    return {
        "messaging:session": reverse("messaging:session", args=[s]),
        "messaging:send": reverse("messaging:send", args=[s]),
        "messaging:mark_sent": reverse("messaging:mark_sent", args=[lenggang.pk]),
        "messaging:templates": reverse("messaging:templates"),
        "messaging:template_edit": reverse("messaging:template_edit", args=["undangan", "bimtek"]),
        "messaging:region_send": reverse("messaging:region_send"),
    }


def _call(client: Client, name: str, url: str) -> int:
    if name in POSTS:
        data = {"kind": "undangan", "channel": "email", "region": GANTUNG, "date": "2024-01-26"}
        return client.post(url, data).status_code
    return client.get(url).status_code


def _login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_it_has_a_scoping_case_for_every_messaging_url(urls: dict[str, str]) -> None:
    assert namespace_url_names("messaging") == set(urls)


def test_another_regencys_admin_gets_404_on_beltims_session_messages_and_region(
    urls: dict[str, str], kpu_purbalingga: User
) -> None:
    client = _login(kpu_purbalingga)
    for name in ("messaging:session", "messaging:send", "messaging:mark_sent", "messaging:region_send"):
        assert _call(client, name, urls[name]) == 404, name
    assert not Message.objects.filter(status="sent").exists() and not Job.objects.exists()
    # The wording pages are their own region's: editing there leaves Beltim's wording alone.
    assert client.get(urls["messaging:template_edit"]).status_code == 200
    client.post(urls["messaging:template_edit"], {"subject": "Purbalingga", "body": "{{ nama }}"})
    assert MessageTemplate.objects.get().region_code == "33.03"


def test_the_neighbouring_pps_sees_only_its_own_desa(
    urls: dict[str, str], pps_neighbour: User, gantung: Setup
) -> None:
    client = _login(pps_neighbour)
    assert _call(client, "messaging:mark_sent", urls["messaging:mark_sent"]) == 404
    page = client.get(urls["messaging:session"]).content.decode()
    assert gantung.selingsing[0].person.name in page
    assert all(a.person.name not in page for a in gantung.lenggang)
    assert Message.objects.get(pk=urls["messaging:mark_sent"].split("/")[-3]).status == "queued"


def test_a_pps_sends_and_marks_but_cannot_change_the_wording(
    urls: dict[str, str], pps_lenggang: User
) -> None:
    client = _login(pps_lenggang)
    assert _call(client, "messaging:mark_sent", urls["messaging:mark_sent"]) == 302
    assert Message.objects.filter(status="sent").count() == 1
    assert client.get(urls["messaging:template_edit"]).status_code == 403
    assert client.post(urls["messaging:template_edit"], {"subject": "x", "body": "y"}).status_code == 403
    assert client.get(urls["messaging:templates"]).status_code == 200
    assert not MessageTemplate.objects.exists()


def test_beltims_admin_reaches_every_page(urls: dict[str, str], kpu_beltim: User) -> None:
    client = _login(kpu_beltim)
    for name in ("messaging:session", "messaging:templates", "messaging:template_edit"):
        assert client.get(urls[name]).status_code == 200, name
    assert _call(client, "messaging:region_send", urls["messaging:region_send"]) == 302
    job = Job.objects.get()
    assert job.kind == "messages.send" and job.params["region"] == GANTUNG


def test_anonymous_is_sent_to_login(urls: dict[str, str]) -> None:
    client = Client()
    for name, url in urls.items():
        assert _call(client, name, url) == 302, name


def test_the_session_page_masks_phones_and_never_shows_a_nik(
    urls: dict[str, str], kpu_beltim: User, gantung: Setup
) -> None:
    page = _login(kpu_beltim).get(urls["messaging:session"]).content.decode()
    for a in gantung.lenggang[:3]:
        person = Person.objects.get(pk=a.person_id)
        assert (
            person.email and person.nik not in page and person.phone not in page and person.email not in page
        )
    # The click-to-chat links carry the number (the operator's phone needs it), shown as the name only.
    assert "https://wa.me/" in page
