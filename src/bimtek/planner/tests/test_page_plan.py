"""The planning pages: create a plan, solve it as a job (never in the request), read the calendar, mark held."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from bimtek.accounts.models import User
from bimtek.conftest import BELTIM
from bimtek.elections.models import Election
from bimtek.jobs.models import Job, JobStatus
from bimtek.planner.models import PlanStatus, SessionStatus, TrainingPlan, TrainingSession, Venue
from bimtek.planner.tests.test_product_support import tot_workforce
from bimtek.regions.models import Region

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def quick_jobs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("bimtek.planner.jobs.DEFAULT_TIME_LIMIT", 1.0)


def login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def create_plan(client: Client, election: Election) -> TrainingPlan:
    url = reverse("planner:create", args=[election.slug]) + f"?region={BELTIM}"
    added = client.post(
        reverse("planner:venue_add", args=[election.slug]),
        {"name": "Aula KPU Beltim", "region": BELTIM, "capacity": 80, "plan_region": BELTIM},
    )
    assert added.status_code == 302 and added["Location"] == url
    venue = Venue.objects.get(name="Aula KPU Beltim")
    response = client.post(
        url,
        {"tier": "tot", "start": "2024-01-22", "end": "2024-01-23", "venues": [venue.pk], "sessions_per_day": 1,
         "locality": "prefer", "facilitators_per_session": 0, "facilitator_area": "any"},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[-2000:]
    return TrainingPlan.objects.get()


def test_it_runs_the_plan_as_a_job_and_shows_the_calendar(
    pemilu: Election, kpu_beltim: User, django_capture_on_commit_callbacks: object
) -> None:
    tot_workforce(pemilu, BELTIM)
    client = login(kpu_beltim)
    plan = create_plan(client, pemilu)
    page = client.get(reverse("planner:detail", args=[plan.pk])).content.decode()
    assert "Belum disusun" in page and 'id="solve"' in page

    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]  # pytest-django's fixture is typed as a plain callable
        response = client.post(reverse("planner:solve", args=[plan.pk]))
    job = Job.objects.get(kind="plan.solve")
    assert response.status_code == 302 and response["Location"] == reverse("jobs:job", args=[job.pk])
    assert job.status == JobStatus.DONE, job.error
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SOLVED and plan.job == job

    page = client.get(reverse("planner:detail", args=[plan.pk])).content.decode()
    assert 'id="calendar"' in page and "Aula KPU Beltim" in page
    assert TrainingSession.objects.filter(plan=plan).count() == 2  # 152 people, 80 seats a day
    assert page.count('<a class="session') == 2 and "Tandai sudah dilaksanakan" in page
    assert "152" in page


def test_a_past_session_not_yet_recorded_is_flagged(pemilu: Election, kpu_beltim: User, settings) -> None:  # type: ignore[no-untyped-def]  # pytest fixtures (settings, client, ...) are passed untyped
    import datetime as dt

    from bimtek.planner.services import plan_solve

    tot_workforce(pemilu, BELTIM)
    client = login(kpu_beltim)
    plan = create_plan(client, pemilu)
    plan_solve(plan=plan, actor="test", time_limit=1)
    first, second = TrainingSession.objects.filter(plan=plan).order_by("date")
    settings.BIMTEK_TODAY = dt.date(2024, 1, 22)  # the first day: nothing is past yet
    page = client.get(reverse("planner:detail", args=[plan.pk])).content.decode()
    assert 'data-state="unrecorded"' not in page
    settings.BIMTEK_TODAY = dt.date(2024, 1, 23)  # the first session is past and nobody marked it
    page = client.get(reverse("planner:detail", args=[plan.pk])).content.decode()
    assert page.count('data-state="unrecorded"') == 2  # its card and its row in the list
    TrainingSession.objects.filter(pk=first.pk).update(status=SessionStatus.HELD)
    page = client.get(reverse("planner:detail", args=[plan.pk])).content.decode()
    assert 'data-state="unrecorded"' not in page and "sudah dilaksanakan" in page


def test_it_refuses_a_window_that_ends_before_it_starts(pemilu: Election, kpu_beltim: User) -> None:
    client = login(kpu_beltim)
    url = reverse("planner:create", args=[pemilu.slug]) + f"?region={BELTIM}"
    response = client.post(
        url, {"tier": "tot", "start": "2024-01-23", "end": "2024-01-22", "sessions_per_day": 1}
    )
    assert response.status_code == 200 and not TrainingPlan.objects.exists()
    assert "sesudah tanggal mulai" in response.content.decode()


def test_it_marks_a_session_held_and_shows_it(pemilu: Election, kpu_beltim: User) -> None:
    tot_workforce(pemilu, BELTIM)
    client = login(kpu_beltim)
    plan = create_plan(client, pemilu)
    from bimtek.planner.services import plan_solve

    plan_solve(plan=plan, actor="test", time_limit=1)
    session = TrainingSession.objects.filter(plan=plan).first()
    response = client.post(reverse("planner:session_held", args=[session.pk]))
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.status == SessionStatus.HELD
    page = client.get(reverse("planner:detail", args=[plan.pk])).content.decode()
    assert "sudah dilaksanakan" in page and "Rencanakan ulang" in page
    detail = client.get(reverse("planner:session", args=[session.pk])).content.decode()
    assert 'id="participants"' in detail and "Petugas 19.06" in detail
    for name in ("delivery:session", "messaging:session", "feedback:survey"):  # where the day is run from
        assert reverse(name, args=[session.pk]) in detail, name


def test_it_lets_a_pps_read_the_plan_of_its_regency_but_not_change_it(
    pemilu: Election, kpu_beltim: User, pps_lenggang: User
) -> None:
    tot_workforce(pemilu, BELTIM)
    plan = create_plan(login(kpu_beltim), pemilu)
    from bimtek.planner.services import plan_solve

    plan_solve(plan=plan, actor="test", time_limit=1)
    client = login(pps_lenggang)
    assert plan.region_id == BELTIM and Region.objects.get(code=BELTIM)
    page = client.get(reverse("planner:detail", args=[plan.pk]))
    assert page.status_code == 200
    assert (
        'id="solve"' not in page.content.decode() and "Tandai sudah dilaksanakan" not in page.content.decode()
    )
    assert client.post(reverse("planner:solve", args=[plan.pk])).status_code == 403
    session = TrainingSession.objects.filter(plan=plan, groups__region_code="19.06.02.2009").get()
    assert client.get(reverse("planner:session", args=[session.pk])).status_code == 200
    assert client.post(reverse("planner:session_held", args=[session.pk])).status_code == 403
    assert client.get(reverse("planner:create", args=[pemilu.slug])).status_code == 403
    assert client.get(reverse("planner:scenario", args=[plan.pk])).status_code == 404  # every group's data
    assert not Job.objects.exists() and plan.start == dt.date(2024, 1, 22)
