"""Solving a plan as a background job: the web request only queues it."""

from typing import Any

from bimtek.jobs.models import Job
from bimtek.lib.reports import Progress
from bimtek.planner.models import TrainingPlan
from bimtek.planner.services import DEFAULT_TIME_LIMIT, plan_solve


def run_plan(job: Job, progress: Progress) -> dict[str, Any]:
    plan = TrainingPlan.objects.select_related("election", "region").get(pk=job.params["plan_id"])
    time_limit = float(job.params.get("time_limit", DEFAULT_TIME_LIMIT))
    result = plan_solve(plan=plan, actor=job.created_by or "sistem", time_limit=time_limit, progress=progress)
    return {**result, "url": f"/rencana/{plan.pk}/"}
