"""Solving a plan as a background job: the web request only queues it."""

from typing import Any

from bimtek.jobs.models import Job, JobStatus
from bimtek.lib.reports import Progress
from bimtek.planner.models import PlanStatus, TrainingPlan
from bimtek.planner.services import DEFAULT_TIME_LIMIT, plan_solve


def run_plan(job: Job, progress: Progress) -> dict[str, Any]:
    plan = TrainingPlan.objects.select_related("election", "region").get(pk=job.params["plan_id"])
    time_limit = float(job.params.get("time_limit", DEFAULT_TIME_LIMIT))
    result = plan_solve(plan=plan, actor=job.created_by or "sistem", time_limit=time_limit, progress=progress)
    return {**result, "url": f"/rencana/{plan.pk}/"}


def release_plan(sender: object, *, job: Job, status: str, **kwargs: Any) -> None:
    """A solve that ended without storing (failed, cancelled, its worker lost) no longer holds the plan.

    plan_solve marks its own failures; this covers a run that never reached it or never came back, so the
    plan can be solved again instead of staying "solving" for ever.
    """
    if job.kind != "plan.solve" or status == JobStatus.DONE:
        return
    TrainingPlan.objects.filter(job=job, status__in=(PlanStatus.QUEUED, PlanStatus.SOLVING)).update(
        status=PlanStatus.FAILED
    )
