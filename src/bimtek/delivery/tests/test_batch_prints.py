"""Batch printouts (issue 16 item 3, issue 17 "print all"): a region's or a plan's attendance sheets and ID cards.

A small batch is the PDF itself; above MAX_INLINE_SESSIONS sessions the page offers a job (a GET never starts
work), the job reports progress and leaves a file that only its region's users download; a bad date answers
400 naming the field and starts nothing.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from bimtek.accounts.models import User
from bimtek.delivery import batch, views_print
from bimtek.delivery.tests.helpers import GANTUNG, Setup
from bimtek.jobs.models import Job
from bimtek.jobs.services import job_run
from bimtek.planner.models import TrainingSession

pytestmark = pytest.mark.django_db


def _login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def second_day(gantung: Setup) -> TrainingSession:
    """A second session of the same plan and venue a day later, with no groups (an empty sheet)."""
    s = gantung.session
    return TrainingSession.objects.create(
        plan=s.plan, venue=s.venue, date=s.date + dt.timedelta(days=1), slot=1, region_code=GANTUNG
    )


@pytest.fixture
def data_dir(settings: pytest.FixtureRequest, tmp_path: Path) -> Path:
    settings.DATA_DIR = tmp_path  # type: ignore[attr-defined]  # pytest-django's settings fixture takes any setting
    return tmp_path


def _pages(pdf: bytes) -> int:
    return pdf.count(b"/Type /Page\n") or pdf.count(b"/Type /Page ") or pdf.count(b"/Type /Page>")


def test_a_plans_sheets_print_all_at_once_from_the_plan_page(
    gantung: Setup, second_day: TrainingSession, kpu_beltim: User
) -> None:
    client = _login(kpu_beltim)
    page = client.get(reverse("planner:detail", args=[gantung.session.plan_id])).content.decode()
    url = reverse("delivery:plan_rosters", args=[gantung.session.plan_id])
    assert url in page and reverse("delivery:plan_cards", args=[gantung.session.plan_id]) in page
    response = client.get(url)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert response["Cache-Control"].startswith("no-store") or "no-store" in response["Cache-Control"]
    cards = client.get(reverse("delivery:plan_cards", args=[gantung.session.plan_id]))
    assert cards.content.count(b"/Subtype /Image") == 21  # one QR per person, once each
    assert not Job.objects.exists()


def test_a_bad_date_answers_400_naming_the_field_and_starts_nothing(gantung: Setup, kpu_beltim: User) -> None:
    client = _login(kpu_beltim)
    url = reverse("delivery:region_rosters", args=[gantung.election.slug, GANTUNG])
    for method in (client.get, client.post):
        response = method(url, {"tanggal": "31-02-2024"})
        page = response.content.decode()
        assert response.status_code == 400, method
        assert 'data-code="bad_date"' in page and "hh-bb-tttt" in page
    assert not Job.objects.exists()


def test_a_day_reads_as_dd_mm_yyyy_and_a_day_without_sessions_says_so(
    gantung: Setup, kpu_beltim: User
) -> None:
    client = _login(kpu_beltim)
    url = reverse("delivery:region_cards", args=[gantung.election.slug, GANTUNG])
    on_the_day = client.get(url, {"tanggal": gantung.session.date.strftime("%d-%m-%Y")})
    assert on_the_day.content.startswith(b"%PDF")
    empty = client.get(url, {"tanggal": "01-03-2024"})
    assert empty.status_code == 200 and 'id="batch-empty"' in empty.content.decode()


def test_a_large_batch_is_a_job_with_progress_and_a_scoped_download(
    gantung: Setup,
    second_day: TrainingSession,
    kpu_beltim: User,
    kpu_purbalingga: User,
    pps_neighbour: User,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(views_print, "MAX_INLINE_SESSIONS", 1)  # two sessions count as a kabupaten's worth
    client = _login(kpu_beltim)
    url = reverse("delivery:region_rosters", args=[gantung.election.slug, GANTUNG])
    offer = client.get(url)
    assert offer.status_code == 200 and 'id="batch-start"' in offer.content.decode()
    assert "2 sesi" in offer.content.decode() and not Job.objects.exists()  # a GET never starts work

    started = client.post(url)
    job = Job.objects.get(kind=batch.JOB_KIND)
    assert started.status_code == 302 and started["Location"] == reverse("jobs:job", args=[job.pk])
    if job.status != "done":
        job_run(str(job.pk))
    job.refresh_from_db()
    assert job.status == "done" and (job.done, job.total) == (2, 2)
    assert job.result["sessions"] == 2 and job.result["count"] == 21

    detail = client.get(reverse("jobs:job", args=[job.pk])).content.decode()
    download_url = reverse("delivery:print_file", args=[job.pk])
    assert download_url in detail
    download = client.get(download_url)
    content = b"".join(download.streaming_content)  # type: ignore[attr-defined]  # a FileResponse; the test client types it HttpResponse
    assert download.status_code == 200 and content.startswith(b"%PDF")
    assert "no-store" in download["Cache-Control"] and "attachment" in download["Content-Disposition"]
    assert f"daftar-hadir-{GANTUNG}.pdf" in download["Content-Disposition"]

    for outsider in (kpu_purbalingga, pps_neighbour):
        assert _login(outsider).get(download_url).status_code == 404, outsider.username


def test_running_the_print_job_again_writes_the_same_whole_file(
    gantung: Setup, kpu_beltim: User, data_dir: Path
) -> None:
    req = batch.PrintRequest(kind=batch.CARDS, election_id=gantung.election.pk, region_code=GANTUNG)
    job = Job.objects.create(
        kind=batch.JOB_KIND, title=req.title, params=req.as_params(), created_by=kpu_beltim
    )
    (data_dir / "printouts").mkdir(exist_ok=True)
    (data_dir / "printouts" / f"{job.pk}.pdf.part").write_bytes(b"%PDF-half")  # a worker died mid-write
    first = batch.run_print_job(job, lambda done, total, message: None)
    size = (data_dir / "printouts" / f"{job.pk}.pdf").stat().st_size
    second = batch.run_print_job(job, lambda done, total, message: None)
    assert first == second and (data_dir / "printouts" / f"{job.pk}.pdf").stat().st_size == size
    assert not (data_dir / "printouts" / f"{job.pk}.pdf.part").exists()


def test_a_facilitator_prints_only_their_own_people(gantung: Setup, pps_lenggang: User) -> None:
    client = _login(pps_lenggang)
    cards = client.get(reverse("delivery:plan_cards", args=[gantung.session.plan_id]))
    assert cards.status_code == 200 and cards.content.count(b"/Subtype /Image") == 14  # Lenggang's two crews
