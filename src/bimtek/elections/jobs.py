"""The TPS import as a background job."""

from typing import Any

from bimtek.elections.models import Election
from bimtek.elections.services import tps_import
from bimtek.jobs.imports import run_file_import
from bimtek.jobs.models import Job
from bimtek.lib.reports import Progress


def run_tps_import(job: Job, progress: Progress) -> dict[str, Any]:
    election = Election.objects.get(pk=job.params["election_id"])
    region_code = job.params.get("region_code", "")
    return run_file_import(job, progress, tps_import, election=election, region_code=region_code)
