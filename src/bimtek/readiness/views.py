"""Readiness pages: the country, any region, one TPS; exports; the refresh button. Thin: selectors do the reading."""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bimtek.accounts.access import Ability, may, requires, scoped_get
from bimtek.accounts.scoping import Scope, scope_of
from bimtek.drill.selectors import crew_drill_rule
from bimtek.elections.models import TPS, Election
from bimtek.elections.selectors import election_or_404
from bimtek.jobs.services import job_start
from bimtek.lib import clock
from bimtek.lib.errors import DomainError
from bimtek.lib.xlsx import XLSX
from bimtek.messaging import selectors as messaging_selectors
from bimtek.messaging.addresses import e164
from bimtek.messaging.services import reminders_send
from bimtek.planner.forms import MakeupForm
from bimtek.planner.selectors import next_sessions, untrained_replacement_counts
from bimtek.readiness import exports
from bimtek.readiness.charts import bars_svg, trend_svg
from bimtek.readiness.core import CODE_LABELS, STATUS_LABELS, assess, codes_of
from bimtek.readiness.facts import crew_with_checks, tps_page_facts
from bimtek.readiness.forms import RiskFilter
from bimtek.readiness.selectors import (
    children_of,
    history_of,
    policy_of,
    reason_labels,
    reasons_table,
    risky_tps,
    rollup_of,
    tps_with_status,
)
from bimtek.regions.models import Level, Region
from bimtek.regions.selectors import region_or_404
from bimtek.workforce.forms import ReplaceForm, SeatFillForm
from bimtek.workforce.models import TPS_BODIES, Appointment
from bimtek.workforce.welfare import Coverage, crew_bpjs_coverage, flag_labels

RISK_PAGE_SIZE = 50


@requires(Ability.VIEW_REGION)
def national(request: HttpRequest, slug: str) -> HttpResponse:
    scope = scope_of(request.user)
    if not scope.is_national and scope.region_code:
        return redirect("readiness:region", slug=slug, code=scope.region_code)
    return _dashboard(request, slug, "")


@requires(Ability.VIEW_REGION)
def region(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    return _dashboard(request, slug, code)


def _dashboard(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    election = election_or_404(slug)
    scope, region = region_or_404(request.user, code)
    rollup = rollup_of(election=election, region_code=code)
    children = (
        children_of(election=election, region_code=code) if not region or region.level < Level.DESA else []
    )
    risky = [
        (row, [(c.value, CODE_LABELS[c]) for c in codes_of(row.reason_bits)])
        for row in risky_tps(election=election, scope=scope, region_code=code)
    ]
    history = history_of(election=election, region_code=code)
    policy = policy_of(election)
    context = {
        "election": election,
        "region": region,
        "code": code,
        "rollup": rollup,
        "children": children,
        "child_label": Level(region.level + 1).label
        if region and region.level < Level.DESA
        else Level.PROVINSI.label,
        "bars": bars_svg(children) if children else "",
        "trend": trend_svg(history) if len(history) > 1 else "",
        "risky": risky,
        "reasons": reasons_table(rollup, policy, crew_drill=crew_drill_rule(election)[0]),
        "policy": policy,
        # From the snapshot, like every other count on this page (a live count over a kabupaten's KPPS cost
        # more than the rest of the page); the TPS page counts its own crew live.
        "bpjs": Coverage(enrolled=rollup.kpps_bpjs, total=rollup.kpps) if rollup else None,
        "breadcrumb": _breadcrumb(region, scope),
        "can_refresh": may(request.user, Ability.OPERATE),
        "national_link": scope.is_national,
        "days_left": (election.voting_day - clock.today()).days,
    }
    return render(request, "readiness/dashboard.html", context)


def _breadcrumb(region: Region | None, scope: Scope) -> list[tuple[str, str, bool]]:
    if region is None:
        return []
    codes = [*region.ancestors_codes(), region.code]
    names = dict(Region.objects.filter(code__in=codes).values_list("code", "name"))
    return [(c, names.get(c, c), scope.covers(c)) for c in codes]


@dataclass(frozen=True)
class Seat:
    body: str
    seat: int
    label: str  # "KPPS Anggota 2", "Linmas 1"
    holder: Appointment | None  # None: vacant


def seats_of(election: Election, crew: list[Appointment]) -> list[Seat]:
    """Every seat of a TPS by its election's norm (KPPS 1-7, Linmas 1-2), with its holder or None (vacant);
    a holder beyond the norm keeps a row of their own."""
    held = {(m.body, m.seat): m for m in crew}
    norm = [(body, n) for body in TPS_BODIES for n in range(1, election.norm(body) + 1)]
    keys = [*norm, *sorted(set(held) - set(norm))]
    return [Seat(body, n, str(Appointment(body=body, seat=n)), held.get((body, n))) for body, n in keys]


@requires(Ability.VIEW_REGION)
def tps_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """One TPS judged now (not from the snapshot): its reasons and each crew member's checks."""
    election = election_or_404(slug)
    tps = scoped_get(request, TPS.objects.select_related("village"), pk=pk, election=election)
    mine, crew = tps_page_facts(election=election, tps=tps, today=clock.today())
    verdict = assess(mine, policy=policy_of(election))
    scope = scope_of(request.user)
    for m in crew:  # short labels only: the health values stay on the person page, for the KPU roles
        m.welfare_flags = flag_labels(m.person, body=m.body, voting_day=election.voting_day)  # type: ignore[attr-defined]  # set for the TPS page, not a model field
    can_operate = may(request.user, Ability.OPERATE)
    kecamatan = tps.village.parent_id
    waiting, waiting_here = (
        untrained_replacement_counts(election, kecamatan, tps_id=tps.pk)
        if can_operate and kecamatan and any(not m.trained for m in crew)
        else (0, 0)
    )
    can_remind = may(request.user, Ability.FACILITATE) and messaging_selectors.can_send(request.user)
    untrained = [m for m in crew if not m.trained]
    due = next_sessions(election, [m.person_id for m in untrained], clock.today()) if can_remind else {}
    context = {
        "election": election,
        "tps": tps,
        "verdict": verdict,
        "can_remind": can_remind and bool(due),
        "due": [(m, due[m.person_id]) for m in untrained if m.person_id in due],
        "reach": {
            "sms": sum(1 for m in untrained if m.person_id in due and e164(m.person.phone)),
            "email": sum(1 for m in untrained if m.person_id in due and m.person.email.strip()),
        },
        "status_label": STATUS_LABELS[verdict.status],
        "crew": crew,
        "bpjs": crew_bpjs_coverage(crew),
        "seats": seats_of(election, crew),
        "can_operate": can_operate,
        # Each crew row carries the same PAW form, each vacant seat the same fill form: rendered once here, with
        # each label around its input (no ids, so the rows' copies never repeat an id).
        "replace_fields": _fields(ReplaceForm(auto_id=False)) if can_operate else "",
        "fill_fields": _fields(SeatFillForm(auto_id=False), "nik", "on") if can_operate else "",
        "kecamatan": kecamatan,
        "waiting": waiting,
        "waiting_here": waiting_here,
        "makeup_form": MakeupForm(initial={"start": clock.today(), "end": clock.today()}),
        "facts": mine,
        "breadcrumb": _breadcrumb(tps.village, scope),
        "national_link": scope.is_national,
        "snapshot": getattr(tps, "readiness", None),
    }
    return render(request, "readiness/tps_detail.html", context)


def _fields(form: Any, *names: str) -> str:
    fields = [form[n] for n in names] if names else list(form)
    return render_to_string("readiness/_fields.html", {"fields": fields})


@requires(Ability.FACILITATE)
@require_POST
def tps_remind(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Remind the crew members of a TPS who are not trained yet of their own next session (e-mail or SMS)."""
    election = election_or_404(slug)
    tps = scoped_get(request, TPS.objects.all(), pk=pk, election=election)
    if not messaging_selectors.can_send(request.user):
        raise PermissionDenied
    back = reverse("readiness:tps", args=[slug, tps.pk])
    untrained = [m.person_id for m in crew_with_checks(election=election, tps=tps) if not m.trained]
    due = next_sessions(election, untrained, clock.today())
    if not due:
        messages.info(
            request, _("Tidak ada petugas TPS ini yang menunggu sesi terjadwal; usulkan sesi susulan.")
        )
        return redirect(back)
    try:
        reports = reminders_send(
            due=due, channel=request.POST.get("channel", ""), scope=scope_of(request.user), actor=request.user
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(back)
    sent = sum(r.sent for r in reports)
    already = sum(r.already for r in reports)
    missing = sum(len(r.no_address) for r in reports)
    failed = sum(r.failed for r in reports)
    text = _(
        "Pengingat terkirim ke %(sent)s petugas; %(already)s sudah menerimanya; %(missing)s tanpa alamat; "
        "%(failed)s gagal."
    ) % {"sent": sent, "already": already, "missing": missing, "failed": failed}
    (messages.warning if failed or missing else messages.success)(request, text)
    return redirect(back)


@requires(Ability.VIEW_REGION)
def status_json(request: HttpRequest, slug: str) -> JsonResponse:
    """The freshness and counts of a region's snapshot (?wilayah=CODE); light enough to poll."""
    election = election_or_404(slug)
    code = request.GET.get("wilayah", "")
    region_or_404(request.user, code)
    rollup = rollup_of(election=election, region_code=code)
    if rollup is None:
        return JsonResponse({"region": code, "computed_at": None})
    return JsonResponse(
        {
            "region": code,
            "computed_at": rollup.computed_at.isoformat(),
            "total": rollup.total,
            "ready": rollup.ready,
            "at_risk": rollup.at_risk,
            "not_ready": rollup.not_ready,
        }
    )


@requires(Ability.OPERATE)
@require_POST
def refresh(request: HttpRequest, slug: str) -> HttpResponse:
    """Queue a refresh of the region's snapshot (KPU roles only); the job page shows its progress."""
    election = election_or_404(slug)
    code = request.POST.get("wilayah", "")
    region_or_404(request.user, code)
    if not may(request.user, Ability.OPERATE):
        raise Http404
    job = job_start(
        kind="readiness.refresh",
        title=f"Kesiapan {election.name} {code or 'Indonesia'}",
        params={"election_id": election.pk, "region_code": code},
        actor=request.user,
        region_code=code,
    )
    return redirect("jobs:job", pk=job.pk)


def _export(request: HttpRequest, slug: str) -> tuple[Election, Scope, str, Region | None]:
    election = election_or_404(slug)
    code = request.GET.get("wilayah", "")
    scope, region = region_or_404(request.user, code)
    return election, scope, code, region


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@requires(Ability.VIEW_REGION)
def risky_list(request: HttpRequest, slug: str) -> HttpResponse:
    """Every TPS not ready or at risk in a region, paginated, filtered by status and reason in the URL."""
    scope = scope_of(request.user)
    if "wilayah" not in request.GET and not scope.is_national and scope.region_code:
        return redirect(f"{request.path}?wilayah={scope.region_code}")
    election, scope, code, region = _export(request, slug)
    form = RiskFilter(request.GET)
    rows = tps_with_status(
        election=election, scope=scope, region_code=code, statuses=form.statuses(), reason=form.reason()
    )
    if not form.is_valid():
        rows = rows.none()  # a refused filter shows its error, not an unfiltered list
    page = Paginator(rows, RISK_PAGE_SIZE).get_page(request.GET.get("hal"))
    query = request.GET.copy()
    query.pop("hal", None)
    filters = query.copy()
    filters.pop("wilayah", None)
    context = {
        "election": election,
        "region": region,
        "code": code,
        "form": form,
        "page": page,
        "rows": [(row, reason_labels(row.reason_bits)) for row in page],
        "children": children_of(election=election, region_code=code)
        if not region or region.level < Level.DESA
        else [],
        "breadcrumb": _breadcrumb(region, scope),
        "national_link": scope.is_national,
        "query": query.urlencode(),
        "filters": filters.urlencode(),
    }
    return render(request, "readiness/risky_list.html", context, status=200 if form.is_valid() else 400)


@requires(Ability.VIEW_REGION)
def export_risky(request: HttpRequest, slug: str) -> HttpResponse:
    election, scope, code, _ = _export(request, slug)
    form = RiskFilter(request.GET)
    if not form.is_valid():
        return risky_list(request, slug)  # the page names the refused filter
    data = exports.risky_xlsx(
        election=election, scope=scope, region_code=code, statuses=form.statuses(), reason=form.reason()
    )
    return _download(data, XLSX, f"tps-berisiko-{code or 'indonesia'}.xlsx")


@requires(Ability.VIEW_REGION)
def export_children(request: HttpRequest, slug: str) -> HttpResponse:
    election, _, code, _ = _export(request, slug)
    data = exports.children_xlsx(election=election, region_code=code)
    return _download(data, XLSX, f"kesiapan-wilayah-{code or 'indonesia'}.xlsx")


@requires(Ability.VIEW_REGION)
def report_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    election, scope, code, region = _export(request, slug)
    data = exports.region_pdf(election=election, scope=scope, region=region)
    return _download(data, "application/pdf", f"laporan-kesiapan-{code or 'indonesia'}.pdf")
