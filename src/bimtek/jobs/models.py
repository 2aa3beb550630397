import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bimtek.accounts.scoping import ScopedQuerySet


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Menunggu")
    RUNNING = "running", _("Berjalan")
    DONE = "done", _("Selesai")
    FAILED = "failed", _("Gagal")
    CANCELLED = "cancelled", _("Dibatalkan")


FINISHED = (JobStatus.DONE, JobStatus.FAILED, JobStatus.CANCELLED)


class JobQuerySet(ScopedQuerySet["Job"]):
    pass


class Job(models.Model):
    """Long work (an import, a plan, a certificate batch) and how far it has got."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=40)
    title = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    params = models.JSONField(default=dict)
    done = models.PositiveBigIntegerField(default=0)
    total = models.PositiveBigIntegerField(null=True, blank=True)
    message = models.CharField(max_length=255, blank=True)
    result = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    region_code = models.CharField(max_length=13, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)  # runs started, counting those a dead worker left
    cancel_requested_at = models.DateTimeField(null=True, blank=True)  # when an operator cancelled it

    objects = JobQuerySet.as_manager()
    scope_region_field = "region_code"
    scope_person_field = "created_by__person"

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_status_display()})"

    @property
    def percent(self) -> int | None:
        if not self.total:
            return None
        return min(100, int(100 * self.done / self.total))

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED


class JobLease(models.Model):
    """Which worker runs a job, until when. The worker renews it; once it lapses the job is taken back.

    A row of its own, not columns of Job: a handler's transaction may hold the job row's lock (its progress
    writes), and the renewal must never wait for it.
    """

    job = models.OneToOneField(Job, primary_key=True, on_delete=models.CASCADE, related_name="lease")
    worker = models.CharField(max_length=64)
    attempt = models.PositiveSmallIntegerField()
    expires_at = models.DateTimeField(db_index=True)
    # Asked here, not on the job row, which a running handler's transaction may hold locked for minutes.
    cancel_requested_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.job_id} @ {self.worker} until {self.expires_at:%H:%M:%S}"


class WorkerBeat(models.Model):
    """A job worker's heartbeat, written every round of its reclaim thread; /healthz reports its age."""

    name = models.CharField(max_length=64, primary_key=True)
    beat_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.name} at {self.beat_at:%H:%M:%S}"
