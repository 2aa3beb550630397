"""Paper answer sheets of a test form in bulk: up to SHEETS_INLINE in the request, more as the job
`assessment.sheets` with a download (a kabupaten's KPPS are thousands of sheets: minutes of PDF work).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from bimtek.accounts.scoping import region_filter
from bimtek.assessment.models import Attempt, AttemptStatus, TestForm
from bimtek.assessment.paper import sheets_pdf
from bimtek.jobs.files import job_file_path, job_file_write
from bimtek.lib.reports import Progress

SHEETS_INLINE = 200  # about 3 s of PDF work: more is a job's
JOB_KIND = "assessment.sheets"
FOLDER = "answer-sheets"


def sheet_attempts(user: Any, form: TestForm, region_code: str) -> QuerySet[Attempt]:
    """The form's issued, unfinished attempts in the region that the user may see, by desa and name."""
    return (
        Attempt.objects.visible_to(user)
        .filter(form=form, status=AttemptStatus.ISSUED)
        .filter(region_filter("region__code", region_code))
        .select_related("person", "form__program")
        .order_by("region_id", "person__name", "pk")
    )


def filename(form: TestForm, region_code: str) -> str:
    return f"lembar-jawaban-{form.pk}{f'-{region_code}' if region_code else ''}.pdf"


def run_sheets_job(job: Any, progress: Progress) -> dict[str, Any]:
    """Job handler: params form_id, region_code, take_url; built with the rights of whoever started it."""
    form = TestForm.objects.select_related("program").get(pk=job.params["form_id"])
    region_code = job.params.get("region_code") or ""
    attempts = list(sheet_attempts(job.created_by, form, region_code))
    progress(0, len(attempts), "Menyusun lembar jawaban")
    pdf = sheets_pdf(attempts=attempts, take_url=job.params.get("take_url") or "")
    progress(len(attempts), len(attempts), "Selesai")
    job_file_write(job, pdf, folder=FOLDER, suffix=".pdf")
    return {
        "filename": filename(form, region_code),
        "count": len(attempts),
        "download_url": reverse("assessment:form_sheets_file", args=[job.pk]),
    }


def job_file(job: Any) -> Path | None:
    return job_file_path(job, folder=FOLDER, suffix=".pdf")
