import uuid
from pathlib import Path

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden, JsonResponse
from django.shortcuts import redirect, render

from bimtek.accounts.access import (
    FACILITATOR_ROLES,
    Ability,
    is_participant_only,
    may,
    public,
    requires,
    signed_in,
)
from bimtek.accounts.scoping import scope_of
from bimtek.delivery import selectors as delivery
from bimtek.elections.models import Election
from bimtek.jobs.health import health_report
from bimtek.jobs.models import Job
from bimtek.jobs.services import job_start
from bimtek.lib import clock
from bimtek.site.forms import ImportForm


@signed_in
def home(request: HttpRequest) -> HttpResponse:
    election = Election.objects.first()
    if election is None:
        return render(request, "site/no_election.html")
    scope = scope_of(request.user)
    if scope.nothing:
        return render(request, "site/no_role.html", status=403)
    if is_participant_only(request.user):
        return redirect("participants:home")
    if getattr(request.user, "role", "") in FACILITATOR_ROLES and delivery.sessions_to_keep(
        request.user, clock.today(), 1
    ):
        # On a session day a PPK or PPS signs in to check people in: their list of sessions first.
        return redirect("delivery:my_sessions")
    if scope.region_code:
        return redirect("workforce:region", slug=election.slug, code=scope.region_code)
    return redirect("workforce:region_national", slug=election.slug)


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
        return redirect("jobs:job", pk=job.pk)
    return render(request, "site/import_new.html", {"form": form})


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
            "election_id": election.pk,  # type: ignore[attr-defined]  # the form's cleaned_data is dict[str, object]; "election" is an Election
            "dry_run": data["dry_run"],
            "keep_good_rows": data["keep_good_rows"],
            "region_code": scope.region_code or "",
        },
        actor=request.user,
        region_code=scope.region_code or "",
    )


@public
def healthz(request: HttpRequest) -> JsonResponse:
    """For the proxy and the monitor: the database, the queue, the workers' heartbeat (docs/deploy.md)."""
    healthy, report = health_report()
    return JsonResponse(report, status=200 if healthy else 503)
