"""The file a job leaves for its user to download (a batch PDF, a spreadsheet): where it lies, how it is
written (whole or not at all), and when it may be read (its job is done).

A handler writes with `job_file_write`; a download view asks `job_file_path`, after checking the job is
the user's to see. Files live under DATA_DIR/<folder>/<job id><suffix>.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings

from bimtek.jobs.models import JobStatus


def _folder(folder: str) -> Path:
    path = Path(settings.DATA_DIR) / folder
    path.mkdir(parents=True, exist_ok=True)
    return path


def job_file_write(job: Any, data: bytes, *, folder: str, suffix: str) -> Path:
    """Write the job's file atomically: a worker that dies mid-write leaves no truncated file, and a job run
    again replaces the file whole."""
    target = _folder(folder) / f"{job.pk}{suffix}"
    partial = target.with_name(target.name + ".part")
    partial.write_bytes(data)
    partial.replace(target)
    return target


def job_file_path(job: Any, *, folder: str, suffix: str) -> Path | None:
    """The finished job's file, or None while it runs, after it failed, or once the file is gone."""
    path = _folder(folder) / f"{job.pk}{suffix}"
    return path if job.status == JobStatus.DONE and path.exists() else None
