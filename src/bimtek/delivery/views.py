"""Delivery pages: thin views over services and selectors.

The phone page (`checkin`) keeps scans in the browser's storage and sends them to `sync`, which answers per
scan; `scan` is the same for a single scan. A session a user may not see answers 404, as everywhere.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import replace
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseForbidden, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from bimtek.accounts.access import Ability, may, public, require_covers, requires, scoped_get
from bimtek.accounts.scoping import region_filter, scope_of
from bimtek.assessment.models import Program
from bimtek.delivery import batch, certificates, printouts, selectors, services
from bimtek.delivery.batch import MAX_INLINE_SESSIONS
from bimtek.delivery.forms import BatchForm
from bimtek.delivery.models import Certificate
from bimtek.delivery.services import Scan
from bimtek.elections.selectors import election_or_404
from bimtek.jobs.models import Job
from bimtek.jobs.services import job_start
from bimtek.lib import typed_code
from bimtek.lib.errors import DomainError
from bimtek.lib.masking import mask_nik
from bimtek.lib.offline import keep_offline
from bimtek.planner.models import TrainingSession
from bimtek.regions.models import Region

ERR_JSON = "Kiriman bukan JSON yang benar"
ERR_ITEM = "Data pemindaian ini rusak dan tidak dapat dicatat"

CERTIFICATES_PAGE = 50  # rows of the certificate list per page


def _session_or_404(request: HttpRequest, pk: int) -> TrainingSession:
    session = selectors.session_visible(request.user, pk)
    if session is None:
        raise Http404
    return session


def _json_error(code: str, message: str, status: int) -> JsonResponse:
    return JsonResponse({"code": code, "message": message}, status=status)


def _text(item: dict[str, Any], field: str, default: str = "") -> str | None:
    """A text field of a queued scan, or None when it is not text a database can store.

    JSON may carry a lone surrogate ("\\ud800"): Python reads it, but no UTF-8 column can hold it, so it is
    refused here, for that one scan, instead of failing the whole batch's INSERT.
    """
    value = item.get(field)
    if value is None or value == "":
        return default
    if not isinstance(value, str | int) or isinstance(value, bool):
        return None
    text = str(value)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return None
    return text if "\x00" not in text else None


def _time_of(value: Any) -> dt.datetime | None | bool:
    """The phone's clock for a scan (aware), None when absent, False when it is not an aware ISO time."""
    if not value:
        return None
    if not isinstance(value, str):
        return False
    try:
        at = dt.datetime.fromisoformat(value)
        at.astimezone(dt.UTC)  # a year 1 or 9999 with an offset overflows here, not in the INSERT
    except (ValueError, OverflowError):
        return False
    return at if at.tzinfo is not None else False


def _scan_of(item: Any) -> Scan | None:
    """A queued scan from the phone's JSON, or None when its shape is wrong."""
    if not isinstance(item, dict):
        return None
    at = _time_of(item.get("at"))
    texts = {f: _text(item, f) for f in ("key", "part", "method", "token", "reason")}
    if at is False or any(v is None for v in texts.values()):
        return None
    person = item.get("person")
    if person is not None and (not isinstance(person, int) or isinstance(person, bool)):
        return None
    offline = item.get("offline", False)
    if not isinstance(offline, bool):
        return None
    return Scan(
        key=texts["key"] or "",
        part=texts["part"] or "",
        method=texts["method"] or "qr",
        token=texts["token"] or "",
        person_id=person,
        at=at or None,
        reason=(texts["reason"] or "")[:255],
        offline=offline,
    )


@requires(Ability.FACILITATE)
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
        # The phone judges "after the session's day" offline too: its own date shifted as the server shifts.
        "day_offset": services.day_offset().days,
        "over": services.scan_day(timezone.now()) > session.last_date,
    }
    return keep_offline(render(request, "delivery/checkin.html", context), services.offline_until(session))


def _body(request: HttpRequest) -> Any:
    """The JSON body, or None when it is not JSON (bad bytes, bad syntax, or nested past the parser's depth)."""
    try:
        return json.loads(request.body or b"null")
    except (ValueError, RecursionError):
        return None


def _scans_from(request: HttpRequest) -> list[Any] | None:
    body = _body(request)
    if isinstance(body, dict) and isinstance(body.get("items"), list):
        return list(body["items"])
    return None


@requires(Ability.FACILITATE)
@require_POST
def scan(request: HttpRequest, pk: int) -> JsonResponse:
    """One scan: 201 created, 200 already, 422 refused with a stable code."""
    session = _session_or_404(request, pk)
    item = _scan_of(_body(request))
    if item is None:
        return _json_error("request_invalid", ERR_JSON, 400)
    try:
        answer = services.attendance_sync(session=session, scans=[item], actor=request.user)[0]
    except DomainError as exc:
        return _json_error(exc.code, exc.message, 403 if exc.code == "forbidden" else 400)
    status = {"created": 201, "already": 200}.get(answer.status, 422)
    return JsonResponse(answer.as_dict(), status=status)


@requires(Ability.FACILITATE)
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
            key = key if isinstance(key, str) and _text({"k": key}, "k") is not None else ""
            out.append({"key": key, "status": "refused", "code": "item_invalid", "message": ERR_ITEM})
        else:
            out.append(next(answers).as_dict())
    return JsonResponse({"answers": out})


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
    job = scoped_get(request, Job.objects.filter(kind=batch.JOB_KIND), pk=pk)
    if job.created_by_id != request.user.pk and not may(request.user, Ability.OPERATE):
        raise Http404  # a facilitator's batch holds only what they may see; another's may hold more
    path = batch.job_file(job)
    if path is None:
        raise Http404
    filename = (job.result or {}).get("filename") or path.name
    return FileResponse(
        path.open("rb"), as_attachment=True, filename=filename, content_type="application/pdf"
    )


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
    programs = Program.objects.filter(election=election)
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
    program = Program.objects.filter(election=election, pk=request.POST.get("program") or 0).first()
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
