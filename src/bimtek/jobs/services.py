"""Start long work as a background job and report its progress where the page and the CLI can read it.

The work itself runs in a django-tasks worker (`bimtek worker`, started by `bimtek serve` for the
demo), so a national import never holds a web request open. A job handler is a plain function
`handler(job, progress) -> dict`, registered by its app with `register_handler(kind, "module:function")`.

Faults are part of the contract. A running job holds a lease (`JobLease`) that its worker renews from a
thread of its own; when a worker dies (SIGKILL, a machine lost) its lease lapses and any worker's
`jobs_reclaim` queues the job again, up to `JOB_MAX_ATTEMPTS` runs, then fails it with that reason. Every
handler is therefore written to be run twice: imports and plan solves store in one transaction, so a killed
run leaves nothing behind. Whatever ends a job sends `job_ended`, where an app releases what the job held.
"""

import importlib
import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connections, transaction
from django.db.models import F, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone
from django_tasks import task

from bimtek.audit.services import log_action
from bimtek.jobs.models import Job, JobLease, JobStatus, WorkerBeat
from bimtek.jobs.signals import job_ended
from bimtek.lib.errors import DomainError
from bimtek.lib.reports import Progress
from bimtek.lib.tabular import TableError

logger = logging.getLogger(__name__)

Handler = Callable[[Job, Progress], dict[str, Any]]

# kind -> "module:function", filled by each app's AppConfig.ready (`register_handler`), so jobs names no app;
# resolved lazily, when a job of that kind runs, so apps need not import each other at start-up.
HANDLERS: dict[str, str] = {}
PROGRESS_INTERVAL = 0.5  # seconds between progress writes: often enough for a person, cheap for the database
RENEW_AT_MOST_EVERY = 5.0  # seconds: also how soon a running job notices it was cancelled

ERR_CANCELLED = "Dibatalkan oleh operator"
ERR_FINISHED = "Pekerjaan ini sudah selesai; tidak ada yang bisa dibatalkan"
ERR_GAVE_UP = "Pekerja berhenti di tengah pekerjaan ini {n} kali; pekerjaan dihentikan"
ERR_UNEXPECTED = "Pekerjaan gagal karena kesalahan sistem; hubungi pengelola aplikasi"
MSG_RETRY = "Pekerja sebelumnya berhenti; diulang oleh pekerja lain (percobaan {n} dari {max})"


class JobCancelled(Exception):
    """Raised from a handler's progress call once an operator has cancelled its job."""


def register_handler(kind: str, target: str) -> None:
    """Register the handler of a job kind as "module:function"; an app calls it from its AppConfig.ready.

    Registering the same target again is harmless (ready may run twice in tests); another target for a kind
    that is taken is a programming error, caught at start-up rather than when a job of that kind runs."""
    module, sep, name = target.partition(":")
    if not (module and sep and name):
        raise ValueError(f"a job handler is 'module:function', not {target!r}")
    known = HANDLERS.setdefault(kind, target)
    if known != target:
        raise ValueError(f"job kind {kind!r} is already handled by {known!r}")


def job_start(*, kind: str, title: str, params: dict[str, Any], actor: Any, region_code: str = "") -> Job:
    if kind not in HANDLERS:
        raise ValueError(f"unknown job kind {kind!r}")
    job = Job.objects.create(
        kind=kind,
        title=title,
        params=params,
        created_by=actor if actor is not None and not isinstance(actor, str) else None,
        region_code=region_code,
    )
    _enqueue(str(job.pk))
    return job


def _enqueue(job_id: str) -> None:
    # The worker must see the committed row, so the task is queued only after the commit.
    transaction.on_commit(lambda: run_job.enqueue(job_id))


def _resolve(kind: str) -> Handler:
    module, _, name = HANDLERS[kind].partition(":")
    handler: Handler = getattr(importlib.import_module(module), name)
    return handler


def worker_name() -> str:
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def _lease_until(now: datetime) -> datetime:
    return now + timedelta(seconds=settings.JOB_LEASE_SECONDS)


# -- running one job ---------------------------------------------------------------------------------------------


class _Lease:
    """Renew a job's lease from a thread while its handler runs, and notice when it is cancelled.

    The thread has its own database connection, so a renewal never waits for the handler's transaction.
    """

    def __init__(self, job: Job, worker: str) -> None:
        self.job_id, self.worker, self.attempt = job.pk, worker, job.attempts
        self.stopped = threading.Event()
        self.cancelled = threading.Event()
        self.thread = threading.Thread(target=self._run, name=f"lease-{job.pk}", daemon=True)

    def __enter__(self) -> "_Lease":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopped.set()
        self.thread.join()

    def _run(self) -> None:
        interval = min(RENEW_AT_MOST_EVERY, settings.JOB_LEASE_SECONDS / 3)
        try:
            while not self.stopped.wait(interval):
                self._renew()
        finally:
            connections.close_all()  # this thread's connections only

    def _renew(self) -> None:
        # The cancel is read first: a read goes on while the handler writes (SQLite's WAL), a renewal may wait.
        try:
            if JobLease.objects.filter(job_id=self.job_id, cancel_requested_at__isnull=False).exists():
                self.cancelled.set()
            JobLease.objects.filter(job_id=self.job_id, worker=self.worker, attempt=self.attempt).update(
                expires_at=_lease_until(timezone.now())
            )
        except DatabaseError as exc:  # a busy SQLite: the next round renews, well before the lease lapses
            logger.warning("job %s: lease not renewed (%s)", self.job_id, type(exc).__name__)


def _throttled_progress(owned: QuerySet[Job], lease: _Lease) -> Progress:
    last = [0.0]

    def report(done: int, total: int | None, message: str) -> None:
        if lease.cancelled.is_set():
            raise JobCancelled
        now = time.monotonic()
        if now - last[0] < PROGRESS_INTERVAL and (total is None or done < total):
            return
        last[0] = now
        owned.update(done=done, total=total, message=message[:255])

    return report


def _claim(job_id: str, worker: str) -> Job | None:
    """Take a queued job for this worker; None when it was cancelled or another worker has it."""
    now = timezone.now()
    with transaction.atomic():
        claimed = Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
            status=JobStatus.RUNNING, attempts=F("attempts") + 1, started_at=now
        )
        if not claimed:
            return None
        job = Job.objects.get(pk=job_id)
        JobLease.objects.update_or_create(
            job=job, defaults={"worker": worker, "attempt": job.attempts, "expires_at": _lease_until(now)}
        )
    return job


def job_run(job_id: str, *, worker: str = "") -> None:
    """Run one job to its end, recording success or the failure; called by the worker."""
    worker = worker or worker_name()
    job = _claim(job_id, worker)
    if job is None:
        return
    # Every later write names this run: once the job was taken back from us, they change nothing.
    owned = Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING, attempts=job.attempts)
    lease = _Lease(job, worker)
    try:
        with lease:
            result = _resolve(job.kind)(job, _throttled_progress(owned, lease))
    except JobCancelled:
        _end(job, owned, JobStatus.CANCELLED, message=ERR_CANCELLED, cancel_requested_at=timezone.now())
    except (DomainError, TableError) as exc:  # the input was refused: the message the CLI gives for it
        _end(
            job,
            owned,
            JobStatus.FAILED,
            message=exc.message[:255],
            error=f"{exc.code}: {exc.message}",
            result={"error": exc.message, "code": exc.code},
        )
    except Exception as exc:  # a job's failure is recorded for its owner, never lost in a worker log
        # The exception's text can quote a stored row (a NIK in an IntegrityError): only its type is logged.
        logger.error("job %s (%s) failed: %s", job.pk, job.kind, type(exc).__name__)
        _end(job, owned, JobStatus.FAILED, message=ERR_UNEXPECTED, error=f"{type(exc).__name__}: {exc}")
    else:
        _end(job, owned, JobStatus.DONE, result=result, message="", done=Coalesce(F("total"), F("done")))


@task()
def run_job(job_id: str) -> None:
    """The one django-tasks task: a worker of its database backend runs a job by its id (`job_run`)."""
    job_run(job_id)


def _end(job: Job, owned: QuerySet[Job], status: str, **fields: Any) -> bool:
    with transaction.atomic():
        ended = owned.update(status=status, finished_at=timezone.now(), **fields)
        if ended:
            JobLease.objects.filter(job_id=job.pk).delete()
    if ended:
        _release(job, status)
    return bool(ended)


def _release(job: Job, status: str) -> None:
    """What every ending does: the upload goes unless a dry run waits for its confirmation; apps release."""
    job.refresh_from_db()
    path = job.params.get("path") if job.kind.startswith("import.") else None
    keep = status == JobStatus.DONE and job.params.get("dry_run") and not (job.result or {}).get("error")
    if path and not keep:
        Path(path).unlink(missing_ok=True)
    job_ended.send(sender=Job, job=job, status=status)


# -- faults: workers that died, operators who cancel ---------------------------------------------------------------


def jobs_reclaim(*, now: datetime | None = None) -> list[Job]:
    """Take back every running job whose lease lapsed: queue it again, or end it when it may not run again.

    Any worker calls this now and then; two calling it at once take each job back once (the lease row is
    deleted by exactly one of them).
    """
    now = now or timezone.now()
    taken = []
    for lease in JobLease.objects.filter(expires_at__lt=now, job__status=JobStatus.RUNNING):
        job = _take_back(lease, now)
        if job is not None:
            taken.append(job)
    return taken


def _take_back(lease: JobLease, now: datetime) -> Job | None:
    with transaction.atomic():
        if not JobLease.objects.filter(pk=lease.pk, attempt=lease.attempt, expires_at__lt=now).delete()[0]:
            return None  # renewed meanwhile, or another worker took it back first
        owned = Job.objects.filter(pk=lease.pk, status=JobStatus.RUNNING, attempts=lease.attempt)
        job = owned.first()
        if job is None:
            return None
        if lease.cancel_requested_at is not None:
            status, fields = JobStatus.CANCELLED, {"message": ERR_CANCELLED, "cancel_requested_at": now}
        elif job.attempts >= settings.JOB_MAX_ATTEMPTS:
            message = ERR_GAVE_UP.format(n=job.attempts)
            status, fields = JobStatus.FAILED, {"message": message, "error": f"worker_lost: {message}"}
        else:
            message = MSG_RETRY.format(n=job.attempts + 1, max=settings.JOB_MAX_ATTEMPTS)
            owned.update(status=JobStatus.QUEUED, message=message)
            _enqueue(str(job.pk))
            logger.warning("job %s: worker %s lost, queued again", job.pk, lease.worker)
            return job
        owned.update(status=status, finished_at=now, **fields)
    logger.warning("job %s: worker %s lost, job ended %s", job.pk, lease.worker, status)
    _release(job, status)
    return job


def job_cancel(*, job: Job, actor: Any) -> Job:
    """Cancel a job: a queued one ends now; a running one stops at its next progress report, rolled back.

    Nothing here waits for the job row: a running import's transaction may hold it until it commits.
    """
    with transaction.atomic(durable=True):
        job = Job.objects.get(pk=job.pk)
        before, now = job.status, timezone.now()
        ended = bool(
            Job.objects.filter(pk=job.pk, status=JobStatus.QUEUED).update(
                status=JobStatus.CANCELLED, finished_at=now, message=ERR_CANCELLED, cancel_requested_at=now
            )
        )
        asked = ended or bool(
            JobLease.objects.filter(job_id=job.pk, job__status=JobStatus.RUNNING).update(
                cancel_requested_at=now
            )
        )
        if not asked:
            raise DomainError("pekerjaan_selesai", ERR_FINISHED)
        log_action(
            actor=actor,
            action="jobs.job.cancel",
            object_type="job",
            object_id=job.pk,
            region_code=job.region_code,
            before={"status": before},
            after={"status": JobStatus.CANCELLED if ended else before, "cancel_requested": True},
        )
    if ended:
        _release(job, JobStatus.CANCELLED)
    job.refresh_from_db()
    return job


def job_cancelling(job: Job) -> bool:
    """Whether an operator asked a running job to stop and it has not stopped yet."""
    return JobLease.objects.filter(job_id=job.pk, cancel_requested_at__isnull=False).exists()


def reclaim_forever(interval: float) -> None:
    """A worker's companion thread: beat, and take back lapsed jobs, every `interval` seconds, for the process's
    life. The beat is the worker's sign of life on /healthz; beats older than a day are swept."""
    name = worker_name()
    while True:
        try:
            now = timezone.now()
            WorkerBeat.objects.update_or_create(name=name, defaults={"beat_at": now})
            WorkerBeat.objects.filter(beat_at__lt=now - timedelta(days=1)).delete()
            jobs_reclaim()
        except DatabaseError as exc:  # the database is away or busy: try again next round
            logger.warning("reclaim skipped (%s)", type(exc).__name__)
        finally:
            connections.close_all()
        time.sleep(interval)


def jobs_prune(*, kind: str, finished_before: datetime) -> int:
    """Delete the done jobs of a kind that finished before a time (a frequent job keeps an hour, not a day)."""
    deleted, _ = Job.objects.filter(
        kind=kind, status=JobStatus.DONE, finished_at__lt=finished_before
    ).delete()
    return deleted
