"""What the apps above read and prune of jobs (jobs.selectors, jobs.services.jobs_prune)."""

import datetime as dt

import pytest
from django.utils import timezone

from bimtek.accounts.models import User
from bimtek.jobs.models import Job, JobStatus
from bimtek.jobs.selectors import job_waiting, jobs_of_kind, jobs_visible_to
from bimtek.jobs.services import jobs_prune

pytestmark = pytest.mark.django_db


def test_a_waiting_job_is_found_by_its_kind_and_parameters() -> None:
    Job.objects.create(kind="readiness.touch", title="t", params={"election_id": 1})
    Job.objects.create(kind="readiness.touch", title="t", params={"election_id": 2}, status=JobStatus.RUNNING)
    assert job_waiting("readiness.touch", election_id=1)
    assert not job_waiting("readiness.touch", election_id=2)  # running, no longer waiting
    assert not job_waiting("readiness.touch", election_id=3)
    assert not job_waiting("certificates.issue", election_id=1)
    assert set(jobs_of_kind("readiness.touch").values_list("params__election_id", flat=True)) == {1, 2}


def test_pruning_deletes_only_old_done_jobs_of_the_kind() -> None:
    now = timezone.now()
    old = now - dt.timedelta(hours=2)
    keep_recent = Job.objects.create(kind="k", title="t", status=JobStatus.DONE, finished_at=now)
    gone = Job.objects.create(kind="k", title="t", status=JobStatus.DONE, finished_at=old)
    failed = Job.objects.create(kind="k", title="t", status=JobStatus.FAILED, finished_at=old)
    other = Job.objects.create(kind="other", title="t", status=JobStatus.DONE, finished_at=old)
    assert jobs_prune(kind="k", finished_before=now - dt.timedelta(hours=1)) == 1
    assert set(Job.objects.values_list("pk", flat=True)) == {keep_recent.pk, failed.pk, other.pk}
    assert not Job.objects.filter(pk=gone.pk).exists()


def test_a_user_sees_the_jobs_of_their_region(kpu_beltim: User, kpu_purbalingga: User) -> None:
    mine = Job.objects.create(kind="k", title="t", region_code="19.06.02")
    Job.objects.create(kind="k", title="t", region_code="33.03")
    assert list(jobs_visible_to(kpu_beltim)) == [mine]
