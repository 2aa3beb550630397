"""The background job `messages.send`: a region's reminders (or invitations) for one day, in the job owner's scope."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bimtek.accounts.scoping import scope_of
from bimtek.jobs.models import Job
from bimtek.lib.reports import Progress
from bimtek.messaging.services import messages_send_region

KIND = "messages.send"


def run_send_job(job: Job, progress: Progress) -> dict[str, Any]:
    params = job.params
    reports = messages_send_region(
        region_code=params["region"],
        day=dt.date.fromisoformat(params["date"]),
        kind=params["kind"],
        channel=params["channel"],
        scope=scope_of(job.created_by),
        actor=job.created_by,
        resend=bool(params.get("resend")),
        progress=progress,
    )
    return {
        "sessions": len(reports),
        "sent": sum(r.sent for r in reports),
        "waiting": sum(r.waiting for r in reports),
        "failed": sum(r.failed for r in reports),
        "already": sum(r.already for r in reports),
        "no_address": sum(len(r.no_address) for r in reports),
    }
