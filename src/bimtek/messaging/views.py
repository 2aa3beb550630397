"""Message pages: thin views over services and selectors; a session or message outside the user's scope is 404.

WhatsApp links are built in the page for the operator's own phone to open (wa.me); they never pass through
our server again: the click only tells us the message id, to mark it sent.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from bimtek.accounts.access import Ability, require_covers, requires, scoped_get
from bimtek.accounts.scoping import scope_of
from bimtek.delivery.selectors import session_visible
from bimtek.jobs.services import job_start
from bimtek.lib import clock
from bimtek.lib.dates import DayField, parse_day, shown
from bimtek.lib.errors import DomainError
from bimtek.lib.masking import mask_phone
from bimtek.messaging import render as wording
from bimtek.messaging import selectors, services
from bimtek.messaging.addresses import whatsapp_link
from bimtek.messaging.models import Channel, Kind, Message, MessageStatus
from bimtek.planner.models import Tier, TrainingSession

ERR_NOT_SENDER = "Peran Anda tidak dapat mengirim pesan"
ERR_NOT_EDITOR = "Hanya KPU yang dapat mengubah templat pesan"


def _session_or_404(request: HttpRequest, pk: int) -> TrainingSession:
    session = session_visible(request.user, pk)
    if session is None:
        raise Http404
    return session


@requires(Ability.FACILITATE)
def session_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Recipients (phone masked), status counts, the send buttons and the WhatsApp links waiting for a click."""
    session = _session_or_404(request, pk)
    scope = scope_of(request.user)
    people = selectors.recipients(session, scope)
    rows = list(selectors.outbox(session, scope))
    waiting = [
        (m, whatsapp_link(m.person.phone, m.body))
        for m in rows
        if m.channel == Channel.WHATSAPP and m.status == MessageStatus.QUEUED
    ]
    context = {
        "session": session,
        "election": session.plan.election,
        "people": [(p, mask_phone(p.phone), bool(p.email)) for p in sorted(people, key=lambda p: p.name)],
        "counts": [
            (Kind(kind).label, Channel(channel).label, MessageStatus(status).label, n)
            for (kind, channel, status), n in sorted(selectors.status_counts(session, scope).items())
        ],
        "no_address": [m for m in rows if m.status == MessageStatus.SKIPPED_NO_ADDRESS],
        "failed": [m for m in rows if m.status == MessageStatus.FAILED],
        "waiting": waiting,
        "kinds": Kind.choices,
        **_channels_by_reach(people),
        "can_send": selectors.can_send(request.user),
    }
    return render(request, "messaging/session.html", context)


# When several channels reach as many people, the one that sends by itself comes first (WhatsApp needs a click).
CHANNEL_PREFERENCE = (Channel.SMS, Channel.WHATSAPP, Channel.EMAIL)


def _channels_by_reach(people: list[Any]) -> dict[str, Any]:
    """Each channel with how many recipients it reaches; the default is the one that reaches the most, so a
    session where nobody has an e-mail address does not default to e-mail."""
    reach = {
        Channel.SMS: sum(1 for p in people if p.phone),
        Channel.WHATSAPP: sum(1 for p in people if p.phone),
        Channel.EMAIL: sum(1 for p in people if p.email),
    }
    default = max(CHANNEL_PREFERENCE, key=lambda c: (reach[c], -CHANNEL_PREFERENCE.index(c)))
    total = len(people)
    channels = [
        (
            c.value,
            gettext("%(channel)s · %(n)s dari %(total)s penerima")
            % {"channel": c.label, "n": reach[c], "total": total},
        )
        for c in Channel
    ]
    return {"channels": channels, "default_channel": default.value}


@requires(Ability.FACILITATE)
@require_POST
def session_send(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session_or_404(request, pk)
    if not selectors.can_send(request.user):
        return HttpResponseForbidden(ERR_NOT_SENDER)
    try:
        report = services.messages_send(
            session=session,
            kind=request.POST.get("kind", ""),
            channel=request.POST.get("channel", ""),
            scope=scope_of(request.user),
            actor=request.user,
            resend=request.POST.get("resend") == "1",
        )
    except (DomainError, wording.TemplateProblem) as exc:
        messages.error(request, exc.message)
    else:
        (messages.success if not report.failed else messages.warning)(request, report.summary())
    return redirect(reverse("messaging:session", args=[session.pk]))


@requires(Ability.FACILITATE)
@require_POST
def mark_sent(request: HttpRequest, pk: int) -> HttpResponse:
    message = scoped_get(request, Message.objects.all(), pk=pk)
    if session_visible(request.user, message.session_id) is None:
        raise Http404
    if not selectors.can_send(request.user):
        return HttpResponseForbidden(ERR_NOT_SENDER)
    try:
        services.message_mark_sent(message=message, actor=request.user)
    except DomainError as exc:
        return JsonResponse({"code": exc.code, "message": exc.message}, status=422)
    if request.headers.get("Accept") == "application/json":
        return JsonResponse({"status": "sent"})
    return redirect(reverse("messaging:session", args=[message.session_id]))


@requires(Ability.VIEW_REGION)
def template_list(request: HttpRequest) -> HttpResponse:
    """The wording in force for the user's region, per kind and tier, and the day's reminders for the region."""
    scope = scope_of(request.user)
    if not selectors.can_send(request.user):
        return HttpResponseForbidden(ERR_NOT_SENDER)
    region = scope.region_code or ""
    rows = [
        (kind, kind_label, tier, tier_label, selectors.wording_for(region, kind, tier))
        for kind, kind_label in Kind.choices
        for tier, tier_label in Tier.choices
    ]
    context = {
        "rows": rows,
        "region": region,
        "can_edit": selectors.can_edit_templates(request.user),
        "kinds": Kind.choices,
        "channels": Channel.choices,
        "tomorrow": shown(clock.today() + dt.timedelta(days=1)),
    }
    return render(request, "messaging/templates.html", context)


@requires(Ability.VIEW_REGION)
def template_edit(request: HttpRequest, kind: str, tier: str) -> HttpResponse:
    if kind not in Kind.values or tier not in Tier.values:
        raise Http404
    if not selectors.can_edit_templates(request.user):
        return HttpResponseForbidden(ERR_NOT_EDITOR)
    region = scope_of(request.user).region_code or ""
    source = selectors.wording_for(region, kind, tier)
    form = {
        "subject": source.subject,
        "body": source.body,
        "bring": source.bring,
        "slot_times": source.slot_times,
    }
    problem = None
    if request.method == "POST":
        form = {k: request.POST.get(k, "") for k in form}
        try:
            services.template_save(region_code=region, kind=kind, tier=tier, actor=request.user, **form)
        except (DomainError, wording.TemplateProblem) as exc:
            problem = exc.message
        else:
            messages.success(request, "Templat disimpan")
            return redirect(reverse("messaging:templates"))
    try:
        preview = wording.check(form["subject"], form["body"])
    except wording.TemplateProblem as exc:
        preview, problem = None, problem or exc.message
    context = {
        "kind": Kind(kind),
        "tier": Tier(tier),
        "form": form,
        "problem": problem,
        "preview": preview,
        "placeholders": wording.PLACEHOLDERS,
        "inherited": source.region_code != region,
    }
    return render(request, "messaging/template_edit.html", context, status=422 if problem else 200)


@requires(Ability.FACILITATE)
@require_POST
def region_send(request: HttpRequest) -> HttpResponse:
    """A region's messages for one day (e.g. tomorrow's reminders) as a background job."""
    region = request.POST.get("region", "")
    require_covers(request, region)
    if not selectors.can_send(request.user):
        return HttpResponseForbidden(ERR_NOT_SENDER)
    kind, channel = request.POST.get("kind", ""), request.POST.get("channel", "")
    day = parse_day(request.POST.get("date", ""))
    if day is None:
        messages.error(request, str(DayField.default_error_messages["invalid"]))
        return redirect(reverse("messaging:templates"))
    if kind not in Kind.values or channel not in Channel.values:
        messages.error(request, services.ERR_KIND if kind not in Kind.values else services.ERR_CHANNEL)
        return redirect(reverse("messaging:templates"))
    job = job_start(
        kind="messages.send",
        title=f"{Kind(kind).label} {Channel(channel).label} {region or 'nasional'} {day.isoformat()}",
        params={"region": region, "date": day.isoformat(), "kind": kind, "channel": channel},
        actor=request.user,
        region_code=region,
    )
    return redirect(reverse("jobs:job", args=[job.pk]))
