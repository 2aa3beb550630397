"""Delivery pages: certificates and their public verification.

The certificate list of an election in the user's region, found by name or typed code (`certificate_list`),
issuing a program's certificates as a job (`certificate_issue`), a certificate's PDF with its signed
verification link (`certificate_file`), revoking one (`certificate_revoke`), and the public page that
says whether a certificate is real (`verify`).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from bimtek.accounts.access import Ability, may, public, require_covers, requires, scoped_get
from bimtek.accounts.scoping import region_filter, scope_of
from bimtek.assessment.selectors import programs_in
from bimtek.delivery import certificates
from bimtek.delivery.models import Certificate
from bimtek.delivery.views import _pdf
from bimtek.elections.selectors import election_or_404
from bimtek.jobs.services import job_start
from bimtek.lib import typed_code
from bimtek.lib.errors import DomainError
from bimtek.regions.models import Region

CERTIFICATES_PAGE = 50  # rows of the certificate list per page


@requires(Ability.VIEW_REGION)
def certificate_list(request: HttpRequest, slug: str) -> HttpResponse:
    election = election_or_404(slug)
    scope = scope_of(request.user)
    region = request.GET.get("region", "") or (scope.region_code or "")
    require_covers(request, region)
    certs = (
        Certificate.objects.visible_to(request.user)
        .filter(program__election=election)
        .select_related("program", "person")
    )
    if region:
        certs = certs.filter(region_filter("region_code", region))
    programs = programs_in([election])
    q = request.GET.get("q", "").strip()[:60]
    program, status = request.GET.get("program", ""), request.GET.get("status", "")
    if q:
        typed = typed_code.normalize(q)[:12]  # a code as people type it: dashes, lowercase, O for 0
        certs = certs.filter(Q(person__name__icontains=q) | Q(verification_code__startswith=typed or q))
    if program.isdigit():
        certs = certs.filter(program_id=int(program))
    if status in ("valid", "revoked"):
        certs = certs.filter(status=status)
    page = Paginator(certs.order_by("person__name", "pk"), CERTIFICATES_PAGE).get_page(request.GET.get("hal"))
    query = request.GET.copy()
    query.pop("hal", None)
    context = {
        "election": election,
        "region": region,
        "region_name": Region.objects.filter(code=region).values_list("name", flat=True).first()
        if region
        else "",
        "programs": programs,
        "page": page,
        "q": q,
        "program": program,
        "status": status,
        "query": query.urlencode(),
        "can_write": may(request.user, Ability.OPERATE),
    }
    return render(request, "delivery/certificates.html", context)


@requires(Ability.OPERATE)
@require_POST
def certificate_issue(request: HttpRequest, slug: str) -> HttpResponse:
    election = election_or_404(slug)
    region = request.POST.get("region", "")
    require_covers(request, region)
    if not may(request.user, Ability.OPERATE):
        return HttpResponseForbidden(certificates.ERR_NOT_WRITER)
    program = programs_in([election]).filter(pk=request.POST.get("program") or 0).first()
    if program is None:
        raise Http404
    job = job_start(
        kind="certificates.issue",
        title=f"Sertifikat {program.name} {region or 'nasional'}",
        params={"program": program.pk, "region": region},
        actor=request.user,
        region_code=region,
    )
    return redirect(reverse("jobs:job", args=[job.pk]))


def _certificate_or_404(request: HttpRequest, pk: int) -> Certificate:
    return scoped_get(
        request, Certificate.objects.select_related("program", "program__election", "person"), pk=pk
    )


@requires(Ability.PARTICIPATE)
def certificate_file(request: HttpRequest, pk: int) -> HttpResponse:
    cert = _certificate_or_404(request, pk)
    page = request.build_absolute_uri(reverse("delivery:verify"))
    link = page + "?" + urlencode({"k": certificates.sign(cert.code)})
    return _pdf(
        certificates.certificate_pdf(cert, link=link, page=page), f"sertifikat-{cert.printed_code}.pdf"
    )


@requires(Ability.OPERATE)
@require_POST
def certificate_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    cert = _certificate_or_404(request, pk)
    if not may(request.user, Ability.OPERATE):
        return HttpResponseForbidden(certificates.ERR_NOT_WRITER)
    try:
        certificates.certificate_revoke(
            certificate=cert, reason=request.POST.get("reason", "") or "Dicabut", actor=request.user
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(
        reverse("delivery:certificates", args=[cert.program.election.slug]) + f"?region={cert.region_code}"
    )


@public
def verify(request: HttpRequest) -> HttpResponse:
    """Public, no login: is this certificate real? Shows the name and program only, never NIK or phone."""
    text = request.GET.get("k", "").strip()[:120]
    result = (
        certificates.certificate_lookup(text=text, client=request.META.get("REMOTE_ADDR", ""))
        if text
        else None
    )
    status = 429 if result is not None and result.code == "throttled" else 200
    return render(request, "delivery/verify.html", {"result": result, "text": text}, status=status)
