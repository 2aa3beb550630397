"""Speaker pages: the register (list with search, add, edit, module defaults) and, on the planner's session
page, who speaks on each module (assign, remove, fill from the defaults). Operators only (`Ability.OPERATE`);
a speaker of a region above is shared read-only, so only its own region edits it.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from bimtek.accounts.access import Ability, may, requires, scoped_get
from bimtek.accounts.scoping import scope_of
from bimtek.assessment.models import Module
from bimtek.assessment.selectors import modules_newest_first
from bimtek.lib.errors import DomainError
from bimtek.lib.masking import mask_phone
from bimtek.planner.extensions import SessionSection
from bimtek.planner.models import SessionStatus, TrainingSession
from bimtek.planner.selectors import session_modules
from bimtek.planner.sessions import sessions_seen_by
from bimtek.speakers import selectors, services
from bimtek.speakers.forms import SpeakerForm
from bimtek.speakers.letters import invitations_pdf
from bimtek.speakers.models import Speaker


def _may_edit(request: HttpRequest, speaker: Speaker) -> bool:
    return may(request.user, Ability.OPERATE, speaker.region_code)


def mask_email(email: str) -> str:
    user, _, domain = email.partition("@")
    return f"{user[:1]}***@{domain}" if domain else ""


@requires(Ability.OPERATE)
def speaker_list(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("q", "")
    rows = [
        (s, mask_phone(s.phone) if s.phone else "", mask_email(s.email), _may_edit(request, s))
        for s in selectors.speakers_visible(request.user, text)[:200]
    ]
    return render(request, "speakers/speaker_list.html", {"rows": rows, "q": text})


@requires(Ability.OPERATE)
def speaker_add(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request.user)
    form = SpeakerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        data.pop("active", None)
        try:
            speaker = services.speaker_create(actor=request.user, region_code=scope.region_code or "", **data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"{speaker.name} ditambahkan ke daftar narasumber")
            return redirect("speakers:edit", speaker.pk)
    return render(request, "speakers/speaker_form.html", {"form": form, "speaker": None})


@requires(Ability.OPERATE)
def speaker_edit(request: HttpRequest, pk: int) -> HttpResponse:
    speaker = scoped_get(request, Speaker.objects, pk=pk)
    can_edit = _may_edit(request, speaker)
    initial = {f: getattr(speaker, f) for f in services.FIELDS}
    form = SpeakerForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if not can_edit:
            return HttpResponseForbidden()
        if form.is_valid():
            try:
                services.speaker_update(actor=request.user, speaker=speaker, **form.cleaned_data)
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, "Data narasumber disimpan")
                return redirect("speakers:edit", speaker.pk)
    defaults = speaker.module_defaults.visible_to(request.user).select_related("module", "module__program")
    modules = modules_newest_first()
    context = {
        "form": form,
        "speaker": speaker,
        "can_edit": can_edit,
        "defaults": defaults,
        "modules": modules,
        "phone": speaker.phone if can_edit else mask_phone(speaker.phone) if speaker.phone else "",
    }
    return render(request, "speakers/speaker_form.html", context)


@requires(Ability.OPERATE)
@require_POST
def speaker_module_default(request: HttpRequest, pk: int) -> HttpResponse:
    speaker = scoped_get(request, Speaker.objects, pk=pk)
    module = get_object_or_404(Module, pk=request.POST.get("module") or 0)
    code = scope_of(request.user).region_code or ""
    try:
        services.module_speaker_set(actor=request.user, module=module, speaker=speaker, region_code=code)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"{speaker.name} menjadi narasumber bawaan modul {module.title}")
    return redirect("speakers:edit", speaker.pk)


def _session(request: HttpRequest, pk: int) -> TrainingSession:
    session: TrainingSession = get_object_or_404(
        sessions_seen_by(request.user).select_related("plan", "venue"), pk=pk
    )
    return session


def _back(session: TrainingSession) -> str:
    return reverse("planner:session", args=[session.pk]) + "#speakers"


@requires(Ability.OPERATE)
@require_POST
def session_assign(request: HttpRequest, pk: int) -> HttpResponse:
    """Assign (or, with no speaker, remove) the speaker of one module in this session."""
    session = _session(request, pk)
    if not may(request.user, Ability.OPERATE, session.plan.region_id):
        return HttpResponseForbidden()
    module = get_object_or_404(session_modules(session), pk=request.POST.get("module") or 0)
    wanted = request.POST.get("speaker", "")
    try:
        if wanted:
            speaker = get_object_or_404(selectors.assignable_speakers(request.user, session), pk=wanted)
            services.session_speaker_assign(
                actor=request.user, session=session, module=module, speaker=speaker
            )
            messages.success(request, f"{speaker.name} menjadi narasumber {module.title}")
        else:
            services.session_speaker_remove(actor=request.user, session=session, module=module)
            messages.success(request, f"Narasumber {module.title} dilepas")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(_back(session))


@requires(Ability.OPERATE)
@require_POST
def session_fill(request: HttpRequest, pk: int) -> HttpResponse:
    """Fill the session's empty modules from the module defaults where the speaker is free."""
    session = _session(request, pk)
    if not may(request.user, Ability.OPERATE, session.plan.region_id):
        return HttpResponseForbidden()
    try:
        result = services.session_speakers_fill(actor=request.user, session=session)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        if result.filled:
            messages.success(request, "Terisi: " + "; ".join(result.filled))
        for reason in result.skipped:
            messages.warning(request, f"Tidak terisi: {reason}")
        if not result.filled and not result.skipped:
            messages.info(request, "Semua modul sudah punya narasumber")
    return redirect(_back(session))


@requires(Ability.OPERATE)
def session_letters(request: HttpRequest, pk: int) -> HttpResponse:
    """The invitation letters of this session's speakers (PDF, one letter per speaker)."""
    session = _session(request, pk)
    if not may(request.user, Ability.OPERATE, session.plan.region_id):
        return HttpResponseForbidden()
    content, _count = invitations_pdf(session=session, actor=request.user)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="undangan-narasumber-sesi-{session.pk}.pdf"'
    return response


def session_section(request: HttpRequest, session: TrainingSession, modules: list[Any]) -> SessionSection:
    """The planner's session page: a speaker column in the module timetable, and the assign forms."""
    assigned = selectors.session_speakers(session)
    cells = {m.title: assigned[m.pk].speaker.name for m in modules if m.pk in assigned}
    can_assign = session.status == SessionStatus.PLANNED and may(
        request.user, Ability.OPERATE, session.plan.region_id
    )
    rows = [(m, assigned.get(m.pk)) for m in modules]
    context = {
        "session": session,
        "rows": rows,
        "can_assign": can_assign,
        "has_speakers": bool(assigned),
        "choices": list(selectors.assignable_speakers(request.user, session)) if can_assign else [],
    }
    return SessionSection(
        template="speakers/session_section.html", context=context, column="Narasumber", cells=cells
    )
