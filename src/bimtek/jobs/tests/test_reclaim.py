"""A job whose worker died (its lease lapsed) is run again by another worker, a bounded number of times.

The worker's death is set up in the database as it leaves it: the job running, a lease that nobody renews.
(jobs/tests/test_worker_killed.py kills real worker processes on PostgreSQL.)
"""

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from bimtek.accounts.models import User
from bimtek.conftest import BELTIM
from bimtek.elections.models import Election
from bimtek.jobs.models import Job, JobLease, JobStatus
from bimtek.jobs.services import jobs_reclaim
from bimtek.planner.models import PlanStatus, TrainingPlan, TrainingSession
from bimtek.planner.services import plan_enqueue
from bimtek.planner.tests.test_page_plan import create_plan
from bimtek.planner.tests.test_product_support import tot_workforce

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def quick_jobs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("bimtek.planner.jobs.DEFAULT_TIME_LIMIT", 1.0)


@pytest.fixture
def plan(pemilu: Election, kpu_beltim: User) -> TrainingPlan:
    tot_workforce(pemilu, BELTIM)
    client = Client()
    client.force_login(kpu_beltim)
    return create_plan(client, pemilu)


def worker_died(job: Job, *, attempts: int, lapsed: dt.timedelta = dt.timedelta(seconds=1)) -> None:
    """What a killed worker leaves: the job running under its lease, the plan solving, and no one renewing."""
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, attempts=attempts, message="Menyimpan sesi"
    )
    JobLease.objects.create(job=job, worker="dead:1", attempt=attempts, expires_at=timezone.now() - lapsed)
    TrainingPlan.objects.filter(job=job).update(status=PlanStatus.SOLVING)


def test_it_runs_the_job_again_once_the_lease_lapsed(
    plan: TrainingPlan, kpu_beltim: User, django_capture_on_commit_callbacks: Any
) -> None:
    job = plan_enqueue(plan=plan, actor=kpu_beltim)  # queued; its task is never run: the worker "died"
    worker_died(job, attempts=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert [j.pk for j in jobs_reclaim()] == [job.pk]
    job.refresh_from_db()
    plan.refresh_from_db()
    assert job.status == JobStatus.DONE and job.attempts == 2, job.error
    assert plan.status == PlanStatus.SOLVED and TrainingSession.objects.filter(plan=plan).count() == 2
    assert not JobLease.objects.exists()


def test_it_leaves_a_job_whose_worker_renews_its_lease(plan: TrainingPlan, kpu_beltim: User) -> None:
    job = plan_enqueue(plan=plan, actor=kpu_beltim)
    worker_died(job, attempts=1, lapsed=dt.timedelta(seconds=-30))  # the lease runs for 30 s more
    assert jobs_reclaim() == []
    job.refresh_from_db()
    assert job.status == JobStatus.RUNNING and job.attempts == 1


def test_it_fails_the_job_after_its_last_try_and_frees_the_plan(
    plan: TrainingPlan, kpu_beltim: User, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.JOB_MAX_ATTEMPTS = 3
    job = plan_enqueue(plan=plan, actor=kpu_beltim)
    worker_died(job, attempts=3)
    jobs_reclaim()
    job.refresh_from_db()
    plan.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.finished_at is not None
    assert job.message == "Pekerja berhenti di tengah pekerjaan ini 3 kali; pekerjaan dihentikan"
    assert plan.status == PlanStatus.FAILED  # no longer "solving": it can be solved again
    with django_capture_on_commit_callbacks(execute=True):
        again = plan_enqueue(plan=plan, actor=kpu_beltim)
    again.refresh_from_db()
    assert again.status == JobStatus.DONE, again.error
