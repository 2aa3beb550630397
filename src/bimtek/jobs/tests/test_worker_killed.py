"""A worker killed (SIGKILL) in the middle of a plan solve and of an import: another worker finishes the job.

Real `bimtek worker` processes on PostgreSQL. To kill a worker at a known point, the test holds a lock on the
table the job stores into: the worker blocks inside its storing transaction, the test sees it waiting in
pg_stat_activity and kills it there. A second worker takes the job back once the (short) lease has lapsed
and runs it again; the transaction of the first died with it, so nothing is stored twice.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test import Client

from bimtek.accounts.models import User
from bimtek.conftest import BELTIM, LENGGANG
from bimtek.elections.models import Election
from bimtek.jobs.models import Job, JobStatus
from bimtek.jobs.services import job_start
from bimtek.planner.models import PlanStatus, TrainingSession
from bimtek.planner.services import plan_enqueue
from bimtek.planner.tests.test_page_plan import create_plan
from bimtek.planner.tests.test_product_support import tot_workforce
from bimtek.regions.models import Region
from bimtek.regions.services import bundled_regions_dir, regions_import
from bimtek.workforce.models import Appointment, Person
from bimtek.workforce.tests.factories import crew_rows, csv_bytes

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

LEASE = 3  # seconds: the workers' lease, short so the test waits little
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def _postgres_only(transactional_db: None, settings: Any) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL-only: set DATABASE_URL to a PostgreSQL server")
    if not Region.objects.exists():  # a transactional test empties the tables the run loaded
        regions_import(path=bundled_regions_dir(), actor="test")
    settings.TASKS = DB_TASKS  # queue in the database, where the worker processes read


def _dsn() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def start_worker(tmp_path: Path) -> Iterator[Callable[[], subprocess.Popen[bytes]]]:
    started: list[subprocess.Popen[bytes]] = []
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bimtek.settings",
        "DATABASE_URL": _dsn(),
        "BIMTEK_DATA_DIR": str(tmp_path / "worker"),
        "SECRET_KEY": django_settings.SECRET_KEY,
        "BIMTEK_JOB_LEASE_SECONDS": str(LEASE),
        "BIMTEK_TASK_BACKEND": "django_tasks_db.DatabaseBackend",
    }

    def start() -> subprocess.Popen[bytes]:
        with (tmp_path / f"worker-{len(started)}.log").open("wb") as log:  # the child keeps its own copy
            worker = subprocess.Popen(  # noqa: S603 - our own module
                [sys.executable, "-m", "bimtek", "worker", "-v", "0"], env=env, stdout=log, stderr=log
            )
        started.append(worker)
        return worker

    yield start
    for worker in started:
        if worker.poll() is None:
            worker.kill()
        worker.wait(timeout=10)


def _wait_for(check: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


def _kill_while_storing(table: str, start_job: Callable[[], Job], start_worker: Callable[[], Any]) -> Job:
    """Start the job under a worker, kill it while it waits to write `table`, and return the job."""
    with psycopg.connect(_dsn()) as lock, psycopg.connect(_dsn(), autocommit=True) as watch:
        lock.execute(f"LOCK TABLE {table} IN EXCLUSIVE MODE")  # reads go on; the worker's first write waits
        job = start_job()
        first = start_worker()

        def waiting_on_lock() -> bool:  # (a connection of its own: one transaction sees one stats snapshot)
            row = watch.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND wait_event_type = 'Lock'"
            ).fetchone()
            return bool(row and row[0])

        _wait_for(waiting_on_lock, 90, f"the worker to wait on {table}")
        assert Job.objects.get(pk=job.pk).status == JobStatus.RUNNING
        os.kill(first.pid, signal.SIGKILL)
        first.wait(timeout=10)
        lock.rollback()
    return job


def _finished(job: Job, timeout: float = 90) -> Job:
    _wait_for(lambda: Job.objects.get(pk=job.pk).is_finished, timeout, f"job {job.pk} to finish")
    return Job.objects.get(pk=job.pk)


def test_it_finishes_a_plan_solve_whose_worker_was_killed(
    pemilu: Election, kpu_beltim: User, start_worker: Callable[[], Any]
) -> None:
    tot_workforce(pemilu, BELTIM)
    client = Client()
    client.force_login(kpu_beltim)
    plan = create_plan(client, pemilu)

    def solve() -> Job:
        job = plan_enqueue(plan=plan, actor=kpu_beltim)
        Job.objects.filter(pk=job.pk).update(params={**job.params, "time_limit": 2})
        return job

    job = _kill_while_storing("planner_trainingsession", solve, start_worker)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SOLVING  # what a dead worker used to leave for ever

    start_worker()
    job = _finished(job, timeout=LEASE + 60)
    assert job.status == JobStatus.DONE, (job.message, job.error)
    assert job.attempts == 2
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SOLVED
    assert TrainingSession.objects.filter(plan=plan).count() == job.result["sessions"] == 2

    again = _finished(plan_enqueue(plan=plan, actor=kpu_beltim))  # the plan is free to solve again
    assert again.status == JobStatus.DONE and again.attempts == 1
    assert TrainingSession.objects.filter(plan=plan).count() == 2


def test_it_finishes_an_import_whose_worker_was_killed(
    beltim_tps: Election, kpu_beltim: User, start_worker: Callable[[], Any]
) -> None:
    upload = Path(django_settings.MEDIA_ROOT) / "imports" / "killed.csv"
    upload.parent.mkdir(parents=True, exist_ok=True)
    upload.write_bytes(csv_bytes(crew_rows(LENGGANG, [1, 2])))

    def start_import() -> Job:
        params = {"path": str(upload), "filename": "petugas.csv", "election_id": beltim_tps.pk}
        return job_start(kind="import.people", title="Impor petugas", params=params, actor=kpu_beltim)

    job = _kill_while_storing("workforce_person", start_import, start_worker)
    assert Person.objects.count() == 0  # the killed run's transaction died with it
    assert upload.exists()  # kept for the next try

    start_worker()
    job = _finished(job, timeout=LEASE + 60)
    assert job.status == JobStatus.DONE, (job.message, job.error)
    assert job.attempts == 2 and job.result["stored"] and job.result["imported"] == 18
    assert Person.objects.count() == 18 and Appointment.objects.count() == 18
    assert not upload.exists()  # the job has ended: its upload goes


def test_a_task_queued_under_the_old_path_still_runs() -> None:
    """Tasks queued by an earlier release name bimtek.jobs.tasks.run_job: that path is the same task."""
    from django.utils.module_loading import import_string

    from bimtek.jobs.services import run_job

    assert import_string("bimtek.jobs.tasks.run_job") is run_job
