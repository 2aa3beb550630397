"""Signing in with a one-time code: it reaches the registered phone, works once, and cannot be guessed.

Personas: the Ketua KPPS of Lenggang TPS 001 (`member`); the KPU Beltim operator, whose account may never be
opened with a code.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from bimtek.accounts.models import User
from bimtek.elections.models import Election
from bimtek.lib.errors import DomainError
from bimtek.messaging.gateways import RecordingGateway
from bimtek.participants import signin
from bimtek.participants.models import LoginCode
from bimtek.participants.tests.world import World, build
from bimtek.workforce.models import Person

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("recording_sms"),
]


@pytest.fixture
def recording_sms():  # type: ignore[no-untyped-def]  # pytest fixtures (settings, client, ...) are passed untyped
    RecordingGateway.sent.clear()
    with override_settings(BIMTEK_SMS_GATEWAY="bimtek.messaging.gateways.RecordingGateway"):
        yield RecordingGateway.sent


@pytest.fixture
def world(beltim_tps: Election) -> World:
    return build(beltim_tps)


def _ask(client: Client, nik: str) -> str:
    response = client.post(reverse("participants:signin"), {"nik": nik})
    assert response.status_code == 302, response.content
    return response["Location"]


def _code() -> str:
    return re.search(r"\b(\d{6})\b", RecordingGateway.sent[-1][1]).group(1)  # type: ignore[union-attr]  # re.search is None only on a failed test, which the AttributeError reports


def test_it_signs_a_kpps_member_in_with_the_code_sent_to_their_phone(world: World) -> None:
    member = world.crew[0].person
    client = Client()
    assert _ask(client, member.nik) == reverse("participants:signin_code")
    ((to, text),) = RecordingGateway.sent
    assert to == member.phone and member.nik not in text and member.name not in text
    response = client.post(reverse("participants:signin_code"), {"code": _code()})
    assert response.status_code == 302 and response["Location"] == reverse("participants:home")
    assert client.get(reverse("participants:home")).status_code == 200


def test_a_code_works_once(world: World) -> None:
    client = Client()
    _ask(client, world.crew[0].person.nik)
    code = _code()
    assert client.post(reverse("participants:signin_code"), {"code": code}).status_code == 302
    again = Client()
    again.session  # noqa: B018  # a fresh session without the pending code
    with pytest.raises(DomainError) as exc:
        signin.login_code_verify(login_code_id=LoginCode.objects.get().pk, code=code)
    assert exc.value.code == "code_invalid"


def test_five_wrong_codes_end_the_code(world: World) -> None:
    client = Client()
    _ask(client, world.crew[0].person.nik)
    right = _code()
    for _ in range(5):
        wrong = client.post(
            reverse("participants:signin_code"), {"code": "000000" if right != "000000" else "111111"}
        )
        assert wrong.status_code == 400 and "Kode salah" in wrong.content.decode()
    refused = client.post(reverse("participants:signin_code"), {"code": right})
    assert refused.status_code == 400  # the right code no longer helps after five tries


def test_an_unknown_nik_gets_the_same_answer_and_no_message(world: World) -> None:
    client = Client()
    assert _ask(client, "1906029999999999") == reverse("participants:signin_code")
    assert RecordingGateway.sent == []


def test_a_nik_that_is_not_16_digits_is_refused_with_its_reason(world: World) -> None:
    response = Client().post(reverse("participants:signin"), {"nik": "12345"})
    assert response.status_code == 400 and signin.ERR_NIK in response.content.decode()


def test_an_operator_account_never_opens_with_a_code(world: World, kpu_beltim: User) -> None:
    person = world.crew[1].person
    kpu_beltim.person = person
    kpu_beltim.save(update_fields=["person"])
    _ask(Client(), person.nik)
    assert RecordingGateway.sent == []  # same answer, nothing sent, nothing to sign in with


def test_a_person_gets_three_codes_per_quarter_hour(world: World) -> None:
    nik = world.crew[0].person.nik
    for _ in range(3):
        _ask(Client(), nik)
    response = Client().post(reverse("participants:signin"), {"nik": nik})
    assert response.status_code == 400 and signin.ERR_THROTTLED in response.content.decode()
    assert len(RecordingGateway.sent) == 3


def test_an_address_asks_ten_times_per_quarter_hour(world: World) -> None:
    client = Client()
    for i in range(10):
        _ask(client, f"19060299999{i:05d}")
    response = client.post(reverse("participants:signin"), {"nik": world.crew[0].person.nik})
    assert response.status_code == 400 and RecordingGateway.sent == []


def test_the_link_in_the_message_signs_in_once_and_a_preview_does_not_use_it(world: World) -> None:
    _ask(Client(), world.crew[0].person.nik)
    link = re.search(r"(/saya/masuk/[\w-]+/)", RecordingGateway.sent[-1][1]).group(1)  # type: ignore[union-attr]  # re.search is None only on a failed test, which the AttributeError reports
    client = Client()
    assert client.get(link).status_code == 200  # a link preview (GET) only shows the button
    assert client.post(link).status_code == 302
    assert client.get(reverse("participants:home")).status_code == 200
    assert Client().post(link).status_code == 302 and LoginCode.objects.get().used_at is not None
    late = Client()
    late.post(link)
    assert late.get(reverse("participants:home")).status_code == 302  # to the login page: used up


def test_a_linmas_member_without_an_account_gets_one_on_first_sign_in(world: World) -> None:
    linmas = Person.objects.create(
        nik="1906021203850099", name="Linmas Lenggang", birth_date="1985-03-12", sex="L",
        phone="+6281299990099", region_id=world.tps.village_id,
    )  # fmt: skip
    world.crew[0].__class__.objects.create(
        election=world.election,
        person=linmas,
        body="linmas",
        region_id=world.tps.village_id,
        tps=world.tps,
        seat=1,
    )
    client = Client()
    _ask(client, linmas.nik)
    client.post(reverse("participants:signin_code"), {"code": _code()})
    user = User.objects.get(person=linmas)
    assert user.role == "linmas" and not user.has_usable_password()
    assert client.get(reverse("assessment:bank", args=[world.election.slug])).status_code == 403
