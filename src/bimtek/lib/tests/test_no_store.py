"""Pages with personal data (a person's full NIK and phone, a session's messages) are never stored by a cache."""

import io

import pytest
from django.test import Client
from django.urls import reverse

from bimtek.accounts.models import User
from bimtek.accounts.scoping import Scope
from bimtek.conftest import LENGGANG
from bimtek.elections.models import Election
from bimtek.workforce.models import Appointment
from bimtek.workforce.people_import import people_import
from bimtek.workforce.tests.factories import crew_rows, csv_bytes

pytestmark = pytest.mark.django_db


def test_a_persons_page_is_sent_with_no_store(beltim_tps: Election, kpu_beltim: User) -> None:
    people_import(
        election=beltim_tps,
        source=io.BytesIO(csv_bytes(crew_rows(LENGGANG, [1]))),
        filename="p.csv",
        actor="test",
        scope=Scope(None, None),
    )
    person = Appointment.objects.filter(region_id=LENGGANG).first().person  # type: ignore[union-attr]  # the fixture world always holds a Lenggang appointment
    client = Client()
    client.force_login(kpu_beltim)
    page = client.get(reverse("workforce:person", args=[person.pk]))
    assert page.status_code == 200 and person.nik in page.content.decode()  # the full NIK: its owner's KPU
    assert "no-store" in page["Cache-Control"] and "private" in page["Cache-Control"]
    assert "no-store" in client.get(reverse("jobs:jobs"))["Cache-Control"]
    assert "no-store" in Client().get(reverse("accounts:login"))["Cache-Control"]
