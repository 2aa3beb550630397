"""Run an import service as a background job: the uploaded file waits in the data directory."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

from bimtek.elections.models import Election
from bimtek.jobs.models import Job
from bimtek.lib.errors import DomainError
from bimtek.lib.reports import ImportReport, Progress
from bimtek.lib.tabular import TableError


def run_file_import(
    job: Job, progress: Progress, service: Callable[..., ImportReport], **extra: Any
) -> dict[str, Any]:
    """Call `service` with the job's file and options; a whole-file error becomes the job's result.

    A dry run keeps the file, so the operator can store what they just checked without uploading again.
    """
    params = job.params
    path = Path(params["path"])
    try:
        report = service(
            election=Election.objects.get(pk=params["election_id"]),
            source=path,
            filename=params["filename"],
            actor=job.created_by or "sistem",
            dry_run=params.get("dry_run", False),
            keep_good_rows=params.get("keep_good_rows", False),
            progress=progress,
            **extra,
        )
    except (TableError, DomainError) as exc:
        return {"error": exc.message, "code": exc.code}
    finally:
        if not params.get("dry_run"):
            path.unlink(missing_ok=True)
    return report.as_dict()
