"""A facilitator's coming sessions, each a tap from its check-in page, kept on the phone for a morning offline."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from bimtek.accounts.models import User
from bimtek.delivery.services import offline_until
from bimtek.delivery.tests.helpers import Setup
from bimtek.lib.offline import HEADER
from bimtek.planner.models import SessionStatus, TrainingSession

pytestmark = pytest.mark.django_db


def _page(user: User) -> tuple[int, str, dict[str, str]]:
    client = Client()
    client.force_login(user)
    response = client.get(reverse("delivery:my_sessions"))
    return response.status_code, response.content.decode(), dict(response.headers)


def test_a_pps_sees_todays_session_with_its_check_in_and_the_phone_keeps_the_list(
    gantung: Setup, pps_lenggang: User
) -> None:
    later = TrainingSession.objects.create(  # next week but one: not in the coming week
        plan=gantung.session.plan,
        venue=gantung.session.venue,
        date=gantung.session.date + dt.timedelta(days=8),
        slot=1,
        region_code=gantung.session.region_code,
    )
    status, html, headers = _page(pps_lenggang)
    assert status == 200
    assert reverse("delivery:checkin", args=[gantung.session.pk]) in html
    assert "Balai Kecamatan Gantung" in html
    assert reverse("delivery:checkin", args=[later.pk]) not in html
    # The phone keeps it at least as long as the sessions it lists: out of signal from the evening before,
    # it still opens on the morning of the session.
    assert int(headers[HEADER]) >= offline_until(gantung.session).timestamp() * 1000
    client = Client()
    client.force_login(pps_lenggang)
    assert client.get(reverse("pwa:keep")).json()["pages"][0] == reverse("delivery:my_sessions")


def test_a_cancelled_session_or_one_elsewhere_is_not_listed(
    gantung: Setup, pps_lenggang: User, pps_neighbour: User
) -> None:
    checkin = reverse("delivery:checkin", args=[gantung.session.pk])
    assert checkin in _page(pps_neighbour)[1]  # Selingsing's crew is in this session too
    TrainingSession.objects.filter(pk=gantung.session.pk).update(status=SessionStatus.CANCELLED)
    status, html, _ = _page(pps_lenggang)
    assert status == 200 and checkin not in html
    assert "Tidak ada sesi yang Anda fasilitasi dalam 7 hari ke depan" in html


def test_the_menu_leads_a_facilitator_there(gantung: Setup, pps_lenggang: User) -> None:
    client = Client()
    client.force_login(pps_lenggang)
    page = client.get(reverse("workforce:region", args=[gantung.election.slug, "19.06.02.2009"]))
    assert reverse("delivery:my_sessions") in page.content.decode()


def test_on_a_session_day_a_facilitator_signs_in_to_the_list_and_otherwise_to_their_desa(
    gantung: Setup, pps_lenggang: User, kpu_beltim: User, settings: pytest.FixtureRequest
) -> None:
    def landing(user: User) -> str:
        client = Client()
        client.force_login(user)
        return client.get(reverse("site:home"))["Location"]

    assert landing(pps_lenggang) == reverse("delivery:my_sessions")
    # The regency's operator sees the session too, but works from the region's pages.
    assert landing(kpu_beltim) == reverse("workforce:region", args=[gantung.election.slug, "19.06"])
    settings.BIMTEK_TODAY = gantung.session.date + dt.timedelta(days=1)  # type: ignore[attr-defined]
    assert landing(pps_lenggang) == reverse("workforce:region", args=[gantung.election.slug, "19.06.02.2009"])
    settings.BIMTEK_TODAY = gantung.session.date  # type: ignore[attr-defined]
    TrainingSession.objects.filter(pk=gantung.session.pk).update(status=SessionStatus.CANCELLED)
    assert landing(pps_lenggang) == reverse("workforce:region", args=[gantung.election.slug, "19.06.02.2009"])
