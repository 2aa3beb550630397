"""Crew drill pages: the crews of an election, one TPS's drills, a member's entry, the comparison, the result.

Scoped like the TPS: a KPPS member reaches only the drills of a TPS they serve at, a PPS only those of
their desa. The entry page is independent by construction: it renders an empty grid and never reads the
other entry, and the comparison page opens only once both entries are in.
"""

import random
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bimtek.accounts.access import (
    Ability,
    abilities_of,
    is_participant_only,
    require_covers,
    requires,
    scoped_get,
)
from bimtek.accounts.scoping import scope_of
from bimtek.drill.core.double_entry import Resolution, compare
from bimtek.drill.core.form import boxes
from bimtek.drill.core.generator import FORM_NAMES
from bimtek.drill.core.schema import form_from_json
from bimtek.drill.crew_services import (
    crew_drill_enter,
    crew_drill_policy_set,
    crew_drill_resolve,
    crew_drill_start,
    entries,
    may_resolve,
    result_of,
)
from bimtek.drill.forms import BoxesForm, sections
from bimtek.drill.models import CrewDrill, CrewDrillStatus, Level
from bimtek.drill.selectors import PASS_MARK, crew_drill_rule
from bimtek.drill.services import drill_for
from bimtek.drill.who import own_person, person_param
from bimtek.elections.models import TPS
from bimtek.elections.selectors import election_or_404
from bimtek.lib.errors import DomainError
from bimtek.workforce.selectors import crewed_tps, kpps_crew

MAX_CREW_SEED = 999_999


@dataclass(frozen=True)
class Seat:
    pk: int
    seat: int
    name: str


def _seats(request: HttpRequest, tps: TPS) -> list[Seat]:
    """The crew in seat order. A KPPS member sees their own name and their crew mates' seats only: the
    project shows a participant no other person's name (the role walk checks), and the seat is what
    the crew calls each other by on the day anyway (KPPS 1-7)."""
    names = not is_participant_only(request.user)
    me = getattr(request.user, "person_id", None)
    return [
        Seat(a.person_id, a.seat, a.person.name if names or a.person_id == me else f"KPPS {a.seat}")
        for a in kpps_crew(tps)
    ]


def _name(seats: list[Seat], person_id: int | None) -> str:
    if person_id is None:
        return ""
    return next((s.name for s in seats if s.pk == person_id), str(_("anggota KPPS")))


def _crew_drill(request: HttpRequest, pk: int) -> CrewDrill:
    drill: CrewDrill = scoped_get(
        request,
        CrewDrill.objects.select_related("tps__village", "election", "entry_a_person", "entry_b_person"),
        pk=pk,
    )
    return drill


@requires(Ability.PARTICIPATE)
def crews(request: HttpRequest, slug: str) -> HttpResponse:
    """The TPS of the user's scope that have a KPPS crew, and the crew drills recorded there."""
    election = election_or_404(slug)
    stations = TPS.objects.visible_to(request.user).filter(election=election, pk__in=crewed_tps(election))
    drills = (
        CrewDrill.objects.visible_to(request.user).filter(election=election).select_related("tps__village")
    )
    return render(
        request,
        "drill/crews.html",
        {
            "election": election,
            "stations": stations.select_related("village")[:100],
            "drills": drills[:50],
            "rule": crew_drill_rule(election),
            "may_set_rule": Ability.OPERATE in abilities_of(request.user)
            and scope_of(request.user).is_national,
        },
    )


@requires(Ability.OPERATE)
@require_POST
def crew_policy(request: HttpRequest, slug: str) -> HttpResponse:
    """The KPU RI's choice for the election: count crew drills in readiness (a national setting)."""
    election = election_or_404(slug)
    require_covers(request, "")
    mark = str(request.POST.get("pass_mark", PASS_MARK))
    try:
        crew_drill_policy_set(
            election=election,
            counts_in_readiness=request.POST.get("counts_in_readiness") == "on",
            pass_mark=int(mark) if mark.isdigit() else -1,
            actor=request.user,
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("drill:crews", slug=election.slug)


@requires(Ability.PARTICIPATE)
def crew_tps(request: HttpRequest, slug: str, tps: int) -> HttpResponse:
    """One TPS's crew and its drills; POST starts a new drill scenario for the crew."""
    election = election_or_404(slug)
    station: TPS = scoped_get(request, TPS.objects.select_related("village"), pk=tps, election=election)
    error = None
    if request.method == "POST":
        level = request.POST.get("level", "easy")
        level = level if level in Level.values else "easy"
        try:
            drill = crew_drill_start(
                election=election,
                tps=station,
                level=level,
                seed=random.randint(1, MAX_CREW_SEED),
                actor=request.user,
            )
        except DomainError as exc:
            error = exc
        else:
            return redirect("drill:crew", pk=drill.pk)
    return render(
        request,
        "drill/crew_tps.html",
        {
            "election": election,
            "tps": station,
            "members": _seats(request, station),
            "drills": CrewDrill.objects.visible_to(request.user).filter(tps=station),
            "error": error,
        },
        status=400 if error else 200,
    )


@requires(Ability.PARTICIPATE)
def crew(request: HttpRequest, pk: int) -> HttpResponse:
    """Who has entered, what is next, and once resolved the crew's result (errors and warnings apart)."""
    drill = _crew_drill(request, pk)
    me = own_person(request)
    seats = _seats(request, drill.tps)
    resolved = drill.status == CrewDrillStatus.RESOLVED
    return render(
        request,
        "drill/crew.html",
        {
            "drill": drill,
            "election": drill.election,
            "members": seats,
            "ketua": seats[0].name if seats and seats[0].seat == 1 else "",
            "entry_a": _name(seats, drill.entry_a_person_id),
            "entry_b": _name(seats, drill.entry_b_person_id),
            "may_enter": me is not None
            and me.pk in {seat.pk for seat in seats}
            and me.pk != drill.entry_a_person_id,
            "result": result_of(drill) if resolved else None,
            "resolutions": _resolution_rows(drill) if resolved else [],
            "may_resolve": may_resolve(drill, person=me, actor=request.user),
            "pass_mark": PASS_MARK,
        },
    )


def _resolution_rows(drill: CrewDrill) -> list[dict[str, Any]]:
    a, b = entries(drill)
    final = boxes(form_from_json(drill.resolved_form))
    return [
        {"d": d, "pick": drill.resolutions.get(d.path), "final": final.get(d.path)}
        for d in compare(a, b).differences
    ]


@requires(Ability.PARTICIPATE)
def crew_entry(request: HttpRequest, pk: int) -> HttpResponse:
    """A member's own entry: the story and an empty form; the other member's numbers are never shown."""
    drill = _crew_drill(request, pk)
    scenario = drill_for(kind=drill.kind, level=drill.level, seed=drill.seed)  # type: ignore[arg-type]  # TextChoices strs
    data = request.POST if request.method == "POST" else None
    person = person_param(request, data or request.GET) or own_person(request)
    form = BoxesForm(data, paths=list(boxes(scenario.truth)))
    error = None
    if data is not None and form.is_valid() and person is not None:
        try:
            crew_drill_enter(drill=drill, person=person, values=form.values(), actor=request.user)
        except DomainError as exc:
            error = exc
        else:
            return redirect("drill:crew", pk=drill.pk)
    return render(
        request,
        "drill/crew_entry.html",
        {
            "drill": drill,
            "election": drill.election,
            "scenario": scenario,
            "form_name": FORM_NAMES[scenario.day.kind],
            "form": form,
            "sections": sections(form),
            "person": person,
            "error": error,
            "closed": drill.status in (CrewDrillStatus.TO_RESOLVE, CrewDrillStatus.RESOLVED),
        },
        status=400 if error else 200,
    )


def _resolutions(post: Mapping[str, Any], paths: tuple[str, ...]) -> dict[str, Resolution]:
    """The ketua's pick per differing box; an unreadable own number is passed on for the core to refuse."""
    picks: dict[str, Resolution] = {}
    for path in paths:
        pick = post.get(f"pick-{path}", "")
        if pick in ("a", "b"):
            picks[path] = pick
        elif pick == "own":
            own = str(post.get(f"own-{path}", "")).strip()
            picks[path] = int(own) if own.isdigit() and len(own) <= 3 else -1
    return picks


@requires(Ability.PARTICIPATE)
def crew_compare(request: HttpRequest, pk: int) -> HttpResponse:
    """Both entries box by box, the differences first; the ketua picks A, B or types the number."""
    drill = _crew_drill(request, pk)
    if drill.status != CrewDrillStatus.TO_RESOLVE:
        return redirect("drill:crew", pk=drill.pk)
    a, b = entries(drill)
    comparison = compare(a, b)
    me = own_person(request)
    error = None
    if request.method == "POST":
        try:
            crew_drill_resolve(
                drill=drill,
                resolutions=_resolutions(request.POST, comparison.paths),
                person=me,
                actor=request.user,
            )
        except DomainError as exc:
            error = exc
        else:
            return redirect("drill:crew", pk=drill.pk)
    seats = _seats(request, drill.tps)
    same = [(path, value) for path, value in boxes(a).items() if path not in comparison.paths]
    return render(
        request,
        "drill/crew_compare.html",
        {
            "drill": drill,
            "election": drill.election,
            "comparison": comparison,
            "same": same,
            "entry_a": _name(seats, drill.entry_a_person_id),
            "entry_b": _name(seats, drill.entry_b_person_id),
            "may_resolve": may_resolve(drill, person=me, actor=request.user),
            "posted": request.POST if request.method == "POST" else {},
            "error": error,
        },
        status=400 if error else 200,
    )
