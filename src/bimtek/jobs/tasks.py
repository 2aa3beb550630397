"""Where django-tasks found the job task before it moved beside `job_run` (jobs.services), so the two modules no
longer import each other: a task queued by an earlier release names this path, and still runs."""

from bimtek.jobs.services import run_job

__all__ = ["run_job"]
