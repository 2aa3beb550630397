"""The people import as a background job: the uploaded file is read from the data directory."""

from pathlib import Path
from typing import Any

from bimtek.accounts.scoping import scope_of
from bimtek.elections.models import Election
from bimtek.jobs.models import Job
from bimtek.lib.errors import DomainError
from bimtek.lib.reports import Progress
from bimtek.lib.tabular import TableError
from bimtek.workforce.people_import import people_import


def run_people_import(job: Job, progress: Progress) -> dict[str, Any]:
    params = job.params
    path = Path(params["path"])
    try:
        report = people_import(
            election=Election.objects.get(pk=params["election_id"]),
            source=path,
            filename=params["filename"],
            actor=job.created_by or "sistem",
            scope=scope_of(job.created_by),
            dry_run=params.get("dry_run", False),
            keep_good_rows=params.get("keep_good_rows", False),
            progress=progress,
        )
    except (TableError, DomainError) as exc:
        return {"error": exc.message, "code": exc.code}
    finally:
        if not params.get("dry_run"):
            path.unlink(missing_ok=True)
    return report.as_dict()
