"""The people import as a background job."""

from typing import Any

from bimtek.accounts.scoping import scope_of
from bimtek.elections.models import Election
from bimtek.jobs.imports import run_file_import
from bimtek.jobs.models import Job
from bimtek.lib.reports import Progress
from bimtek.workforce.people_import import people_import


def run_people_import(job: Job, progress: Progress) -> dict[str, Any]:
    election = Election.objects.get(pk=job.params["election_id"])
    return run_file_import(job, progress, people_import, election=election, scope=scope_of(job.created_by))
