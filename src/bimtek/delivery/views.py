"""Delivery pages: thin views over services and selectors.

The phone page (`checkin`) keeps scans in the browser's storage and sends them to `sync`, which answers per
scan; `scan` is the same for a single scan. A session a user may not see answers 404, as everywhere.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from bimtek.delivery import selectors, services
from bimtek.delivery.services import Scan
from bimtek.lib.errors import DomainError
from bimtek.lib.masking import mask_nik
from bimtek.planner.models import TrainingSession

ERR_JSON = "Kiriman bukan JSON yang benar"


def _session_or_404(request: HttpRequest, pk: int) -> TrainingSession:
    session = selectors.session_visible(request.user, pk)
    if session is None:
        raise Http404
    return session


def _json_error(code: str, message: str, status: int) -> JsonResponse:
    return JsonResponse({"code": code, "message": message}, status=status)


def _scan_of(item: Any) -> Scan | None:
    """A queued scan from the phone's JSON, or None when its shape is wrong."""
    if not isinstance(item, dict):
        return None
    at = None
    if item.get("at"):
        try:
            at = dt.datetime.fromisoformat(str(item["at"]))
        except ValueError:
            return None
        if at.tzinfo is None:
            return None
    person = item.get("person")
    return Scan(
        key=str(item.get("key") or ""),
        part=str(item.get("part") or ""),
        method=str(item.get("method") or "qr"),
        token=str(item.get("token") or ""),
        person_id=person if isinstance(person, int) else None,
        at=at,
        reason=str(item.get("reason") or "")[:255],
    )


@login_required
def checkin(request: HttpRequest, pk: int) -> HttpResponse:
    """The facilitator's phone page: scan, search, check in per part, with a queue for when offline."""
    session = _session_or_404(request, pk)
    done = selectors.checked_in(session, request.user)
    people = [
        {
            "id": a.person_id,
            "name": a.person.name,
            "nik": mask_nik(a.person.nik),
            "tail": a.person.nik[-6:],  # the last digits a facilitator may search by, never the full NIK
            "unit": f"{a.get_body_display()} {a.position_label}" + (f" · TPS {a.tps.label}" if a.tps else ""),
            "token": services.participant_token(a.person_id),
            "done": sorted(done.get(a.person_id, ())),
        }
        for a in selectors.participants_in_scope(request.user, session)
    ]
    context = {
        "session": session,
        "election": session.plan.election,
        "parts": selectors.session_parts(session),
        "people": people,
        "can_check_in": selectors.can_check_in(request.user),
        "sync_url": reverse("delivery:sync", args=[session.pk]),
    }
    return render(request, "delivery/checkin.html", context)


def _scans_from(request: HttpRequest) -> list[Any] | None:
    try:
        body = json.loads(request.body or b"null")
    except ValueError:
        return None
    if isinstance(body, dict) and isinstance(body.get("items"), list):
        return list(body["items"])
    return None


@login_required
@require_POST
def scan(request: HttpRequest, pk: int) -> JsonResponse:
    """One scan: 201 created, 200 already, 422 refused with a stable code."""
    session = _session_or_404(request, pk)
    try:
        body = json.loads(request.body or b"null")
    except ValueError:
        body = None
    item = _scan_of(body)
    if item is None:
        return _json_error("request_invalid", ERR_JSON, 400)
    try:
        answer = services.attendance_sync(session=session, scans=[item], actor=request.user)[0]
    except DomainError as exc:
        return _json_error(exc.code, exc.message, 403 if exc.code == "forbidden" else 400)
    status = {"created": 201, "already": 200}.get(answer.status, 422)
    return JsonResponse(answer.as_dict(), status=status)


@login_required
@require_POST
def sync(request: HttpRequest, pk: int) -> JsonResponse:
    """A phone's queue: {"items": [...]} in, {"answers": [...]} out, one answer per item in order."""
    session = _session_or_404(request, pk)
    items = _scans_from(request)
    if items is None:
        return _json_error("request_invalid", ERR_JSON, 400)
    scans = [_scan_of(i) for i in items]
    valid = [s for s in scans if s is not None]
    try:
        answers = iter(services.attendance_sync(session=session, scans=valid, actor=request.user))
    except DomainError as exc:
        return _json_error(exc.code, exc.message, 403 if exc.code == "forbidden" else 400)
    out = []
    for raw, s in zip(items, scans, strict=True):
        if s is None:
            key = raw.get("key", "") if isinstance(raw, dict) else ""
            out.append({"key": key, "status": "refused", "code": "item_invalid", "message": ERR_JSON})
        else:
            out.append(next(answers).as_dict())
    return JsonResponse({"answers": out})


@login_required
def session_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Delivery of one session: attendance per part, printouts, the paper-sheet import."""
    session = _session_or_404(request, pk)
    parts = selectors.session_parts(session)
    done = selectors.checked_in(session, request.user)
    participants = list(selectors.participants_in_scope(request.user, session))
    rows = [(a, [p in done.get(a.person_id, ()) for p in parts]) for a in participants]
    counts = [sum(1 for _, marks in rows if marks[i]) for i in range(len(parts))]
    context = {
        "session": session,
        "election": session.plan.election,
        "parts": parts,
        "rows": rows,
        "counts": list(zip(parts, counts, strict=True)),
        "total": len(participants),
        "can_check_in": selectors.can_check_in(request.user),
    }
    return render(request, "delivery/session.html", context)


def _back(session: TrainingSession) -> HttpResponse:
    return redirect(reverse("delivery:session", args=[session.pk]))


@login_required
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
