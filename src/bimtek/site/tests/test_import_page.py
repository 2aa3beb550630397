"""The import screen: upload, check as a background job, read the row report, then store."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from bimtek.accounts.models import User
from bimtek.conftest import LENGGANG
from bimtek.elections.models import Election
from bimtek.jobs.models import Job, JobStatus
from bimtek.workforce.models import Person
from bimtek.workforce.tests.factories import crew_rows, csv_bytes, person_row

pytestmark = pytest.mark.django_db


def upload(client: Client, election: Election, data: bytes, *, dry_run: bool, capture: object) -> Job:
    with capture(execute=True):  # type: ignore[operator]  # pytest-django's fixture is typed as a plain callable
        response = client.post(
            reverse("site:import"),
            {
                "what": "people",
                "election": election.pk,
                "file": SimpleUploadedFile("petugas.csv", data),
                "dry_run": "on" if dry_run else "",
            },
        )
    assert response.status_code == 302, response.content
    return Job.objects.get(pk=response.url.rstrip("/").split("/")[-1])


def test_it_checks_a_file_then_stores_it_after_the_operator_confirms(
    beltim_tps: Election, kpu_beltim: User, django_capture_on_commit_callbacks: object
) -> None:
    client = Client()
    client.force_login(kpu_beltim)
    job = upload(
        client,
        beltim_tps,
        csv_bytes(crew_rows(LENGGANG, [1])),
        dry_run=True,
        capture=django_capture_on_commit_callbacks,
    )
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.result["imported"] == 9 and Person.objects.count() == 0
    page = client.get(reverse("jobs:job", args=[job.pk])).content.decode()
    assert "Simpan hasil pemeriksaan ini" in page
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]  # pytest-django's fixture is typed as a plain callable
        confirmed = client.post(reverse("jobs:job_confirm", args=[job.pk]))
    stored = Job.objects.get(pk=confirmed.url.rstrip("/").split("/")[-1])
    assert stored.result["stored"] and Person.objects.count() == 9


def test_it_shows_every_rejected_row_and_stores_nothing(
    beltim_tps: Election, kpu_beltim: User, django_capture_on_commit_callbacks: object
) -> None:
    client = Client()
    client.force_login(kpu_beltim)
    bad = person_row(2, body="KPPS", region=LENGGANG, tps="")
    job = upload(
        client,
        beltim_tps,
        csv_bytes([person_row(1, body="PPS", region=LENGGANG), bad]),
        dry_run=False,
        capture=django_capture_on_commit_callbacks,
    )
    page = client.get(reverse("jobs:job", args=[job.pk])).content.decode()
    assert "tps_missing" in page and "Tidak ada yang disimpan" in page
    assert Person.objects.count() == 0


def test_a_pps_cannot_import(beltim_tps: Election, pps_lenggang: User) -> None:
    client = Client()
    client.force_login(pps_lenggang)
    assert client.get(reverse("site:import")).status_code == 403
