"""After a session's day a normal scan is refused (`session_over`); a late entry with a reason is kept, marked late."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bimtek.accounts.models import User
from bimtek.delivery.models import Attendance
from bimtek.delivery.services import ERR_SESSION_OVER, attendance_check_in
from bimtek.delivery.tests.helpers import DAY, Setup
from bimtek.lib.errors import DomainError
from bimtek.planner.models import TrainingSession

pytestmark = pytest.mark.django_db


@pytest.fixture
def twelve_days_later(settings: pytest.FixtureRequest) -> None:
    settings.BIMTEK_TODAY = DAY + dt.timedelta(days=12)  # type: ignore[attr-defined]  # pytest-django's settings fixture takes any setting


def test_it_refuses_a_normal_scan_after_the_session_day(
    gantung: Setup, pps_lenggang: User, twelve_days_later: None
) -> None:
    person = gantung.lenggang[0].person
    for method in ("qr", "search"):
        with pytest.raises(DomainError) as refused:
            attendance_check_in(
                session=gantung.session, person=person, part="pagi", key=f"late-{method}-01", method=method, actor=pps_lenggang
            )  # fmt: skip
        assert (refused.value.code, refused.value.message) == ("session_over", ERR_SESSION_OVER)
    assert not Attendance.objects.exists()


def test_it_records_a_late_entry_with_its_reason_and_shows_it_late(
    gantung: Setup, pps_lenggang: User, twelve_days_later: None
) -> None:
    late, on_time = gantung.lenggang[0].person, gantung.lenggang[1].person
    answer = attendance_check_in(
        session=gantung.session, person=late, part="pagi", key="late-manual-01", method="manual",
        reason="Daftar hadir tertinggal di balai desa", actor=pps_lenggang,
    )  # fmt: skip
    assert answer.code == "created"
    on_the_day = timezone.now() - dt.timedelta(days=12)  # the phone's clock, twelve days ago
    # a scan the phone made on the day (its clock), synced twelve days later, is on time
    attendance_check_in(
        session=gantung.session, person=on_time, part="pagi", key="queued-on-day", method="qr", at=on_the_day,
        actor=pps_lenggang,
    )  # fmt: skip
    rows = {a.person_id: a for a in Attendance.objects.all()}
    assert (rows[late.pk].late, rows[late.pk].reason) == (True, "Daftar hadir tertinggal di balai desa")
    assert rows[on_time.pk].late is False

    client = Client()
    client.force_login(pps_lenggang)
    page = client.get(reverse("delivery:session", args=[gantung.session.pk])).content.decode()
    late_row = next(r for r in page.split("<tr") if late.name in r)
    on_time_row = next(r for r in page.split("<tr") if on_time.name in r)
    assert "terlambat" in late_row and "terlambat" not in on_time_row


def test_the_phone_page_knows_the_session_is_over(
    gantung: Setup, pps_lenggang: User, twelve_days_later: None
) -> None:
    client = Client()
    client.force_login(pps_lenggang)
    page = client.get(reverse("delivery:checkin", args=[gantung.session.pk])).content.decode()
    assert 'data-last-day="2024-01-26"' in page
    assert "Hari sesi ini sudah lewat" in page


def test_a_scan_on_the_second_day_of_a_two_day_session_is_on_time_and_the_day_after_is_late(
    gantung: Setup, pps_lenggang: User, settings: pytest.FixtureRequest
) -> None:
    TrainingSession.objects.filter(pk=gantung.session.pk).update(slot=1, slots=2, days=2)
    gantung.session.refresh_from_db()
    first, second = gantung.lenggang[0].person, gantung.lenggang[1].person
    settings.BIMTEK_TODAY = DAY + dt.timedelta(days=1)  # type: ignore[attr-defined]  # pytest-django's settings fixture takes any setting
    answer = attendance_check_in(
        session=gantung.session, person=first, part="pagi", key="day-two-01", method="qr", actor=pps_lenggang
    )
    assert answer.code == "created" and Attendance.objects.get().late is False
    settings.BIMTEK_TODAY = DAY + dt.timedelta(days=2)  # type: ignore[attr-defined]  # pytest-django's settings fixture takes any setting
    with pytest.raises(DomainError) as refused:
        attendance_check_in(
            session=gantung.session,
            person=second,
            part="pagi",
            key="day-three-01",
            method="qr",
            actor=pps_lenggang,
        )
    assert refused.value.code == "session_over"


def test_the_phone_page_of_a_two_day_session_counts_its_last_day(
    gantung: Setup, pps_lenggang: User, settings: pytest.FixtureRequest
) -> None:
    TrainingSession.objects.filter(pk=gantung.session.pk).update(slot=1, slots=2, days=2)
    settings.BIMTEK_TODAY = DAY + dt.timedelta(days=1)  # type: ignore[attr-defined]  # pytest-django's settings fixture takes any setting
    client = Client()
    client.force_login(pps_lenggang)
    page = client.get(reverse("delivery:checkin", args=[gantung.session.pk])).content.decode()
    assert 'data-last-day="2024-01-27"' in page  # the phone's own clock says "over" only after this day
    assert "26–27 Januari 2024" in page
    assert '<p id="over" class="badge warn" hidden>' in page
