"""An operator cancels a job from its page or with `bimtek job cancel`: a queued job ends at once, a running
one stops at its next step with its transaction rolled back, and what it held (the plan) is released."""

import json
import time
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test import Client
from django.urls import reverse

from bimtek.accounts.models import User
from bimtek.audit.models import AuditEntry
from bimtek.elections.models import Election
from bimtek.jobs import services
from bimtek.jobs.models import Job, JobStatus
from bimtek.jobs.services import job_cancel, job_run, job_start
from bimtek.lib.reports import Progress
from bimtek.planner.models import PlanStatus, TrainingPlan
from bimtek.planner.services import plan_enqueue
from bimtek.planner.tests.test_page_plan import create_plan

pytestmark = pytest.mark.django_db


def queued_plan(election: Election, actor: User) -> tuple[TrainingPlan, Job]:
    client = Client()
    client.force_login(actor)
    plan = create_plan(client, election)
    return plan, plan_enqueue(plan=plan, actor=actor)  # on_commit never runs here: the job stays queued


def test_it_cancels_a_queued_plan_from_the_cli_and_frees_the_plan(pemilu: Election, kpu_beltim: User) -> None:
    plan, job = queued_plan(pemilu, kpu_beltim)
    out = StringIO()
    call_command("job", "cancel", str(job.pk), "--json", stdout=out)
    assert json.loads(out.getvalue())["status"] == JobStatus.CANCELLED
    job.refresh_from_db()
    plan.refresh_from_db()
    assert job.status == JobStatus.CANCELLED and job.message == "Dibatalkan oleh operator"
    assert plan.status == PlanStatus.FAILED  # not "queued" for ever: it can be solved again
    assert AuditEntry.objects.filter(action="jobs.job.cancel", object_id=str(job.pk)).exists()

    job_run(str(job.pk))  # its task, run late by a worker, does nothing
    job.refresh_from_db()
    assert job.status == JobStatus.CANCELLED and job.attempts == 0

    again = StringIO()
    with pytest.raises(CommandError) as refused:
        call_command("job", "cancel", str(job.pk), "--json", stdout=again)
    assert refused.value.returncode == 1 and json.loads(again.getvalue())["code"] == "pekerjaan_selesai"


def test_it_cancels_from_the_page_only_for_a_writer_of_the_region(
    pemilu: Election, kpu_beltim: User, pps_lenggang: User
) -> None:
    _, job = queued_plan(pemilu, kpu_beltim)
    owner = Client()
    owner.force_login(kpu_beltim)
    page = owner.get(reverse("jobs:job", args=[job.pk])).content.decode()
    assert "Batalkan pekerjaan" in page

    reader = Client()
    reader.force_login(pps_lenggang)  # a PPS of a desa in Beltim: not this job's region
    assert reader.post(reverse("jobs:job_cancel", args=[job.pk])).status_code == 404

    response = owner.post(reverse("jobs:job_cancel", args=[job.pk]))
    assert response.status_code == 302
    page = owner.get(response["Location"]).content.decode()
    assert "Dibatalkan oleh operator" in page and "Batalkan pekerjaan" not in page


def slow_handler(job: Job, progress: Progress) -> dict[str, Any]:
    """A long job that writes in one transaction and reports progress as it goes; the operator cancels it."""
    job_cancel(job=job, actor="operator")  # (from inside, so the test needs no second thread)
    with transaction.atomic():
        AuditEntry.objects.create(action="test.half_written")
        for step in range(200):
            progress(step, 200, "Bekerja")
            time.sleep(0.05)
    return {"steps": 200}


@pytest.mark.django_db(transaction=True)
def test_it_stops_a_running_job_at_its_next_step_and_rolls_it_back(
    monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    settings.JOB_LEASE_SECONDS = 2  # the lease thread looks for a cancel every 2/3 s
    monkeypatch.setitem(services.HANDLERS, "test.slow", f"{__name__}:slow_handler")
    job = job_start(kind="test.slow", title="Lama", params={}, actor=None)  # autocommit: runs at once
    job.refresh_from_db()
    assert job.status == JobStatus.CANCELLED and job.attempts == 1
    assert job.done < 200
    assert not AuditEntry.objects.filter(action="test.half_written").exists()
