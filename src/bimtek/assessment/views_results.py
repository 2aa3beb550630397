"""Pages of the assessment: results of a program and item analysis of a test form, in the user's region.

A program's participants with their pre- and post-test results grouped by the region below (`results`),
and a form's item analysis as a page and as XLSX (`form_analysis`, `form_analysis_xlsx`). Both are
regional: read through the user's scope, with a `region` parameter they must cover.
"""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from bimtek.accounts.access import Ability, may_see_results, requires
from bimtek.assessment import exports, selectors
from bimtek.assessment.models import Program, TestForm
from bimtek.assessment.views import _can_facilitate, _region, _scope, _xlsx
from bimtek.regions.models import Region


@requires(Ability.VIEW_REGION)
def results(request: HttpRequest, pk: int) -> HttpResponse:
    scope = _scope(request)
    program = get_object_or_404(Program.objects.select_related("election"), pk=pk)
    if not may_see_results(request.user, program.kind):
        raise PermissionDenied
    code = _region(request, scope)
    rows = selectors.participants(program, scope, code)
    groups = selectors.group_results(rows, selectors.child_key(code))
    region = Region.objects.filter(code=code).first() if code else None
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    # The page's own 50 rows get their desa names in one query; the code stays as a title for the operator.
    region_names = dict(Region.objects.filter(code__in={p.region for p in page}).values_list("code", "name"))
    pre, post = selectors.forms_of(program)
    return render(
        request,
        "assessment/results.html",
        {
            "program": program,
            "election": program.election,
            "region": region,
            "groups": groups,
            "overall": selectors.overall(rows),
            "page": page,
            "page_rows": [(p, region_names.get(p.region, p.region)) for p in page],
            "pre": pre,
            "post": post,
            "count": len(rows),
            "can_facilitate": _can_facilitate(request),
        },
    )


@requires(Ability.ASSESS)
def form_analysis(request: HttpRequest, pk: int) -> HttpResponse:
    scope = _scope(request)
    form = get_object_or_404(TestForm.objects.select_related("program__election"), pk=pk)
    code = _region(request, scope)
    analysis = selectors.form_item_analysis(form, scope, code)
    return render(
        request,
        "assessment/analysis.html",
        {
            "form": form,
            "program": form.program,
            "election": form.program.election,
            "analysis": analysis,
            "region_code": code,
        },
    )


@requires(Ability.ASSESS)
def form_analysis_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    scope = _scope(request)
    form = get_object_or_404(TestForm.objects.select_related("program__election"), pk=pk)
    code = _region(request, scope)
    analysis = selectors.form_item_analysis(form, scope, code)
    return _xlsx(exports.analysis_xlsx(form, analysis), f"analisis-butir-{form.pk}.xlsx")
