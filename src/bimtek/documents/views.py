"""Document pages: the print form (a file at once, or a background job for a large batch), the job's file,
and the KPU admin's templates and rates. Thin views over services and selectors; scoped by region."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from bimtek.accounts.access import Ability, home_region, require_covers, requires, scoped_get
from bimtek.accounts.scoping import scope_of
from bimtek.delivery.batch import MAX_INLINE_SESSIONS
from bimtek.delivery.forms import BatchForm
from bimtek.documents import build, placeholders, selectors, services
from bimtek.documents.forms import PrintForm, RateForm, TemplateForm
from bimtek.documents.models import Kind
from bimtek.elections.selectors import election_or_404
from bimtek.jobs.selectors import jobs_of_kind
from bimtek.jobs.services import job_start
from bimtek.lib.errors import DomainError
from bimtek.regions.forms import within_scope
from bimtek.regions.models import Region
from bimtek.workforce.models import Body


def _region_param(request: HttpRequest) -> str:
    """The region the page is about (the user's own by default); 404 when it is not theirs."""
    scope = scope_of(request.user)
    region = (request.GET.get("region") or request.POST.get("region") or home_region(scope)).strip()
    require_covers(request, region)
    return region


@requires(Ability.VIEW_REGION)
def index(request: HttpRequest, slug: str) -> HttpResponse:
    election = election_or_404(slug)
    if not services.can_print(request.user):
        raise Http404
    region = _region_param(request)
    form = within_scope(PrintForm(request.POST or None, initial={"region": region}), request.user)
    if request.method == "POST" and form.is_valid():
        try:
            return _print(request, form.request_for(election.pk))
        except DomainError as exc:
            form.add_error(None, exc.message)
    context = {
        "election": election,
        "region": region,
        "region_obj": Region.objects.filter(code=region).first() if region else None,
        "form": form,
        "kinds": Kind.choices,
        "can_write": services.can_write(request.user),
        "threshold": services.JOB_THRESHOLD,
        "max_sessions": MAX_INLINE_SESSIONS,
        "batch_form": BatchForm(),
    }
    return render(request, "documents/index.html", context, status=400 if form.errors else 200)


def _print(request: HttpRequest, req: build.Request) -> HttpResponse:
    """A small batch is the response itself; a large one is a job the user watches and downloads later."""
    scope = scope_of(request.user)
    if build.batch_size(req=req, scope=scope) > services.JOB_THRESHOLD:
        job = job_start(
            kind="documents.generate",
            title=f"{Kind(req.kind).label} {req.region_code or 'nasional'}",
            params=req.as_params(),
            actor=request.user,
            region_code=req.region_code,
        )
        return redirect(reverse("jobs:job", args=[job.pk]))
    built = build.document_build(req=req, scope=scope, actor=request.user)
    response = HttpResponse(built.content, content_type=built.content_type)
    response["Content-Disposition"] = f'attachment; filename="{built.filename}"'
    return response


@requires(Ability.VIEW_REGION)
def job_file(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    job = scoped_get(request, jobs_of_kind("documents.generate"), pk=pk)
    path = services.job_file(job)
    if path is None:
        raise Http404
    filename = (job.result or {}).get("filename") or path.name
    return FileResponse(path.open("rb"), as_attachment=True, filename=filename)


@requires(Ability.VIEW_REGION)
def template_edit(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in Kind.values:
        raise Http404
    region = _region_param(request)
    current = selectors.template_for(kind, region)
    form = TemplateForm(request.POST or None, instance=current if current.region_code == region else None,
                        initial=_template_initial(current))  # fmt: skip
    if request.method == "POST":
        if not services.can_write(request.user):
            return HttpResponseForbidden(services.ERR_NOT_WRITER)
        if form.is_valid():
            try:
                services.template_save(
                    kind=kind, region_code=region, values=form.cleaned_data, actor=request.user
                )
            except services.TemplateInvalid as exc:
                form.add_error(exc.field, exc.message)
            else:
                messages.success(request, _("Templat disimpan"))
                return redirect(reverse("documents:template", args=[kind]) + f"?region={region}")
    context = {
        "kind": Kind(kind),
        "region": region,
        "form": form,
        "inherited_from": None if current.region_code == region and current.pk else current.region_code,
        "is_default": current.pk is None,
        "names": sorted(placeholders.PLACEHOLDERS[kind].items()),
        "number_names": sorted(placeholders.NUMBER_PLACEHOLDERS.items()),
        "can_write": services.can_write(request.user),
    }
    return render(request, "documents/template.html", context, status=400 if form.errors else 200)


def _template_initial(template: object) -> dict[str, str]:
    return {f: getattr(template, f) for f in TemplateForm.Meta.fields}


@requires(Ability.VIEW_REGION)
def rates(request: HttpRequest) -> HttpResponse:
    region = _region_param(request)
    form = RateForm(request.POST or None)
    if request.method == "POST":
        if not services.can_write(request.user):
            return HttpResponseForbidden(services.ERR_NOT_WRITER)
        if form.is_valid():
            d = form.cleaned_data
            services.rate_save(region_code=region, body=d["body"], transport=d["transport"],
                               honorarium=d["honorarium"], actor=request.user)  # fmt: skip
            messages.success(request, _("Tarif disimpan"))
            return redirect(reverse("documents:rates") + f"?region={region}")
    table = selectors.rates_for(region)
    context = {
        "region": region,
        "form": form,
        "rows": [(label, table[value]) for value, label in Body.choices],
        "can_write": services.can_write(request.user),
    }
    return render(request, "documents/rates.html", context, status=400 if form.errors else 200)
