"""Delivery pages: the facilitator's phone check-in.

The phone page (`checkin`) keeps scans in the browser's storage and sends them to `sync`, which answers per
scan; `scan` is the same for a single scan. A queued scan from the phone's JSON is read field by field
(`_scan_of`) and refused on its own when its shape or its text is wrong, never failing the whole batch.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from bimtek.accounts.access import Ability, requires
from bimtek.delivery import scan_reads, selectors, services
from bimtek.delivery.models import part_label
from bimtek.delivery.services import Scan
from bimtek.delivery.views import _session_or_404
from bimtek.lib.errors import DomainError
from bimtek.lib.masking import mask_nik
from bimtek.lib.offline import keep_offline
from bimtek.planner.models import TrainingSession

ERR_JSON = gettext_noop("Kiriman bukan JSON yang benar")
ERR_ITEM = gettext_noop("Data pemindaian ini rusak dan tidak dapat dicatat")
ERR_SESSION = gettext_noop("Sesi pelatihan tidak ditemukan atau di luar wilayah Anda")


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
    parts = selectors.session_parts(session)
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
        "parts": parts,
        "people": people,
        "can_check_in": selectors.can_check_in(request.user),
        "sync_url": reverse("delivery:sync", args=[session.pk]),
        # The phone judges "after the session's day" offline too: its own date shifted as the server shifts.
        "day_offset": services.day_offset().days,
        "over": services.scan_day(timezone.now()) > session.last_date,
        "words": {**checkin_words(), "parts": {p: part_label(p) for p in parts}},
    }
    return keep_offline(render(request, "delivery/checkin.html", context), services.offline_until(session))


def checkin_words() -> dict[str, Any]:
    """What the page's script says, in the page's language. Written into the page (not fetched from a
    JavaScript catalog) so the copy kept on the phone speaks the language it was opened in, offline too."""
    return {
        "waiting": _("%(count)s menunggu sinkron"),
        "synced": _("Semua tersinkron"),
        "offline": _("Luring: presensi disimpan di ponsel dan dikirim saat tersambung."),
        "check": _("Hadir"),
        "checked": _("Sudah"),
        "participant": _("Peserta"),
        "already": _("%(name)s: sudah tercatat (%(part)s)"),
        "queued": _("%(name)s: hadir (%(part)s)"),
        "reason_required": _("Isi alasan untuk pencatatan manual"),
        "camera": _("Kamera tidak dapat dibuka; cari peserta dengan nama atau NIK."),
        "qr_unknown": _("Kode QR tidak dikenal untuk sesi ini"),
        # A scan the server refused is listed with these words for its code (the answer's own message is
        # in Indonesian, as the API's are).
        "refusals": {code: _(message) for code, message in REFUSALS.items()},
    }


REFUSALS = {**services.REFUSALS, "item_invalid": ERR_ITEM}  # and the sync's own refusal of a damaged item


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


def _checkin_session(request: HttpRequest, pk: int) -> TrainingSession | None:
    """The session of a scan or a sync, by the phone's prepared read (`scan_reads`): the same rule as the pages."""
    return scan_reads.checkin_session(request.user, pk)


def _session_not_found() -> JsonResponse:
    """A session that is gone or outside the user's region: a JSON code, as the phone reads every answer
    (the queue keeps its scans and tries again later, as for any answer that is not 2xx)."""
    return _json_error("session_not_found", ERR_SESSION, 404)


@requires(Ability.FACILITATE)
@require_POST
def scan(request: HttpRequest, pk: int) -> JsonResponse:
    """One scan: 201 created, 200 already, 422 refused with a stable code."""
    session = _checkin_session(request, pk)
    if session is None:
        return _session_not_found()
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
    session = _checkin_session(request, pk)
    if session is None:
        return _session_not_found()
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
