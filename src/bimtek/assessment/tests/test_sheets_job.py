"""A kabupaten's answer sheets: all of them (no silent cut at 500), at once for a few, as a job for many."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from bimtek.accounts.models import User
from bimtek.accounts.scoping import Scope
from bimtek.assessment import sheets
from bimtek.assessment.attempts import attempts_issue
from bimtek.assessment.models import Program, TestForm
from bimtek.conftest import LENGGANG
from bimtek.elections.models import Election
from bimtek.jobs.models import Job
from bimtek.jobs.services import job_run

pytestmark = pytest.mark.django_db


@pytest.fixture
def kpps_post(lenggang_crews: Election) -> TestForm:
    form = TestForm.objects.get(
        program=Program.objects.get(election=lenggang_crews, kind="kpps"), stage="post"
    )
    attempts_issue(form=form, region_code=LENGGANG, mode="paper", actor="test", scope=Scope(None, None))
    return form


def _login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_few_sheets_print_at_once(kpps_post: TestForm, kpu_beltim: User) -> None:
    response = _login(kpu_beltim).get(
        reverse("assessment:form_sheets", args=[kpps_post.pk]), {"region": LENGGANG}
    )
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert f"lembar-jawaban-{kpps_post.pk}-{LENGGANG}.pdf" in response["Content-Disposition"]
    assert not Job.objects.exists()


def test_many_sheets_are_a_job_with_every_sheet_and_a_scoped_download(
    kpps_post: TestForm,
    kpu_beltim: User,
    kpu_purbalingga: User,
    settings: pytest.FixtureRequest,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings.DATA_DIR = tmp_path  # type: ignore[attr-defined]  # pytest-django's settings fixture takes any setting
    monkeypatch.setattr(sheets, "SHEETS_INLINE", 5)  # 14 KPPS: more than a request's share
    client = _login(kpu_beltim)
    url = reverse("assessment:form_sheets", args=[kpps_post.pk])
    offer = client.get(url, {"region": LENGGANG})
    assert offer.status_code == 200 and 'id="sheets-start"' in offer.content.decode()
    assert "14 lembar" in offer.content.decode() and not Job.objects.exists()  # a GET never starts work

    started = client.post(url, {"region": LENGGANG})
    job = Job.objects.get(kind=sheets.JOB_KIND)
    assert started.status_code == 302 and started["Location"] == reverse("jobs:job", args=[job.pk])
    if job.status != "done":
        job_run(str(job.pk))
    job.refresh_from_db()
    assert job.status == "done" and job.result["count"] == 14

    download_url = reverse("assessment:form_sheets_file", args=[job.pk])
    assert download_url in client.get(reverse("jobs:job", args=[job.pk])).content.decode()
    download = client.get(download_url)
    content = b"".join(download.streaming_content)  # type: ignore[attr-defined]  # a FileResponse; the test client types it HttpResponse
    assert download.status_code == 200 and content.startswith(b"%PDF")
    assert "no-store" in download["Cache-Control"]
    assert _login(kpu_purbalingga).get(download_url).status_code == 404
