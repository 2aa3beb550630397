"""Pages of the assessment: a test form's sitting in a region, as its facilitators run it.

The form's page with its attempts (`form_detail`), issuing attempts online or on paper (`form_issue`),
the answer sheets as a PDF or a job and its file (`form_sheets`, `form_sheets_file`), and importing the
paper answers (`form_answers_import`). A PPK/PPS runs the tests of those they train, in their scope.
"""

import io
import uuid
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from bimtek.accounts.access import Ability, may, requires, scoped_get
from bimtek.accounts.scoping import region_filter
from bimtek.assessment import attempts as attempt_services
from bimtek.assessment import paper, sheets
from bimtek.assessment.forms import TestFormSettingsForm, UploadForm
from bimtek.assessment.models import Attempt, AttemptMode, TestForm
from bimtek.assessment.views import _can_edit_curriculum, _can_facilitate, _region, _require_tests_of, _scope
from bimtek.jobs.selectors import jobs_of_kind
from bimtek.jobs.services import job_start
from bimtek.lib.errors import DomainError
from bimtek.lib.tabular import TableError
from bimtek.regions.models import Region


@requires(Ability.FACILITATE)
@require_POST
def form_issue(request: HttpRequest, pk: int) -> HttpResponse:
    scope = _scope(request)
    form = get_object_or_404(TestForm.objects.select_related("program"), pk=pk)
    _require_tests_of(request, form)
    code = _region(request, scope)
    if not _can_facilitate(request):
        return HttpResponseForbidden()
    mode = AttemptMode.PAPER if request.POST.get("mode") == "paper" else AttemptMode.ONLINE
    try:
        made = attempt_services.attempts_issue(
            form=form, region_code=code, mode=mode, actor=request.user, scope=scope
        )
        messages.success(request, f"{made} peserta mendapat tes baru")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(f"{reverse('assessment:form', args=[form.pk])}?region={code}")


@requires(Ability.FACILITATE)
def form_detail(request: HttpRequest, pk: int) -> HttpResponse:
    scope = _scope(request)
    form = get_object_or_404(TestForm.objects.select_related("program__election"), pk=pk)
    _require_tests_of(request, form)
    code = _region(request, scope)
    attempts = Attempt.objects.visible_to(request.user).filter(form=form).select_related("person")
    if code:
        attempts = attempts.filter(region_filter("region__code", code))
    page = Paginator(attempts.order_by("region_id", "person__name", "number"), 50).get_page(
        request.GET.get("page")
    )
    return _render_form_detail(
        request,
        form,
        page=page,
        region_code=code,
        can_facilitate=_can_facilitate(request),
        upload=UploadForm(),
    )


@requires(Ability.FACILITATE)
def form_sheets(request: HttpRequest, pk: int) -> HttpResponse:
    """The unfinished attempts' answer sheets: a PDF at once up to SHEETS_INLINE, else a job started by a
    POST from the page this answers (a GET never starts work)."""
    scope = _scope(request)
    form = get_object_or_404(TestForm.objects.select_related("program__election"), pk=pk)
    _require_tests_of(request, form)
    code = _region(request, scope)
    if not _can_facilitate(request):
        return HttpResponseForbidden()
    attempts = sheets.sheet_attempts(request.user, form, code)
    count = attempts.count()
    take_url = request.build_absolute_uri(reverse("assessment:take", args=["X"])).removesuffix("X/")
    if request.method == "POST" and count:
        job = job_start(
            kind=sheets.JOB_KIND,
            title=f"Lembar jawaban · {form} · {count:,}".replace(",", "."),
            params={"form_id": form.pk, "region_code": code, "take_url": take_url},
            actor=request.user,
            region_code=code,
        )
        return redirect(reverse("jobs:job", args=[job.pk]))
    if count and count <= sheets.SHEETS_INLINE:
        pdf = paper.sheets_pdf(attempts=list(attempts), take_url=take_url)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{sheets.filename(form, code)}"'
        return response
    region = Region.objects.filter(code=code).first() if code else None
    context = {
        "form": form,
        "count": count,
        "region_code": code,
        "region": region,
        "inline": sheets.SHEETS_INLINE,
    }
    return render(request, "assessment/sheets_offer.html", context)


@requires(Ability.FACILITATE)
def form_sheets_file(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    job = scoped_get(request, jobs_of_kind(sheets.JOB_KIND), pk=pk)
    if job.created_by_id != request.user.pk and not may(request.user, Ability.OPERATE):
        raise Http404  # a facilitator's batch holds only what they may see
    path = sheets.job_file(job)
    if path is None:
        raise Http404
    filename = (job.result or {}).get("filename") or path.name
    return FileResponse(
        path.open("rb"), as_attachment=True, filename=filename, content_type="application/pdf"
    )


@requires(Ability.FACILITATE)
@require_POST
def form_answers_import(request: HttpRequest, pk: int) -> HttpResponse:
    scope = _scope(request)
    form = get_object_or_404(TestForm.objects.select_related("program__election"), pk=pk)
    _require_tests_of(request, form)
    if not _can_facilitate(request):
        return HttpResponseForbidden()
    upload = UploadForm(request.POST, request.FILES)
    report = None
    if upload.is_valid():
        f = upload.cleaned_data["file"]
        try:
            report = paper.answers_import(
                form=form,
                source=io.BytesIO(f.read()),
                filename=f.name,
                actor=request.user,
                scope=scope,
                dry_run=upload.cleaned_data["dry_run"],
                keep_good_rows=upload.cleaned_data["keep_good_rows"],
            )
        except TableError as exc:
            messages.error(request, exc.message)
    attempts = Attempt.objects.visible_to(request.user).filter(form=form).select_related("person")
    page = Paginator(attempts.order_by("region_id", "person__name"), 50).get_page(1)
    return _render_form_detail(
        request,
        form,
        page=page,
        region_code=scope.region_code or "",
        can_facilitate=True,
        upload=upload,
        report=report,
    )


def _render_form_detail(
    request: HttpRequest,
    form: TestForm,
    *,
    page: Any,
    region_code: str,
    can_facilitate: bool,
    upload: Any,
    report: Any = None,
) -> HttpResponse:
    settings_form = TestFormSettingsForm(
        initial={
            "mode": form.mode,
            "time_limit_minutes": form.time_limit_minutes,
            "max_attempts": form.max_attempts,
            "shuffle_options": form.shuffle_options,
        }
    )
    context = {
        "form": form,
        "program": form.program,
        "election": form.program.election,
        "page": page,
        "region_code": region_code,
        "can_facilitate": can_facilitate,
        "upload": upload,
        "report": report,
        "blueprint": attempt_services.blueprint(form),
        "can_edit": _can_edit_curriculum(request),
        "can_operate": may(request.user, Ability.OPERATE),
        "settings_form": settings_form,
    }
    return render(request, "assessment/form_detail.html", context)
