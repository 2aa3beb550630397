from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from bimtek.accounts.access import scoped_get
from bimtek.elections.models import TPS
from bimtek.elections.selectors import election_or_404
from bimtek.regions.models import Region
from bimtek.workforce.models import Appointment, Status


@login_required
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
        "elections/tps_detail.html",
        {
            "election": election,
            "tps": tps,
            "crew": crew,
            "kecamatan": kecamatan,
            "kpps_seats": range(1, election.kpps_per_tps + 1),
        },
    )
