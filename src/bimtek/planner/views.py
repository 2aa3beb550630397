"""Planning pages: thin views over services and selectors.

Only KPU roles (`Ability.OPERATE`) create, solve and mark sessions; PPK and PPS see the plans that cover their region
read-only, with the sessions and participants of their own region. Solving never runs inside a request: the
"Rencanakan" button queues a job and sends the user to the job page.

This module holds the plans (list, create, venues, detail, solve, scenario), the session page and its
"held" mark, and the make-up plans; the hand edits of a planned session (move a group, change the
facilitators, cancel, add a session) sit in `views_edits.py`.
"""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from bimtek.accounts.access import Ability, may, require_covers, requires, scoped_get
from bimtek.accounts.scoping import scope_of
from bimtek.elections.selectors import election_or_404
from bimtek.lib import clock
from bimtek.lib.errors import DomainError
from bimtek.lib.redirects import safe_next
from bimtek.planner import instance, makeup, scenario, selectors, services
from bimtek.planner.calendar import group_labels, plan_calendar
from bimtek.planner.core.length import Length, timetable
from bimtek.planner.extensions import session_sections
from bimtek.planner.forms import MakeupForm, PlanForm, VenueForm
from bimtek.planner.models import PlanStatus, SessionStatus, TrainingPlan, TrainingSession, Venue
from bimtek.regions import selectors as region_selectors
from bimtek.regions.forms import within_scope
from bimtek.regions.models import Level, Region


def _can_write_in(request: HttpRequest, code: str) -> bool:
    return may(request.user, Ability.OPERATE, code)


@requires(Ability.VIEW_REGION)
def plan_list(request: HttpRequest, slug: str) -> HttpResponse:
    election = election_or_404(slug)
    scope = scope_of(request.user)
    plans = (
        TrainingPlan.objects.visible_to(request.user)
        .filter(election=election)
        .select_related("region", "created_by")
    )
    can_create = may(request.user, Ability.OPERATE) and not scope.nothing
    return render(
        request, "planner/plan_list.html", {"election": election, "plans": plans, "can_create": can_create}
    )


def _region_choices(code: str | None) -> Any:
    if code is None:
        return Region.objects.filter(level=Level.KABKOTA)
    region_level = code.count(".") + 1
    levels = [Level.KABKOTA, Level.KECAMATAN] if region_level >= Level.KABKOTA else [Level.KABKOTA]
    return Region.objects.within(code).filter(level__in=levels)


@requires(Ability.OPERATE)
def plan_create(request: HttpRequest, slug: str) -> HttpResponse:
    """Step 1: the region (`?region=`); step 2: window, venues of that region and rules."""
    election = election_or_404(slug)
    if not may(request.user, Ability.OPERATE):
        return HttpResponseForbidden()
    scope = scope_of(request.user)
    typed = request.GET.get("region", "")
    levels = (Level.KABKOTA, Level.KECAMATAN)
    code = region_selectors.typed_code(Region.objects.visible_to(request.user), typed, levels=levels)
    code = code or scope.region_code or ""
    region = Region.objects.filter(code=code, level__in=[Level.KABKOTA, Level.KECAMATAN]).first()
    if region is not None:
        require_covers(request, region.code)
    venues = (
        Venue.objects.visible_to(request.user).within_region(region.code) if region else Venue.objects.none()
    )
    form = PlanForm(request.POST or None, venues=venues)
    if request.method == "POST" and region is not None and form.is_valid():
        data = form.cleaned_data
        uses = [services.VenueUse(v, data["sessions_per_day"]) for v in data["venues"]]
        try:
            plan = services.plan_create(
                election=election,
                tier=data["tier"],
                region=region,
                start=data["start"],
                end=data["end"],
                venues=uses,
                rules=form.rules(),
                include_linmas=data["include_linmas"],
                actor=request.user,
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Rencana dibuat. Tekan Rencanakan untuk menyusun jadwal.")
            return redirect("planner:detail", pk=plan.pk)
    context = {
        "election": election,
        "region": region,
        "form": form,
        "venue_form": VenueForm(initial={"region": region.code if region else ""}),
        "region_choices": _region_choices(scope.region_code)[:600],
    }
    return render(request, "planner/plan_form.html", context)


@requires(Ability.OPERATE)
@require_POST
def venue_add(request: HttpRequest, slug: str) -> HttpResponse:
    election = election_or_404(slug)
    form = within_scope(VenueForm(request.POST), request.user)
    if not form.is_valid():
        messages.error(request, "Tempat tidak disimpan: periksa nama, kode wilayah dan kapasitas")
        return redirect(
            reverse("planner:create", args=[election.slug]) + f"?region={request.POST.get('plan_region', '')}"
        )
    code = form.cleaned_data["region"]
    require_covers(request, code)
    if not may(request.user, Ability.OPERATE):
        return HttpResponseForbidden()
    region = Region.objects.filter(code=code).first()
    if region is None:
        raise Http404
    try:
        services.venue_create(
            name=form.cleaned_data["name"],
            region=region,
            capacity=form.cleaned_data["capacity"],
            address=form.cleaned_data["address"],
            actor=request.user,
        )
    except Exception:  # noqa: BLE001 - the unique name per region is the only likely refusal
        messages.error(request, "Tempat dengan nama itu sudah ada di wilayah ini")
    else:
        messages.success(request, "Tempat ditambahkan")
    back = request.POST.get("plan_region") or code
    return redirect(reverse("planner:create", args=[election.slug]) + f"?region={back}")


@requires(Ability.VIEW_REGION)
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = scoped_get(request, TrainingPlan.objects.select_related("election", "region", "job"), pk=pk)
    sessions = selectors.sessions_visible(request.user, plan).exclude(status=SessionStatus.CANCELLED)
    calendar = plan_calendar(plan, sessions)
    covers = scope_of(request.user).covers(plan.region_id)
    context = {
        "plan": plan,
        "election": plan.election,
        "calendar": calendar,
        "summary": plan.summary or {},
        "covers": covers,
        "can_write": _can_write_in(request, plan.region_id),
        "running": plan.status in (PlanStatus.QUEUED, PlanStatus.SOLVING),
        "can_print": may(request.user, Ability.FACILITATE),
        "plan_venues": plan.plan_venues.select_related("venue").all(),
        "HELD": SessionStatus.HELD,
        "today": clock.today(),
    }
    return render(request, "planner/plan_detail.html", context)


@requires(Ability.OPERATE)
@require_POST
def plan_solve(request: HttpRequest, pk: int) -> HttpResponse:
    plan = scoped_get(request, TrainingPlan.objects, pk=pk)
    if not _can_write_in(request, plan.region_id):
        return HttpResponseForbidden()
    try:
        job = services.plan_enqueue(plan=plan, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("planner:detail", pk=plan.pk)
    return redirect("jobs:job", pk=job.pk)


@requires(Ability.VIEW_REGION)
def plan_scenario(request: HttpRequest, pk: int) -> JsonResponse:
    plan = scoped_get(request, TrainingPlan.objects, pk=pk)
    if not scope_of(request.user).covers(plan.region_id):
        raise Http404  # the scenario lists every group of the plan, not only the user's
    data = scenario.instance_to_dict(instance.plan_instance(plan))
    response = JsonResponse(data, json_dumps_params={"indent": 1})
    response["Content-Disposition"] = f'attachment; filename="skenario-{plan.pk}.json"'
    return response


def _session(request: HttpRequest, pk: int) -> TrainingSession:
    session = TrainingSession.objects.filter(pk=pk).select_related("plan").first()
    if session is None:
        raise Http404
    visible = selectors.sessions_visible(request.user, session.plan).filter(pk=pk).first()
    if visible is None:
        raise Http404
    return visible


@requires(Ability.VIEW_REGION)
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    plan = session.plan
    participants = selectors.session_participants(session) & session.plan.election.appointments.visible_to(
        request.user
    )
    labels = group_labels(list(session.groups.all()))
    modules = list(selectors.session_modules(session))
    rows = timetable(
        [(m.title, m.minutes) for m in modules], session.slot, Length(session.slots, session.days)
    )
    sections = session_sections(request, session, modules)  # apps above add columns and parts (speakers)
    columns = [s for s in sections if s.column]
    context = {
        "session": session,
        "plan": plan,
        "election": plan.election,
        "participants": participants,
        "groups": sorted(
            ((g, labels[g.key]) for g in session.groups.all()), key=lambda p: (p[0].region_code, p[1])
        ),
        "can_write": _can_write_in(request, plan.region_id),
        "choices": selectors.edit_choices(session) if session.status == SessionStatus.PLANNED else None,
        "modules": modules,
        "timetable": [(r, [c.cells.get(r.title, "") for c in columns]) for r in rows],
        "columns": [c.column for c in columns],
        "sections": [s for s in sections if s.template],
        "unscheduled": sum(r.minutes for r in rows if not r.day),
        "program_minutes": sum(m.minutes for m in modules),
    }
    return render(request, "planner/session_detail.html", context)


@requires(Ability.OPERATE)
@require_POST
def session_held(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    if not _can_write_in(request, session.plan.region_id):
        return HttpResponseForbidden()
    try:
        services.session_mark_held(session=session, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Sesi ditandai sudah dilaksanakan")
    return redirect(safe_next(request, reverse("planner:detail", args=[session.plan_id])))


@requires(Ability.OPERATE)
def makeup_propose(request: HttpRequest, slug: str) -> HttpResponse:
    """Sesi susulan: the kecamatan's untrained PAW replacements, and a form that plans their make-up."""
    election = election_or_404(slug)
    code = request.GET.get("kecamatan", "").strip()
    kecamatan = Region.objects.filter(code=code, level=Level.KECAMATAN).first() if code else None
    if kecamatan is not None:
        require_covers(request, kecamatan.code)
    people = selectors.untrained_replacements(election, kecamatan.code) if kecamatan else []
    can_write = kecamatan is not None and _can_write_in(request, kecamatan.code)
    form = MakeupForm(request.POST or None)
    if request.method == "POST":
        if not can_write or kecamatan is None:
            return HttpResponseForbidden()
        if form.is_valid():
            data = form.cleaned_data
            try:
                plan = makeup.makeup_plan_create(
                    election=election,
                    kecamatan=kecamatan,
                    start=data["start"],
                    end=data["end"],
                    sessions_per_day=data["sessions_per_day"],
                    facilitators_per_session=data["facilitators_per_session"],
                    actor=request.user,
                )
                job = services.plan_enqueue(plan=plan, actor=request.user)
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                if request.POST.get("next"):  # proposed from a TPS page: back there, the job linked
                    messages.success(
                        request,
                        gettext(
                            "Rencana sesi susulan %(kecamatan)s untuk %(n)s orang sedang disusun (pekerjaan %(job)s)"
                        )
                        % {"kecamatan": kecamatan.display_name, "n": len(people), "job": job.pk},
                    )
                    return redirect(safe_next(request, reverse("jobs:job", args=[job.pk])))
                return redirect("jobs:job", pk=job.pk)
        if request.POST.get("next"):
            for errors in form.errors.values():
                messages.error(request, " ".join(errors))
            return redirect(safe_next(request, request.path))
    context = {
        "election": election,
        "kecamatan": kecamatan,
        "code": code,
        "people": people,
        "form": form,
        "can_write": can_write,
    }
    return render(request, "planner/makeup.html", context)
