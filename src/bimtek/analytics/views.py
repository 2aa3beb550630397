"""The cascade analytics page and its XLSX exports: KPU roles and PPK only, within their own region."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import SafeString

from bimtek.accounts.access import Ability, requires
from bimtek.accounts.models import Role
from bimtek.accounts.scoping import Scope, scope_of
from bimtek.analytics import exports as cascade_exports
from bimtek.analytics.cascade import CascadeResult, cascade_entry, region_cascade
from bimtek.analytics.charts import interval_svg
from bimtek.analytics.core.cascade import Interval
from bimtek.elections.selectors import election_or_404
from bimtek.lib.xlsx import XLSX
from bimtek.regions.models import Level, Region
from bimtek.regions.selectors import region_or_404

# PPS and KPPS train or are trained: ranking their colleagues is not theirs to read.
ANALYTICS_ROLES = {Role.KPU_RI, Role.KPU_PROVINSI, Role.KPU_KABKOTA, Role.PPK}


def _allowed(request: HttpRequest) -> Scope:
    user = request.user
    if not (getattr(user, "is_superuser", False) or getattr(user, "role", "") in ANALYTICS_ROLES):
        raise Http404
    return scope_of(user)


def _region(request: HttpRequest, scope: Scope) -> Region | None:
    """The chosen region (?region=CODE, else the user's own) if in scope and a kabupaten or below."""
    code = request.GET.get("region", "") or (scope.region_code or "")
    if not code:
        return None
    _, region = region_or_404(request.user, code)
    return region if region is not None and region.level >= Level.KABKOTA else None


def _result(request: HttpRequest, slug: str) -> tuple[Scope, Region | None, CascadeResult | None]:
    scope = _allowed(request)
    election = election_or_404(slug)
    region = _region(request, scope)
    if region is None:
        return scope, None, None
    return scope, region, region_cascade(election=election, scope=scope, region_code=region.code)


@requires(Ability.VIEW_REGION)
def analytics(request: HttpRequest, slug: str) -> HttpResponse:
    scope, region, result = _result(request, slug)
    choices, entries = [], []
    if region is None:  # national or provincial user: the kabupaten with results, or pick any
        entries = cascade_entry(election=election_or_404(slug), scope=scope)
        choices = list(
            Region.objects.in_scope(scope)
            .filter(level=Level.KABKOTA)
            .order_by("code")
            .values_list("code", "name")
        )
    context = {
        "election": election_or_404(slug),
        "region": region,
        "result": result,
        "report": result.report if result else None,
        "choices": choices,
        "entries": entries,
        **(_drawn(result) if result else {}),
    }
    return render(request, "analytics/cascade.html", context)


def _bar(ci: Interval | None, point: float | None, reference: float | None) -> SafeString:
    return interval_svg(ci.low if ci else None, ci.high if ci else None, point, reference)


def _drawn(result: CascadeResult) -> dict[str, object]:
    """Each table's rows beside their interval drawn as a small SVG bar (docs/decisions/0003-charts.md)."""
    report = result.report
    p0 = report.region.pass_rate
    return {
        "facilitators": [(r, _bar(r.summary.pass_ci, r.summary.pass_rate, p0)) for r in report.facilitators],
        "waves": [(w, _bar(w.summary.pass_ci, w.summary.pass_rate, p0)) for w in report.waves],
        "modules": [(m, _bar(m.ci, m.facility, report.facility)) for m in report.modules],
    }


@requires(Ability.VIEW_REGION)
def analytics_xlsx(request: HttpRequest, slug: str, table: str) -> HttpResponse:
    if table not in cascade_exports.TABLES:
        raise Http404
    _, region, result = _result(request, slug)
    if result is None or region is None:
        raise Http404
    data = cascade_exports.table_xlsx(result.report, table)
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="kaskade-{table}-{region.code}.xlsx"'
    return response
