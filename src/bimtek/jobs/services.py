"""Start long work as a background job and report its progress where the page and the CLI can read it.

The work itself runs in a django-tasks worker (`bimtek worker`, started by `bimtek serve` for the
demo), so a national import never holds a web request open. A job handler is a plain function
`handler(job, progress) -> dict`, registered by name in HANDLERS.
"""

import importlib
import time
import traceback
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from bimtek.jobs.models import Job, JobStatus
from bimtek.lib.reports import Progress

Handler = Callable[[Job, Progress], dict[str, Any]]

# kind -> "module:function"; resolved lazily so apps need not import each other at start-up.
HANDLERS: dict[str, str] = {
    "import.people": "bimtek.workforce.jobs:run_people_import",
    "import.tps": "bimtek.elections.jobs:run_tps_import",
    "plan.solve": "bimtek.planner.jobs:run_plan",
    "certificates.issue": "bimtek.delivery.certificates:run_issue_job",
    "readiness.refresh": "bimtek.readiness.jobs:run_refresh",
}
PROGRESS_INTERVAL = 0.5  # seconds between progress writes: often enough for a person, cheap for the database


def job_start(*, kind: str, title: str, params: dict[str, Any], actor: Any, region_code: str = "") -> Job:
    if kind not in HANDLERS:
        raise ValueError(f"unknown job kind {kind!r}")
    from bimtek.jobs.tasks import run_job

    job = Job.objects.create(
        kind=kind,
        title=title,
        params=params,
        created_by=actor if actor is not None and not isinstance(actor, str) else None,
        region_code=region_code,
    )
    # The worker must see the committed row, so the task is queued only after the commit.
    transaction.on_commit(lambda: run_job.enqueue(str(job.pk)))
    return job


def _resolve(kind: str) -> Handler:
    module, _, name = HANDLERS[kind].partition(":")
    handler: Handler = getattr(importlib.import_module(module), name)
    return handler


def throttled_progress(job_id: Any) -> Progress:
    last = [0.0]

    def report(done: int, total: int | None, message: str) -> None:
        now = time.monotonic()
        if now - last[0] < PROGRESS_INTERVAL and (total is None or done < total):
            return
        last[0] = now
        Job.objects.filter(pk=job_id).update(done=done, total=total, message=message[:255])

    return report


def job_run(job_id: str) -> None:
    """Run one job to its end, recording success or the failure; called by the worker."""
    job = Job.objects.get(pk=job_id)
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, started_at=timezone.now())
    try:
        result = _resolve(job.kind)(job, throttled_progress(job.pk))
    except Exception as exc:  # a job's failure is recorded for its owner, never lost in a worker log
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED,
            error=f"{type(exc).__name__}: {exc}",
            finished_at=timezone.now(),
            message=traceback.format_exception_only(exc)[-1][:255],
        )
        return
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.DONE, result=result, finished_at=timezone.now(), message="", done=F("total")
    )
