"""The staffing pages of places: a region with its children's gaps (and at desa level its TPS), and one TPS
with its crew. They show the people of a region, so they live on the workforce floor, above the regions and
elections whose data they also read (issue 14: they used to climb from `regions` and `elections`)."""

from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from bimtek.accounts.access import Ability, requires, scoped_get
from bimtek.accounts.scoping import Scope, scope_of
from bimtek.elections.models import TPS
from bimtek.elections.selectors import election_or_404
from bimtek.regions.models import Level, Region
from bimtek.workforce.models import TPS_BODIES, Appointment, Status
from bimtek.workforce.selectors import BODIES, staffing, staffing_of_children


@requires(Ability.VIEW_REGION)
def region_detail(request: HttpRequest, slug: str, code: str = "") -> HttpResponse:
    """A region's staffing, its children with their gaps, and at desa level its TPS."""
    election = election_or_404(slug)
    scope = scope_of(request.user)
    if code == "" and not scope.is_national:
        raise Http404
    region = None
    if code:
        region = Region.objects.visible_to(request.user).filter(code=code).first()
        if region is None:
            raise Http404
    summary = staffing(election=election, region_code=code)
    children = staffing_of_children(election=election, region_code=code)
    context = {
        "election": election,
        "region": region,
        "summary": summary,
        "bodies": BODIES,
        "breadcrumb": _breadcrumb(region, scope),
        "children": children,
        # KPPS and Linmas needs come from the TPS loaded; PPK and PPS from the regions, loaded or not.
        "without_tps": sum(1 for c in children if not c.tps),
        "tps_bodies": [b.value for b in TPS_BODIES],
        # A desa has no PPK of its own, so that column would only ever read 0/0.
        "child_bodies": BODIES[1:] if region is not None and region.level == Level.KECAMATAN else BODIES,
        "child_label": Level(region.level + 1).label
        if region and region.level < Level.DESA
        else Level.PROVINSI.label,
    }
    if region is not None and region.level == Level.DESA:
        context["tps_rows"] = _tps_rows(request, election, code)
    if region is not None and region.level in (Level.KECAMATAN, Level.DESA):
        body = "ppk" if region.level == Level.KECAMATAN else "pps"
        context["members"] = (
            Appointment.objects.visible_to(request.user)
            .filter(election=election, region_id=code, body=body, status=Status.ACTIVE)
            .select_related("person")
            .order_by("seat")
        )
        context["members_body"] = body.upper()
    return render(request, "workforce/region_detail.html", context)


def _breadcrumb(region: Region | None, scope: Scope) -> list[tuple[str, str, bool]]:
    if region is None:
        return []
    codes = [*region.ancestors_codes(), region.code]
    names = dict(Region.objects.filter(code__in=codes).values_list("code", "name"))
    return [(c, names.get(c, c), scope.covers(c)) for c in codes]


def _tps_rows(request: HttpRequest, election: object, village: str) -> object:
    active = Q(appointments__status=Status.ACTIVE)
    return (
        TPS.objects.visible_to(request.user)
        .filter(election=election, village_id=village)
        .annotate(
            kpps=Count("appointments", filter=active & Q(appointments__body="kpps")),
            linmas=Count("appointments", filter=active & Q(appointments__body="linmas")),
        )
        .order_by("number")
    )


@requires(Ability.VIEW_REGION)
def tps_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    election = election_or_404(slug)
    tps = scoped_get(request, TPS.objects.select_related("village"), pk=pk, election=election)
    crew = (
        Appointment.objects.visible_to(request.user)
        .filter(tps=tps, status=Status.ACTIVE)
        .select_related("person")
        .order_by("body", "seat")
    )
    kecamatan = Region.objects.visible_to(request.user).filter(code=tps.village.parent_id).first()
    return render(
        request,
        "workforce/tps_detail.html",
        {
            "election": election,
            "tps": tps,
            "crew": crew,
            "kecamatan": kecamatan,
            "kpps_seats": range(1, election.kpps_per_tps + 1),
        },
    )
