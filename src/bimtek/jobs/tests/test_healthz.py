"""`/healthz` for the proxy and the monitor: database, queue backlog, the workers' heartbeat; no login."""

import datetime as dt
from typing import Any

import pytest
from django.db import OperationalError
from django.test import Client
from django.utils import timezone

from bimtek.jobs import health
from bimtek.jobs.models import Job, WorkerBeat

pytestmark = pytest.mark.django_db


def test_it_reports_the_queue_and_a_live_worker(settings: Any) -> None:
    settings.JOB_LEASE_SECONDS = 60
    Job.objects.create(kind="plan.solve", title="Rencana")
    WorkerBeat.objects.create(name="mesin-1:42:ab", beat_at=timezone.now() - dt.timedelta(seconds=5))
    response = Client().get("/healthz")
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    report = response.json()
    assert report["status"] == "ok" and report["database"] == "ok" and report["worker"] == "ok"
    assert report["queue"]["queued"] == 1 and 4 <= report["worker_heartbeat_age_s"] < 60


def test_it_shows_a_worker_that_stopped_beating(settings: Any) -> None:
    settings.JOB_LEASE_SECONDS = 60
    WorkerBeat.objects.create(name="mesin-1:42:ab", beat_at=timezone.now() - dt.timedelta(minutes=5))
    report = Client().get("/healthz").json()
    assert report["worker"] == "stale" and report["worker_heartbeat_age_s"] >= 300
    WorkerBeat.objects.all().delete()
    assert Client().get("/healthz").json()["worker"] == "none"


def test_it_answers_503_without_a_database(monkeypatch: pytest.MonkeyPatch) -> None:
    def away() -> None:
        raise OperationalError("connection refused")

    monkeypatch.setattr(health.connection, "cursor", away)
    response = Client().get("/healthz")
    assert response.status_code == 503 and response.json()["database"] == "unreachable"


def test_it_is_not_redirected_to_https(settings: Any) -> None:
    settings.SECURE_SSL_REDIRECT = True
    assert Client().get("/healthz").status_code == 200
    assert Client().get("/akun/masuk/").status_code == 301
