"""The field app: its service worker at the site root (so its scope covers every field page), its manifest,
the page shown offline for a page the phone never kept, and the list of pages a facilitator's phone keeps."""

from __future__ import annotations

import datetime as dt
import json

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from bimtek.accounts.access import Ability, public, requires
from bimtek.delivery import selectors as delivery
from bimtek.delivery.services import day_offset
from bimtek.pwa import shell

KEEP_DAYS = delivery.UPCOMING_DAYS  # the coming week of sessions is kept on the phone while it is online


@public
@never_cache
def worker(request: HttpRequest) -> HttpResponse:
    """The service worker, with its version and shell list prepended. Never cached by HTTP: the browser
    compares it byte for byte to learn of a new release."""
    head = (
        f"const VERSION = {json.dumps(shell.version())};\n"
        f"const SHELL = {json.dumps(shell.urls())};\n"
        f"const OFFLINE = {json.dumps(reverse('pwa:offline'))};\n"
    )
    response = HttpResponse(head + shell.worker_source(), content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    return response


@public
def manifest(request: HttpRequest) -> HttpResponse:
    return render(request, "pwa/manifest.webmanifest", content_type="application/manifest+json")


@public
def offline(request: HttpRequest) -> HttpResponse:
    """Shown by the worker for a page the phone has not kept; names nobody, so it is part of the shell."""
    return render(request, "pwa/offline.html")


@requires(Ability.FACILITATE)
@never_cache
def keep(request: HttpRequest) -> JsonResponse:
    """The field pages of the facilitator's sessions from today for a week: what the phone keeps."""
    today = timezone.localdate() + day_offset()
    sessions = delivery.sessions_to_keep(request.user, today, KEEP_DAYS)
    pages = [reverse("delivery:my_sessions")]  # the list a facilitator opens them from, offline too
    for s in sessions:
        pages += [reverse("delivery:checkin", args=[s.pk]), reverse("delivery:session", args=[s.pk])]
    return JsonResponse({"pages": pages, "until": (today + dt.timedelta(days=KEEP_DAYS)).isoformat()})
