"""The register and the session page as an operator reads them: masked contacts, a speaker column, an assign
form whose clash is told in words (never a 500), and a fill button that says what it could not fill."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from bimtek.accounts.models import User
from bimtek.elections.models import Election
from bimtek.speakers.models import SessionSpeaker, Speaker

from .helpers import hall, session, speaker, tot_modules, tot_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(kpu_beltim: User) -> Client:
    client = Client()
    client.force_login(kpu_beltim)
    return client


def test_it_lists_speakers_with_masked_contacts_and_finds_them(operator: Client) -> None:
    speaker("Ani Suryani", phone="+6281234567890")
    speaker("Briptu Joko", institution="Polres Belitung Timur", division="polisi")
    page = operator.get(reverse("speakers:list")).content.decode()
    assert "Ani Suryani" in page and "+6281234567890" not in page
    found = operator.get(reverse("speakers:list"), {"q": "polres"}).content.decode()
    assert "Briptu Joko" in found and "Ani Suryani" not in found


def test_it_adds_and_edits_a_speaker(operator: Client) -> None:
    data = {"name": "Dedi", "institution": "Bawaslu Belitung Timur", "division": "bawaslu", "phone": "0812"}
    response = operator.post(reverse("speakers:add"), data)
    made = Speaker.objects.get(name="Dedi")
    assert response.status_code == 302 and made.region_code == "19.06"
    edit = operator.post(
        reverse("speakers:edit", args=[made.pk]), {**data, "name": "Dedi Kurniawan", "active": "on"}
    )
    assert edit.status_code == 302 and Speaker.objects.get(pk=made.pk).name == "Dedi Kurniawan"


def test_the_session_page_shows_a_speaker_column_and_refuses_a_clash_in_words(
    operator: Client, pemilu: Election
) -> None:
    plan = tot_plan(pemilu)
    first, second = session(plan, hall("Aula A")), session(plan, hall("Aula B"))
    module, ani = tot_modules(pemilu)[0], speaker("Ani Suryani")
    ok = operator.post(reverse("speakers:assign", args=[first.pk]), {"module": module.pk, "speaker": ani.pk})
    assert ok.status_code == 302
    page = operator.get(reverse("planner:session", args=[first.pk])).content.decode()
    assert "<th>Narasumber</th>" in page and "Ani Suryani" in page and 'id="speakers-assign"' in page
    clash = operator.post(
        reverse("speakers:assign", args=[second.pk]), {"module": module.pk, "speaker": ani.pk}, follow=True
    )
    assert clash.status_code == 200
    assert "narasumber di dua sesi pada waktu yang sama" in clash.content.decode()
    assert not SessionSpeaker.objects.filter(session=second).exists()


def test_the_fill_button_says_what_it_could_not_fill(operator: Client, pemilu: Election) -> None:
    plan = tot_plan(pemilu)
    here = session(plan, hall("Aula A"))
    response = operator.post(reverse("speakers:fill", args=[here.pk]), follow=True)
    assert "belum ada narasumber bawaan" in response.content.decode()


def test_a_facilitator_reads_who_speaks_but_gets_no_assign_form(pemilu: Election, pps_lenggang: User) -> None:
    from bimtek.conftest import LENGGANG

    plan = tot_plan(pemilu)
    here = session(plan, hall("Balai Desa Lenggang", region=LENGGANG))
    module = tot_modules(pemilu)[0]
    ani = speaker("Ani Suryani", phone="+6281234567890")
    SessionSpeaker.objects.create(session=here, module=module, speaker=ani, region_code=LENGGANG)
    client = Client()
    client.force_login(pps_lenggang)
    page = client.get(reverse("planner:session", args=[here.pk])).content.decode()
    assert "Ani Suryani" in page and "+6281234567890" not in page and 'id="speakers-assign"' not in page


def test_it_prints_one_invitation_per_speaker_from_the_template(operator: Client, pemilu: Election) -> None:
    plan = tot_plan(pemilu)
    here = session(plan, hall("Aula KPU Beltim"))
    modules = tot_modules(pemilu)
    ani, budi = speaker("Ani Suryani"), speaker("Budi", division="hukum")
    for module, who in ((modules[0], ani), (modules[1], ani), (modules[2], budi)):
        SessionSpeaker.objects.create(session=here, module=module, speaker=who, region_code=here.region_code)
    page = operator.get(reverse("planner:session", args=[here.pk])).content.decode()
    assert 'id="speakers-letters"' in page
    response = operator.get(reverse("speakers:letters", args=[here.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and response.content.count(b"/Type /Page\n") >= 2


def test_the_invitation_text_is_edited_on_the_documents_page(operator: Client) -> None:
    page = operator.get(reverse("documents:template", args=["undangan_narasumber"]))
    assert page.status_code == 200 and "{{ modul }}" in page.content.decode()
