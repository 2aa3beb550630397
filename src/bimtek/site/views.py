import logging
import uuid
from pathlib import Path

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden, JsonResponse
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

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
from bimtek.lib.windows import count_in_window
from bimtek.site.csp_reports import MAX_BYTES, ReportError, read_reports
from bimtek.site.forms import ImportForm

csp_log = logging.getLogger("bimtek.csp")


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


@public
@csrf_exempt  # a browser posts its report without a form, and it changes nothing stored
@require_POST
def csp_report(request: HttpRequest) -> HttpResponse:
    """Where browsers report what the Content-Security-Policy refused: logged as `bimtek.csp` warnings,
    without any page address (csp_reports). 204 when read, 400 with a code for what is not a report, 429
    past `CSP_REPORTS_PER_MINUTE` from one address."""
    if not _within_report_quota(request.META.get("REMOTE_ADDR", "")):
        return JsonResponse({"code": "throttled", "detail": "too many reports; try later"}, status=429)
    try:
        refusals = read_reports(
            request.read(MAX_BYTES + 1),
            request.content_type or "",
            own=request.get_host().rsplit(":", 1)[0].strip("[]").lower(),
            view_of=_view_of,
        )
    except ReportError as error:
        status = 413 if error.code == "too_large" else 400
        return JsonResponse({"code": error.code, "field": error.field, "detail": error.detail}, status=status)
    for refusal in refusals:
        csp_log.warning(
            "csp refused directive=%s blocked=%s page=%s source=%s line=%s",
            refusal.directive, refusal.blocked, refusal.page, refusal.source or "-", refusal.line or "-",
        )  # fmt: skip
    return HttpResponse(status=204)


def _view_of(path: str) -> str:
    try:
        return resolve(path).view_name
    except Resolver404:
        return ""


def _within_report_quota(client: str) -> bool:
    return count_in_window(f"site.csp_report:{client}", 60) <= settings.CSP_REPORTS_PER_MINUTE
