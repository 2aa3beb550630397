"""What the apps above read of jobs (issue 14: through these, not through `Job.objects`)."""

from typing import Any

from django.db.models import QuerySet

from bimtek.jobs.models import Job, JobStatus


def jobs_of_kind(kind: str) -> QuerySet[Job]:
    """Every job of a kind; a page narrows it to what the user may see (`scoped_get`)."""
    return Job.objects.filter(kind=kind)


def jobs_visible_to(user: Any) -> QuerySet[Job]:
    return Job.objects.visible_to(user)


def job_waiting(kind: str, **params: Any) -> bool:
    """Whether a job of the kind with these parameters is queued and not yet started."""
    return Job.objects.filter(
        kind=kind, status=JobStatus.QUEUED, **{f"params__{k}": v for k, v in params.items()}
    ).exists()
