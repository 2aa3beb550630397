"""Delivery pages: thin views over services and selectors.

The phone page (`checkin`) keeps scans in the browser's storage and sends them to `sync`, which answers per
scan; `scan` is the same for a single scan. A session a user may not see answers 404, as everywhere.

This module holds the helpers the pages share, the facilitator's list of their coming sessions, and one
session's page with its paper-sheet import. The other
pages sit by area: the phone's check-in (`checkin`, `scan`, `sync`) in `views_checkin.py`, attendance
sheets and ID cards, one session's or a whole batch's, in `views_print.py`, and certificates with their
public verification in `views_certificates.py`.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from bimtek.accounts.access import Ability, requires
from bimtek.delivery import selectors, services
from bimtek.lib.errors import DomainError
from bimtek.lib.offline import keep_offline
from bimtek.planner.models import TrainingSession


def _session_or_404(request: HttpRequest, pk: int) -> TrainingSession:
    session = selectors.session_visible(request.user, pk)
    if session is None:
        raise Http404
    return session


@requires(Ability.FACILITATE)
def my_sessions(request: HttpRequest) -> HttpResponse:
    """The sessions a facilitator may check in at, from today for a week, each a tap from its check-in page:
    what a PPS opens on a session's morning, kept on the phone for a morning without signal."""
    today = timezone.localdate() + services.day_offset()
    sessions = selectors.sessions_to_keep(request.user, today, selectors.UPCOMING_DAYS)
    context = {
        "sessions": sessions,
        "today": today,
        "days": selectors.UPCOMING_DAYS,
        "until": today + dt.timedelta(days=selectors.UPCOMING_DAYS - 1),
        "can_check_in": selectors.can_check_in(request.user),
    }
    # Kept as long as the sessions it lists may be (the week): a phone that went out of signal the evening
    # before still opens it next morning. Online, it is fetched again on every visit.
    until = services.end_of_day(today + dt.timedelta(days=selectors.UPCOMING_DAYS - 1))
    return keep_offline(render(request, "delivery/my_sessions.html", context), until)


@requires(Ability.FACILITATE)
def session_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Delivery of one session: attendance per part, printouts, the paper-sheet import."""
    session = _session_or_404(request, pk)
    parts = selectors.session_parts(session)
    done = selectors.checked_in(session, request.user)
    participants = list(selectors.participants_in_scope(request.user, session))
    late = selectors.late_entries(session, request.user)
    rows = [
        (a, [(p in done.get(a.person_id, ()), (a.person_id, p) in late) for p in parts]) for a in participants
    ]
    counts = [sum(1 for _, marks in rows if marks[i][0]) for i in range(len(parts))]
    context = {
        "session": session,
        "election": session.plan.election,
        "parts": parts,
        "rows": rows,
        "counts": list(zip(parts, counts, strict=True)),
        "total": len(participants),
        "can_check_in": selectors.can_check_in(request.user),
        "replies": selectors.replies_to(session, request.user),
        "kecamatan": session.region_code[:8],
    }
    return keep_offline(render(request, "delivery/session.html", context), services.offline_until(session))


def _back(session: TrainingSession) -> HttpResponse:
    return redirect(reverse("delivery:session", args=[session.pk]))


@requires(Ability.FACILITATE)
@require_POST
def paper_import(request: HttpRequest, pk: int) -> HttpResponse:
    from bimtek.delivery.paper import attendance_import

    session = _session_or_404(request, pk)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, "Pilih berkas XLSX daftar hadir")
        return _back(session)
    try:
        report = attendance_import(session=session, source=upload, filename=upload.name, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return _back(session)
    (messages.success if report.stored else messages.error)(request, report.summary())
    return _back(session)


def _pdf(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
