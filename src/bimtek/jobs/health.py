"""What /healthz reports: the database answers, the queue's backlog, and how long ago a worker last beat.

Nothing personal: counts and ages only. The web answers 503 only when the database is away, since a page
can still be served without a worker; a stale worker shows as `"worker": "stale"` for the operator's monitor.
"""

from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import Max, Min
from django.utils import timezone

from bimtek.jobs.models import Job, JobStatus, WorkerBeat


def health_report() -> tuple[bool, dict[str, Any]]:
    """(healthy, report)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        queued = Job.objects.filter(status=JobStatus.QUEUED).aggregate(oldest=Min("created_at"))
        queued_count = Job.objects.filter(status=JobStatus.QUEUED).count()
        running = Job.objects.filter(status=JobStatus.RUNNING).count()
        last_beat = WorkerBeat.objects.aggregate(last=Max("beat_at"))["last"]
    except DatabaseError as exc:
        return False, {"status": "error", "database": "unreachable", "error": type(exc).__name__}
    now = timezone.now()
    beat_age = (now - last_beat).total_seconds() if last_beat else None
    stale_after = settings.JOB_LEASE_SECONDS  # a worker beats every third of a lease
    oldest = queued["oldest"]
    return True, {
        "status": "ok",
        "database": "ok",
        "queue": {
            "queued": queued_count,
            "running": running,
            "oldest_queued_age_s": round((now - oldest).total_seconds(), 1) if oldest else None,
        },
        "worker": "none" if beat_age is None else ("ok" if beat_age <= stale_after else "stale"),
        "worker_heartbeat_age_s": round(beat_age, 1) if beat_age is not None else None,
    }
