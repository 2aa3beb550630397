import uuid
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bimtek.accounts.access import (
    Ability,
    abilities_of,
    is_participant_only,
    may,
    public,
    requires,
    scoped_get,
    signed_in,
)
from bimtek.accounts.scoping import scope_of
from bimtek.audit import words
from bimtek.audit.models import AuditEntry
from bimtek.core.forms import ImportForm
from bimtek.elections.models import Election
from bimtek.jobs.health import health_report
from bimtek.jobs.models import Job
from bimtek.jobs.services import job_cancel, job_cancelling, job_start
from bimtek.lib.errors import DomainError


@signed_in
def home(request: HttpRequest) -> HttpResponse:
    election = Election.objects.first()
    if election is None:
        return render(request, "core/no_election.html")
    scope = scope_of(request.user)
    if scope.nothing:
        return render(request, "core/no_role.html", status=403)
    if is_participant_only(request.user):
        return redirect("participants:home")
    if scope.region_code:
        return redirect("regions:detail", slug=election.slug, code=scope.region_code)
    return redirect("regions:national", slug=election.slug)


def _upload_path(name: str) -> Path:
    folder = Path(settings.MEDIA_ROOT) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    # The stored name is random: an operator's file name can hold anything, including a NIK.
    return folder / f"{uuid.uuid4().hex}{Path(name).suffix.lower()}"


@requires(Ability.OPERATE)
def import_new(request: HttpRequest) -> HttpResponse:
    if not may(request.user, Ability.OPERATE):
        return HttpResponseForbidden()
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        path = _upload_path(upload.name)
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        job = _start_import(request, form.cleaned_data, path, upload.name)
        return redirect("core:job", pk=job.pk)
    return render(request, "core/import_new.html", {"form": form})


def _start_import(request: HttpRequest, data: dict[str, object], path: Path, filename: str) -> Job:
    scope = scope_of(request.user)
    election = data["election"]
    what = data["what"]
    mode = "periksa" if data["dry_run"] else "impor"
    return job_start(
        kind=f"import.{what}",
        title=f"{mode.capitalize()} {'petugas' if what == 'people' else 'TPS'}: {filename}",
        params={
            "path": str(path),
            "filename": filename,
            "election_id": election.pk,  # type: ignore[attr-defined]
            "dry_run": data["dry_run"],
            "keep_good_rows": data["keep_good_rows"],
            "region_code": scope.region_code or "",
        },
        actor=request.user,
        region_code=scope.region_code or "",
    )


@requires(Ability.OPERATE)
@require_POST
def job_confirm(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Store what a dry run checked: the same file, run again for real."""
    job = scoped_get(request, Job.objects, pk=pk)
    if not may(request.user, Ability.OPERATE) or not job.params.get("dry_run") or not job.is_finished:
        return HttpResponseForbidden()
    if not Path(job.params["path"]).exists():
        messages.error(request, "Berkas pemeriksaan sudah tidak ada; unggah ulang")
        return redirect("core:import")
    params = {**job.params, "dry_run": False, "keep_good_rows": request.POST.get("keep_good_rows") == "on"}
    new = job_start(
        kind=job.kind,
        title=job.title.replace("Periksa", "Impor", 1),
        params=params,
        actor=request.user,
        region_code=job.region_code,
    )
    return redirect("core:job", pk=new.pk)


@requires(Ability.VIEW_REGION)
def job_detail(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    job = scoped_get(request, Job.objects, pk=pk)
    return render(
        request,
        "core/job_detail.html",
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
    return redirect("core:job", pk=job.pk)


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
    return render(request, "core/job_list.html", {"jobs": jobs})


@requires(Ability.OPERATE)
def audit_list(request: HttpRequest) -> HttpResponse:
    entries = AuditEntry.objects.visible_to(request.user).select_related("actor")
    action = request.GET.get("action", "")
    if action:
        entries = entries.filter(action__startswith=action)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    actions = sorted(((code, str(label)) for code, label in words.ACTIONS.items()), key=lambda a: a[1])
    return render(request, "core/audit_list.html", {"page": page, "action": action, "actions": actions})


@public
def healthz(request: HttpRequest) -> JsonResponse:
    """For the proxy and the monitor: the database, the queue, the workers' heartbeat (docs/deploy.md)."""
    healthy, report = health_report()
    return JsonResponse(report, status=200 if healthy else 503)
