"""The TPS import as a background job."""

from pathlib import Path
from typing import Any

from bimtek.elections.models import Election
from bimtek.elections.services import tps_import
from bimtek.jobs.models import Job
from bimtek.lib.errors import DomainError
from bimtek.lib.reports import Progress
from bimtek.lib.tabular import TableError


def run_tps_import(job: Job, progress: Progress) -> dict[str, Any]:
    params = job.params
    path = Path(params["path"])
    try:
        report = tps_import(
            election=Election.objects.get(pk=params["election_id"]),
            source=path,
            filename=params["filename"],
            actor=job.created_by or "sistem",
            region_code=params.get("region_code", ""),
            dry_run=params.get("dry_run", False),
            keep_good_rows=params.get("keep_good_rows", False),
            progress=progress,
        )
    except (TableError, DomainError) as exc:
        return {"error": exc.message, "code": exc.code}
    finally:
        path.unlink(missing_ok=True)
    return report.as_dict()
