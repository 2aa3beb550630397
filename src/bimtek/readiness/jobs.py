"""Refreshing readiness as a background job: the page's button only queues it."""

from typing import Any

from bimtek.elections.models import Election
from bimtek.jobs.models import Job
from bimtek.lib.reports import Progress
from bimtek.readiness.services import readiness_refresh


def run_refresh(job: Job, progress: Progress) -> dict[str, Any]:
    election = Election.objects.get(pk=job.params["election_id"])
    code = job.params.get("region_code", "")
    report = readiness_refresh(
        election=election, region_code=code, actor=job.created_by or "sistem", progress=progress
    )
    url = f"/kesiapan/{election.slug}/" + (f"wilayah/{code}/" if code else "")
    return {**report.as_dict(), "url": url}
