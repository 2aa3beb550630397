"""Run an import service as a background job: the uploaded file waits in the data directory."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

from bimtek.jobs.models import Job
from bimtek.lib.reports import ImportReport, Progress


def run_file_import(
    job: Job, progress: Progress, service: Callable[..., ImportReport], **extra: Any
) -> dict[str, Any]:
    """Call `service` with the job's file and options (and `extra`: the importing app passes what its service
    needs, e.g. the election); a whole-file error fails the job with the CLI's message.

    The file is removed when the job ends (jobs.services), not here: a job taken back from a dead worker
    reads it again. A dry run keeps it, so the operator can store what they just checked without uploading.
    """
    params = job.params
    report = service(
        source=Path(params["path"]),
        filename=params["filename"],
        actor=job.created_by or "sistem",
        dry_run=params.get("dry_run", False),
        keep_good_rows=params.get("keep_good_rows", False),
        progress=progress,
        **extra,
    )
    return report.as_dict()
