"""The job pages: the list, one job's progress and result, confirming a dry run, cancelling."""

import uuid
from pathlib import Path

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bimtek.accounts.access import Ability, abilities_of, may, requires, scoped_get
from bimtek.jobs.models import Job
from bimtek.jobs.services import job_cancel, job_cancelling, job_start
from bimtek.lib.errors import DomainError


@requires(Ability.OPERATE)
@require_POST
def job_confirm(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Store what a dry run checked: the same file, run again for real."""
    job = scoped_get(request, Job.objects, pk=pk)
    if not may(request.user, Ability.OPERATE) or not job.params.get("dry_run") or not job.is_finished:
        return HttpResponseForbidden()
    if not Path(job.params["path"]).exists():
        messages.error(request, "Berkas pemeriksaan sudah tidak ada; unggah ulang")
        return redirect("site:import")
    params = {**job.params, "dry_run": False, "keep_good_rows": request.POST.get("keep_good_rows") == "on"}
    new = job_start(
        kind=job.kind,
        title=job.title.replace("Periksa", "Impor", 1),
        params=params,
        actor=request.user,
        region_code=job.region_code,
    )
    return redirect("jobs:job", pk=new.pk)


@requires(Ability.VIEW_REGION)
def job_detail(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    job = scoped_get(request, Job.objects, pk=pk)
    return render(
        request,
        "jobs/job_detail.html",
        {
            "job": job,
            "result": job.result or {},
            "can_cancel": _may_cancel(request, job),
            "cancelling": job_cancelling(job),
        },
    )


def _may_cancel(request: HttpRequest, job: Job) -> bool:
    """Who started the job, or an operator of its region (scoped_get already checked the region)."""
    return job.created_by_id == request.user.pk or Ability.OPERATE in abilities_of(request.user)


@requires(Ability.VIEW_REGION)  # and, inside, the job's starter or an operator
@require_POST
def job_cancel_view(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    job = scoped_get(request, Job.objects, pk=pk)
    if not _may_cancel(request, job):
        return HttpResponseForbidden()
    try:
        job_cancel(job=job, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Pembatalan pekerjaan dicatat."))
    return redirect("jobs:job", pk=job.pk)


@requires(Ability.VIEW_REGION)
def job_status(request: HttpRequest, pk: uuid.UUID) -> JsonResponse:
    job = scoped_get(request, Job.objects, pk=pk)
    return JsonResponse(
        {
            "status": job.status,
            "done": job.done,
            "total": job.total,
            "percent": job.percent,
            "message": job.message,
            "finished": job.is_finished,
        }
    )


@requires(Ability.VIEW_REGION)
def job_list(request: HttpRequest) -> HttpResponse:
    jobs = Job.objects.visible_to(request.user)[:100]
    return render(request, "jobs/job_list.html", {"jobs": jobs})
