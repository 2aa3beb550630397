"""Batch printouts: the attendance sheets or the ID cards of many sessions in one PDF.

A batch is the sessions of a plan, or of a region (a kecamatan, a kabupaten) on one date or on every date,
as the user may see them. Up to `MAX_INLINE_SESSIONS` sessions print inside the request; a larger batch is
the job `delivery.print` (`run_print_job`), which reports progress per session and leaves the file in the
data directory for `job_file`: a whole kabupaten's sheets take half a minute, longer than a proxy waits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.urls import reverse

from bimtek.delivery import printouts, selectors
from bimtek.elections.models import Election
from bimtek.jobs.files import job_file_path, job_file_write
from bimtek.planner.models import TrainingPlan, TrainingSession
from bimtek.planner.sessions import plans_visible_to
from bimtek.workforce.models import Appointment

MAX_INLINE_SESSIONS = 40  # a kecamatan's sessions of one day print in a request; more is a job's work
JOB_KIND = "delivery.print"
ROSTERS, CARDS = "rosters", "cards"
KIND_LABELS = {ROSTERS: "Daftar hadir", CARDS: "Kartu peserta"}

Progress = Callable[[int, int | None, str], None]


@dataclass(frozen=True)
class PrintRequest:
    """What to print: `kind` (rosters or cards) of a plan's sessions or of a region's (on `day`, or all days)."""

    kind: str
    election_id: int
    region_code: str = ""
    day: dt.date | None = None
    plan_id: int | None = None

    def as_params(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "election_id": self.election_id,
            "region_code": self.region_code,
            "day": self.day.isoformat() if self.day else "",
            "plan_id": self.plan_id,
        }

    @classmethod
    def from_params(cls, params: dict[str, Any]) -> PrintRequest:
        day = params.get("day") or ""
        return cls(
            kind=params["kind"],
            election_id=int(params["election_id"]),
            region_code=params.get("region_code") or "",
            day=dt.date.fromisoformat(day) if day else None,
            plan_id=params.get("plan_id"),
        )

    @property
    def filename(self) -> str:
        stem = "daftar-hadir" if self.kind == ROSTERS else "kartu-peserta"
        where = f"rencana-{self.plan_id}" if self.plan_id else self.region_code
        return f"{stem}-{where}{f'-{self.day:%Y%m%d}' if self.day else ''}.pdf"

    @property
    def title(self) -> str:
        where = f"rencana {self.plan_id}" if self.plan_id else self.region_code
        return f"{KIND_LABELS[self.kind]} {where}{f' {self.day:%d-%m-%Y}' if self.day else ''}"


def sessions_for(user: Any, req: PrintRequest) -> list[TrainingSession]:
    """The sessions of the batch that the user may see, not cancelled, by date, slot and venue."""
    return list(
        selectors.batch_sessions(
            user, req.election_id, region_code=req.region_code, day=req.day, plan_id=req.plan_id
        )
    )


def plan_for(user: Any, pk: int) -> TrainingPlan | None:
    return plans_visible_to(user).select_related("election", "region").filter(pk=pk).first()


@dataclass(frozen=True)
class Built:
    content: bytes
    filename: str
    sessions: int
    people: int


def build(user: Any, req: PrintRequest, progress: Progress | None = None) -> Built:
    """The PDF of the batch; `progress(done, total, message)` after each session is read."""
    sessions = sessions_for(user, req)
    total = len(sessions)
    say = progress or (lambda done, total, message: None)
    say(0, total, "Membaca peserta")
    if req.kind == ROSTERS:
        batch = []
        people: set[int] = set()
        for n, s in enumerate(sessions, start=1):
            participants = list(selectors.participants_in_scope(user, s))
            people.update(a.person_id for a in participants)
            batch.append((s, participants, selectors.session_parts(s)))
            say(n, total, "Membaca peserta")
        say(total, total, "Menyusun PDF")
        return Built(printouts.roster_pdf(batch), req.filename, total, len(people))
    cards: dict[int, Appointment] = {}
    for n, s in enumerate(sessions, start=1):
        for a in selectors.participants_in_scope(user, s):
            cards.setdefault(a.person_id, a)  # each person once, however many sessions they are in
        say(n, total, "Membaca peserta")
    say(total, total, "Menyusun PDF")
    election = Election.objects.only("name").get(pk=req.election_id)
    return Built(printouts.cards_pdf(election.name, list(cards.values())), req.filename, total, len(cards))


FOLDER = "printouts"


def run_print_job(job: Any, progress: Progress) -> dict[str, Any]:
    """Job handler for `delivery.print`: built with the rights of whoever started it; safe to run again
    (it only writes its own file, whole)."""
    req = PrintRequest.from_params(job.params)
    built = build(job.created_by, req, progress)
    job_file_write(job, built.content, folder=FOLDER, suffix=".pdf")
    return {
        "filename": built.filename,
        "sessions": built.sessions,
        "count": built.people,
        "download_url": reverse("delivery:print_file", args=[job.pk]),
    }


def job_file(job: Any) -> Path | None:
    return job_file_path(job, folder=FOLDER, suffix=".pdf")
