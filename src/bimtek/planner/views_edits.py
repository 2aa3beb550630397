"""Planning pages: hand edits of a plan's sessions.

A KPU operator moves a group to another session (`session_move`), changes a session's facilitators
(`session_facilitators`), cancels a session and moves its groups (`session_cancel`), or adds a session by
hand (`session_create`). Each goes through `edits.py`, where the core's validator checks it and a refusal
comes back in words; the session lookups and the write check are shared with `views.py`.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from bimtek.accounts.access import Ability, requires, scoped_get
from bimtek.lib.errors import DomainError
from bimtek.planner import edits, selectors, services
from bimtek.planner.forms import SessionCreateForm
from bimtek.planner.models import SessionStatus, TrainingPlan, TrainingSession, Venue
from bimtek.planner.views import _can_write_in, _session
from bimtek.workforce.models import Person
from bimtek.workforce.selectors import people_with_ids, person_visible_to

# -- hand edits (`edits.py`): every one checked by the core's validator, refused with its words ----------------


def _writable_session(request: HttpRequest, pk: int) -> TrainingSession | None:
    """The session when visible (else 404) and the user may edit its plan (else None: 403)."""
    session = _session(request, pk)
    return session if _can_write_in(request, session.plan.region_id) else None


def _other_session(session: TrainingSession, raw: str | None) -> TrainingSession | None:
    if not raw or not raw.isdigit():
        return None
    return TrainingSession.objects.filter(pk=int(raw), plan_id=session.plan_id).first()


def _back(session: TrainingSession) -> HttpResponse:
    return redirect("planner:session", pk=session.pk)


@requires(Ability.OPERATE)
@require_POST
def session_move(request: HttpRequest, pk: int) -> HttpResponse:
    session = _writable_session(request, pk)
    if session is None:
        return HttpResponseForbidden()
    key = request.POST.get("group", "")
    target = _other_session(session, request.POST.get("target"))
    if target is None or not session.groups.filter(key=key).exists():
        messages.error(request, gettext("Pilih kelompok sesi ini dan sesi tujuannya"))
        return _back(session)
    try:
        edits.session_group_move(plan=session.plan, key=key, target=target, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return _back(session)
    messages.success(request, gettext("Kelompok dipindahkan"))
    still_here = TrainingSession.objects.filter(pk=session.pk, status=SessionStatus.PLANNED).exists()
    return _back(session if still_here else target)


@requires(Ability.OPERATE)
@require_POST
def session_facilitators(request: HttpRequest, pk: int) -> HttpResponse:
    session = _writable_session(request, pk)
    if session is None:
        return HttpResponseForbidden()

    def person(field: str) -> Person | None:
        raw = request.POST.get(field, "")
        # Only people the user may see: a refusal names the person, so no names from elsewhere leak.
        return person_visible_to(request.user, int(raw)) if raw.isdigit() else None

    try:
        edits.session_facilitators_change(
            session=session, add=person("add"), remove=person("remove"), actor=request.user
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, gettext("Fasilitator diubah"))
    return _back(session)


@requires(Ability.OPERATE)
@require_POST
def session_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    session = _writable_session(request, pk)
    if session is None:
        return HttpResponseForbidden()
    target = _other_session(session, request.POST.get("target"))
    try:
        result = edits.session_cancel(session=session, target=target, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return _back(session)
    if result.unplanned:
        messages.warning(
            request,
            gettext("Sesi dibatalkan; %(n)s kelompok kini belum terjadwal") % {"n": result.unplanned},
        )
    else:
        messages.success(request, gettext("Sesi dibatalkan; kelompoknya dipindah"))
    return redirect("planner:detail", pk=session.plan_id)


@requires(Ability.OPERATE)
def session_create(request: HttpRequest, pk: int) -> HttpResponse:
    plan = scoped_get(request, TrainingPlan.objects.select_related("election", "region"), pk=pk)
    if not _can_write_in(request, plan.region_id):
        return HttpResponseForbidden()
    people = [
        (str(a.person_id), f"{a.person.name} · {a.get_body_display()} {a.region.name}")
        for a in services.plan_facilitator_choices(plan)
    ]
    form = SessionCreateForm(
        request.POST or None,
        venues=Venue.objects.filter(plan_uses__plan=plan),
        groups=selectors.plan_group_choices(plan),
        people=people,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        staff = people_with_ids(int(p) for p in data["facilitators"])
        try:
            session = edits.session_create(
                plan=plan,
                venue=data["venue"],
                date=data["date"],
                slot=data["slot"],
                keys=data["groups"],
                facilitators=staff,
                actor=request.user,
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, gettext("Sesi dibuat"))
            return redirect("planner:session", pk=session.pk)
    context = {"plan": plan, "election": plan.election, "form": form}
    return render(request, "planner/session_form.html", context)
