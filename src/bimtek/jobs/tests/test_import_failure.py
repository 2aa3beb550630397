"""A web import of a file that cannot be read ends failed, with the message the CLI gives, and its upload goes.

It used to stay "running 0%" for ever: the worker crashed on `done=F("total")` with no total.
"""

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse

from bimtek.accounts.models import User
from bimtek.conftest import LENGGANG
from bimtek.elections.models import Election
from bimtek.jobs.models import Job, JobStatus
from bimtek.workforce.models import Person
from bimtek.workforce.tests.factories import crew_rows, csv_bytes

pytestmark = pytest.mark.django_db

UNREADABLE = {
    "utf16": ("petugas.csv", csv_bytes(crew_rows(LENGGANG, [1])).decode().encode("utf-16")),
    "garbage": ("petugas.csv", bytes(range(256)) * 40),
    "not_xlsx": ("petugas.xlsx", b"PK\x03\x04 this is not a workbook"),
    "too_many_rows": ("petugas.csv", csv_bytes(crew_rows(LENGGANG, [1, 2]))),
}


def cli_refusal(tmp_path: Path, election: Election, name: str, data: bytes) -> dict[str, Any]:
    path = tmp_path / name
    path.write_bytes(data)
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("import", "people", str(path), "--election", election.slug, "--json", stdout=out)
    answer: dict[str, Any] = json.loads(out.getvalue())
    return answer


@pytest.mark.parametrize("case", sorted(UNREADABLE))
def test_it_fails_the_job_with_the_clis_message_and_removes_the_upload(
    case: str,
    tmp_path: Path,
    beltim_tps: Election,
    kpu_beltim: User,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.IMPORT_MAX_ROWS = 10
    name, data = UNREADABLE[case]
    client = Client()
    client.force_login(kpu_beltim)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("site:import"),
            {"what": "people", "election": beltim_tps.pk, "file": SimpleUploadedFile(name, data)},
        )
    job = Job.objects.get(pk=response.url.rstrip("/").split("/")[-1])

    status = client.get(reverse("jobs:job_status", args=[job.pk])).json()
    assert status["finished"] and status["status"] == JobStatus.FAILED
    cli = cli_refusal(tmp_path, beltim_tps, name, data)
    assert job.result["code"] == cli["code"] and cli["code"].startswith("file_")
    assert cli["error"] == f"{job.message} [{job.result['code']}]"
    page = client.get(reverse("jobs:job", args=[job.pk])).content.decode()
    assert job.message in page and "Gagal" in page
    assert not Path(job.params["path"]).exists()
    assert Person.objects.count() == 0
