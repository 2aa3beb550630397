"""A KPPS member lands on their own space and sees no registry page: not their TPS's, nor a colleague's."""

import io

import pytest
from django.test import Client
from django.urls import reverse

from bimtek.accounts.scoping import Scope
from bimtek.accounts.services import user_create
from bimtek.conftest import LENGGANG, PASSWORD
from bimtek.elections.models import TPS, Election
from bimtek.lib.errors import DomainError
from bimtek.workforce.models import Appointment
from bimtek.workforce.people_import import people_import
from bimtek.workforce.tests.factories import crew_rows, csv_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def ketua_kpps(beltim_tps: Election) -> Client:
    people_import(
        election=beltim_tps,
        source=io.BytesIO(csv_bytes(crew_rows(LENGGANG, [1, 2]))),
        filename="p.csv",
        actor="test",
        scope=Scope(None, None),
    )
    ketua = Appointment.objects.get(tps__number=1, tps__village_id=LENGGANG, body="kpps", seat=1)
    user = user_create(
        username="kpps-001",
        password=PASSWORD,
        role="kpps",
        region_code=LENGGANG,
        actor="test",
        person_id=ketua.person_id,
    )
    client = Client()
    client.force_login(user)
    return client


def test_it_lands_on_their_own_space(ketua_kpps: Client) -> None:
    ketua = Appointment.objects.get(tps__number=1, body="kpps", seat=1)
    response = ketua_kpps.get(reverse("site:home"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("participants:home")
    assert ketua.person.name in response.content.decode()


def test_it_is_refused_the_registry_pages_of_its_tps_and_of_a_colleague(
    ketua_kpps: Client, beltim_tps: Election
) -> None:
    own, other = (
        TPS.objects.get(village_id=LENGGANG, number=1),
        TPS.objects.get(village_id=LENGGANG, number=2),
    )
    assert ketua_kpps.get(reverse("workforce:tps", args=[beltim_tps.slug, own.pk])).status_code == 403
    assert ketua_kpps.get(reverse("workforce:tps", args=[beltim_tps.slug, other.pk])).status_code == 403
    colleague = Appointment.objects.get(tps=own, body="kpps", seat=2)
    assert ketua_kpps.get(reverse("workforce:person", args=[colleague.person_id])).status_code == 403
    people = ketua_kpps.get(reverse("workforce:people", args=[beltim_tps.slug]))
    assert people.status_code == 403 and colleague.person.name not in people.content.decode()


def test_a_kpps_account_must_be_a_person_in_the_registry(pemilu: Election) -> None:
    with pytest.raises(DomainError) as exc:
        user_create(username="x", password=PASSWORD, role="kpps", region_code=LENGGANG, actor="test")
    assert exc.value.code == "role_person"
