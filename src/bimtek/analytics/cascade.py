"""Cascade analytics from the database: a region's KPPS results, who trained them, and when those were trained.

A few grouped queries (`values_list`, no per-row ORM), then arrays for the pure core
(`readiness/core/cascade.py`). Attribution (docs/readiness.md, "Cascade analytics"):

- a KPPS trainee (a submitted first post-test of the election's KPPS program in the region) belongs to the
  bimtek session they checked in at (the latest, if several) or else to the session planned for their TPS
  crew (`tps-<id>` groups; a held session before a planned one);
- the session's facilitators each get the trainee (shared attribution);
- a facilitator's wave is the date of the ToT session of their unit's group (`ppk-<kec>` / `pps-<desa>`),
  their ToT score their own first ToT post-test.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from django.db.models import Count, Q
from django.db.models.functions import Substr

from bimtek.accounts.scoping import Scope, region_filter
from bimtek.analytics.core.cascade import Cascade, Facilitator, Links, ModuleCount, Scores, cascade
from bimtek.assessment.models import ProgramKind, Stage, TestForm
from bimtek.assessment.selectors import first_submitted, form_item_analysis, form_of
from bimtek.delivery.selectors import latest_attended_session
from bimtek.elections.models import Election
from bimtek.planner.models import Tier
from bimtek.planner.sessions import facilitator_pairs, live_groups
from bimtek.regions.models import Region
from bimtek.workforce.models import Body
from bimtek.workforce.selectors import appointments_in_scope, appointments_of_people, names_of


@dataclass(frozen=True)
class CascadeResult:
    election: Election
    region_code: str
    report: Cascade
    has_program: bool  # the election has a KPPS program with a post-test


def _form(election: Election, kind: str, stage: str) -> TestForm | None:
    return form_of(election, kind, stage)


def _first_attempts(form: TestForm | None, scope: Scope) -> Iterable[tuple[int, float, bool | None]]:
    if form is None:
        return []
    return first_submitted(form, scope).order_by().values_list("person_id", "percent", "passed")


def _scores(election: Election, scope: Scope) -> tuple[list[int], Scores]:
    post = {p: (pc, bool(ok)) for p, pc, ok in _first_attempts(_form(election, "kpps", Stage.POST), scope)}
    pre = {p: pc for p, pc, _ in _first_attempts(_form(election, "kpps", Stage.PRE), scope)}
    people = sorted(post)
    return people, Scores(
        post=np.array([post[p][0] for p in people], dtype=np.float64),
        passed=np.array([post[p][1] for p in people], dtype=bool),
        pre=np.array([pre.get(p, np.nan) for p in people], dtype=np.float64),
    )


def _attended(election: Election, scope: Scope) -> dict[int, int]:
    """person -> the latest bimtek session they checked in at."""
    return latest_attended_session(election, Tier.BIMTEK, scope)


def _planned(election: Election, scope: Scope) -> dict[int, int]:
    """person -> the bimtek session planned for their TPS crew (held first, then the latest)."""
    area = scope.region_code or ""
    groups = live_groups(election, Tier.BIMTEK, crews_only=True)
    if area:
        groups = groups.filter(region_filter("region_code", area))
    session_of: dict[int, int] = {}
    # planned sessions first, then held ones, each by date: the last written (the latest held) wins
    ordered = groups.order_by("-session__status", "session__date").values_list("tps_id", "session_id")
    for tps_id, session_id in ordered:
        session_of[tps_id] = session_id
    crews = (
        appointments_in_scope(scope)
        .filter(election=election, body=Body.KPPS, tps__isnull=False)
        .order_by("created_at")
        .values_list("person_id", "tps_id")
    )
    return {p: session_of[t] for p, t in crews if t in session_of}


def _facilitators_of(sessions: set[int]) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    rows = facilitator_pairs(sessions)
    for session_id, person_id in rows:
        out.setdefault(session_id, []).append(person_id)
    return out


def _facilitator_info(election: Election, people: list[int]) -> dict[int, Facilitator]:
    """Name, ToT wave and own ToT post-test score of each facilitator: three queries."""
    names = names_of(people)
    units = dict(
        (p, f"{body}-{region}")
        for p, body, region in appointments_of_people(people, [election.pk])
        .filter(body__in=[Body.PPK, Body.PPS])
        .order_by("created_at")
        .values_list("person_id", "body", "region_id")
    )
    waves: dict[str, dt.date] = {}
    for key, day in (
        live_groups(election, Tier.TOT)
        .filter(key__in=set(units.values()))
        .values_list("key", "session__date")
    ):
        waves[key] = max(waves.get(key, day), day)  # the planner's rule: the latest ToT session of the group
    tot_form = _form(election, ProgramKind.TOT, Stage.POST)
    tot = dict(
        first_submitted(tot_form).filter(person_id__in=people).order_by().values_list("person_id", "percent")
        if tot_form
        else []
    )
    return {p: Facilitator(p, names.get(p, ""), waves.get(units.get(p, "")), tot.get(p)) for p in people}


def _links(people: list[int], session_of: dict[int, int]) -> tuple[Links, list[int]]:
    fac = _facilitators_of(set(session_of.values()))
    trainee, facilitator, shared = [], [], []
    for row, person in enumerate(people):
        leaders = fac.get(session_of.get(person, -1), [])
        for f in leaders:
            trainee.append(row)
            facilitator.append(f)
            shared.append(len(leaders) > 1)
    links = Links(
        trainee=np.array(trainee, dtype=np.int64),
        facilitator=np.array(facilitator, dtype=np.int64),
        shared=np.array(shared, dtype=bool),
    )
    return links, sorted(set(facilitator))


def _modules(election: Election, scope: Scope) -> list[ModuleCount]:
    """Right answers and items given per module on the KPPS post-test, from the item analysis."""
    form = _form(election, "kpps", Stage.POST)
    if form is None:
        return []
    program = form.program
    modules = {m.bank: m for m in program.modules.all()}
    correct: dict[str, int] = {}
    answered: dict[str, int] = {}
    for row in form_item_analysis(form, scope).items:
        bank = row.version.question.bank
        if bank in modules and row.stat.facility is not None:
            answered[bank] = answered.get(bank, 0) + row.stat.attempts
            correct[bank] = correct.get(bank, 0) + round(row.stat.facility * row.stat.attempts)
    return [ModuleCount(modules[b].position, modules[b].title, correct[b], answered[b]) for b in answered]


def region_cascade(*, election: Election, scope: Scope, region_code: str) -> CascadeResult:
    """The cascade of a region, read within the caller's scope narrowed to that region."""
    area = Scope(
        region_code=region_code or scope.region_code, person_id=scope.person_id, nothing=scope.nothing
    )
    if not scope.covers(region_code):
        area = Scope(region_code=None, person_id=None, nothing=True)
    people, scores = _scores(election, area)
    session_of = _planned(election, area) | _attended(election, area)  # attendance wins over the plan
    links, facilitator_ids = _links(people, session_of)
    report = cascade(scores, links, _facilitator_info(election, facilitator_ids), _modules(election, area))
    has_program = _form(election, "kpps", Stage.POST) is not None
    return CascadeResult(election, region_code, report, has_program)


@dataclass(frozen=True)
class KabupatenEntry:
    code: str
    name: str
    participants: int  # KPPS with a first post-test submitted
    passed: int


def cascade_entry(*, election: Election, scope: Scope) -> list[KabupatenEntry]:
    """The national (or provincial) way in: every kabupaten/kota in scope whose KPPS have taken the bimtek
    post-test, with how many passed; one grouped query over the attempts, whatever the country's size."""
    form = _form(election, "kpps", Stage.POST)
    if form is None:
        return []
    length = len("19.06")  # a kabupaten/kota's code: the first two parts
    rows = (
        first_submitted(form, scope)
        .annotate(kabupaten=Substr("region_id", 1, length))
        .values("kabupaten")
        .annotate(n=Count("id"), ok=Count("id", filter=Q(passed=True)))
        .order_by("kabupaten")
    )
    counts = {r["kabupaten"]: (r["n"], r["ok"]) for r in rows}
    names = dict(Region.objects.filter(code__in=counts).values_list("code", "name"))
    return [KabupatenEntry(code, names.get(code, code), n, ok) for code, (n, ok) in counts.items()]
