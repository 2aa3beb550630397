"""Delivery pages: printing attendance sheets and ID cards.

One session's attendance sheet and cards as a PDF (`roster_pdf`, `cards_pdf`), and print all: the
sheets or cards of a region's or a plan's sessions, a small batch as the PDF itself and a larger one as
a job started by a POST (`_batch`), whose PDF the user downloads from the job page (`print_file`).
"""

from __future__ import annotations

import uuid
from dataclasses import replace

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from bimtek.accounts.access import Ability, may, require_covers, requires, scoped_get
from bimtek.accounts.scoping import scope_of
from bimtek.delivery import batch, printouts, selectors
from bimtek.delivery.batch import MAX_INLINE_SESSIONS
from bimtek.delivery.forms import BatchForm
from bimtek.delivery.views import _pdf, _session_or_404
from bimtek.elections.selectors import election_or_404
from bimtek.jobs.selectors import jobs_of_kind
from bimtek.jobs.services import job_start
from bimtek.regions.models import Region


@requires(Ability.FACILITATE)
def roster_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session_or_404(request, pk)
    participants = list(selectors.participants_in_scope(request.user, session))
    data = printouts.roster_pdf([(session, participants, selectors.session_parts(session))])
    return _pdf(data, f"daftar-hadir-sesi-{session.pk}.pdf")


@requires(Ability.FACILITATE)
def cards_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session_or_404(request, pk)
    participants = list(selectors.participants_in_scope(request.user, session))
    return _pdf(
        printouts.cards_pdf(session.plan.election.name, participants), f"kartu-peserta-sesi-{session.pk}.pdf"
    )


def _batch(request: HttpRequest, req: batch.PrintRequest, where: str, back: str) -> HttpResponse:
    """A batch of sheets or cards: a small one is the PDF itself; a larger one is a job, started by a POST from
    this page (a GET never starts work), which the user watches and downloads from the job page."""
    form = BatchForm(request.POST if request.method == "POST" else request.GET)
    if not form.is_valid():
        context = {"form": form, "where": where, "back": back, "req": req, "sessions": None}
        return render(request, "delivery/print_batch.html", context, status=400)
    req = replace(req, day=form.cleaned_data["tanggal"])
    sessions = batch.sessions_for(request.user, req)
    if request.method == "POST" and sessions:
        job = job_start(
            kind=batch.JOB_KIND,
            title=f"{batch.KIND_LABELS[req.kind]} · {where}" + (f" · {req.day:%d-%m-%Y}" if req.day else ""),
            params=req.as_params(),
            actor=request.user,
            region_code=req.region_code or scope_of(request.user).region_code or "",
        )
        return redirect(reverse("jobs:job", args=[job.pk]))
    if sessions and len(sessions) <= MAX_INLINE_SESSIONS:
        built = batch.build(request.user, req)
        return _pdf(built.content, built.filename)
    context = {
        "form": form,
        "where": where,
        "back": back,
        "req": req,
        "sessions": sessions,
        "kind_label": batch.KIND_LABELS[req.kind],
        "max_sessions": MAX_INLINE_SESSIONS,
    }
    return render(request, "delivery/print_batch.html", context)


def _region_batch(request: HttpRequest, slug: str, code: str, kind: str) -> HttpResponse:
    election = election_or_404(slug)
    require_covers(request, code)
    region = Region.objects.filter(code=code).first()
    where = region.display_name if region else code
    back = reverse("documents:index", args=[slug]) + f"?region={code}"
    return _batch(
        request, batch.PrintRequest(kind=kind, election_id=election.pk, region_code=code), where, back
    )


@requires(Ability.FACILITATE)
def region_rosters(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    """Every attendance sheet of a region's sessions on one date (or all dates), in one PDF."""
    return _region_batch(request, slug, code, batch.ROSTERS)


@requires(Ability.FACILITATE)
def region_cards(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    """The ID cards of everyone in a region's sessions on one date (or all dates), each person once."""
    return _region_batch(request, slug, code, batch.CARDS)


def _plan_batch(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    plan = batch.plan_for(request.user, pk)
    if plan is None:
        raise Http404
    where = f"{plan.get_tier_display()} · {plan.region.display_name}"
    req = batch.PrintRequest(kind=kind, election_id=plan.election_id, plan_id=plan.pk)
    return _batch(request, req, where, reverse("planner:detail", args=[plan.pk]))


@requires(Ability.FACILITATE)
def plan_rosters(request: HttpRequest, pk: int) -> HttpResponse:
    """Print all: every attendance sheet of a plan (the user's sessions of it), in one PDF."""
    return _plan_batch(request, pk, batch.ROSTERS)


@requires(Ability.FACILITATE)
def plan_cards(request: HttpRequest, pk: int) -> HttpResponse:
    """Print all: the ID cards of everyone in a plan's sessions, each person once."""
    return _plan_batch(request, pk, batch.CARDS)


@requires(Ability.FACILITATE)
def print_file(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """The PDF a batch print job left, for the users who may see the job (its region)."""
    job = scoped_get(request, jobs_of_kind(batch.JOB_KIND), pk=pk)
    if job.created_by_id != request.user.pk and not may(request.user, Ability.OPERATE):
        raise Http404  # a facilitator's batch holds only what they may see; another's may hold more
    path = batch.job_file(job)
    if path is None:
        raise Http404
    filename = (job.result or {}).get("filename") or path.name
    return FileResponse(
        path.open("rb"), as_attachment=True, filename=filename, content_type="application/pdf"
    )
