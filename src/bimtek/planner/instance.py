"""The core's instance for a plan, built from the registry: groups, venues, facilitators and rules.

`build(spec)` reads regions, appointments, TPS and the plan's venues into a core `Instance` (with warnings for
units that fell back to the norm), folded to sessions as long as the program (`planner.core.length`).
Re-planning keeps held sessions: their groups leave the instance and their days leave the venues.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Any

from django.db.models import Q, QuerySet

from bimtek.accounts.scoping import region_filter
from bimtek.elections.models import Election
from bimtek.planner.core.length import Length, fold, length_for
from bimtek.planner.core.schema import (
    Facilitator,
    Instance,
    Rules,
    Venue,
    Window,
)
from bimtek.planner.groups import GroupInfo, crew_groups, desa_groups, makeup_groups, tot_groups
from bimtek.planner.models import (
    PlanVenue,
    SessionFacilitator,
    SessionGroup,
    SessionStatus,
    Tier,
    TrainingPlan,
    TrainingSession,
    not_over_by,
)
from bimtek.planner.selectors import program_minutes
from bimtek.planner.spec import PlanSpec, VenueSpec
from bimtek.workforce.models import Body
from bimtek.workforce.selectors import active_in


@dataclass
class Built:
    instance: Instance
    groups: dict[str, GroupInfo]
    facilitators: dict[str, int]  # facilitator id -> person id
    warnings: list[dict[str, str]]
    held_groups: set[str] = field(default_factory=set)
    length: Length = field(default_factory=Length)  # how long each session is; `instance` is folded to it
    minutes: int | None = None  # the program's minutes (sum of its modules), None when it has no modules


def plan_instance(plan: TrainingPlan) -> Instance:
    """The core's instance for a stored plan, without the groups and days of sessions already held."""
    return build(spec_of(plan)).instance


def spec_of(plan: TrainingPlan) -> PlanSpec:
    venues = []
    window = window_days(plan.start, plan.end)
    for pv in PlanVenue.objects.filter(plan=plan).select_related("venue"):
        days = tuple(sorted(dt.date.fromisoformat(d) for d in pv.days)) if pv.days else window
        venues.append(
            VenueSpec(
                venue_key(pv.venue_id), pv.venue.region_id, pv.venue.capacity, pv.sessions_per_day, days
            )
        )
    return PlanSpec(
        election=plan.election,
        tier=plan.tier,
        region_code=plan.region_id,
        start=plan.start,
        end=plan.end,
        venues=tuple(venues),
        rules=plan.rules,
        include_linmas=plan.include_linmas,
        plan_id=plan.pk,
    )


def venue_key(venue_id: int) -> str:
    return f"v{venue_id}"


def venue_id_of(key: str) -> int:
    return int(key[1:])


def build(spec: PlanSpec) -> Built:
    warnings: list[dict[str, str]] = []
    rules = rules_of(spec.rules, spec.election)
    facilitators: list[Facilitator] = []
    people: dict[str, int] = {}
    if spec.tier == Tier.TOT:
        groups, info = tot_groups(spec, warnings)
    elif spec.tier == Tier.PENDALAMAN:
        groups, info = desa_groups(spec, warnings)
        facilitators, people = _facilitators(spec, bodies=[Body.PPS])
        # A desa's crews deepen their training with their own PPS: one of them in every session.
        rules = replace(
            rules, facilitator_area="desa", facilitators_per_session=max(1, rules.facilitators_per_session)
        )
    elif spec.tier == Tier.SUSULAN:
        groups, info = makeup_groups(spec)
        facilitators, people = _facilitators(spec)
    else:
        groups, info = crew_groups(spec, warnings)
        facilitators, people = _facilitators(spec)
    held_groups, held_days = _held(spec.plan_id)
    booked_days, busy = _elsewhere(spec, set(people.values()))
    groups = [g for g in groups if g.id not in held_groups]
    facilitators = [
        replace(f, busy_days=busy[people[f.id]]) if people[f.id] in busy else f for f in facilitators
    ]
    if booked_days or busy:
        warnings.append(_booked_warning(booked_days, busy))
    venues = []
    for v in spec.venues:
        days = tuple(
            d
            for d in v.days
            if spec.start <= d <= spec.end and (v.id, d) not in held_days and (v.id, d) not in booked_days
        )
        if days:
            venues.append(Venue(v.id, v.region, v.capacity, v.sessions_per_day, days))
    if not venues:
        warnings.append({"code": "tanpa_tempat", "message": "Belum ada tempat dengan hari yang tersedia"})
    instance = Instance(
        window=Window(spec.start, spec.end),
        venues=tuple(venues),
        groups=tuple(groups),
        facilitators=tuple(facilitators),
        rules=rules,
    )
    minutes = program_minutes(spec.election.pk, spec.tier)
    length = length_for(minutes)
    if venues and not length.single and not fold(instance, length).venues:
        warnings.append(
            {
                "code": "hari_tidak_cukup",
                "message": f"Program {minutes} menit butuh {length.days} hari berturut-turut di satu tempat; "
                "tidak ada tempat yang buka selama itu dalam jadwal",
            }
        )
    return Built(fold(instance, length), info, people, warnings, held_groups, length, minutes)


def rules_of(data: dict[str, Any], election: Election) -> Rules:
    def day(key: str) -> dt.date | None:
        return dt.date.fromisoformat(data[key]) if data.get(key) else None

    min_days = data.get("min_days_before_voting")
    return Rules(
        facilitators_per_session=int(data.get("facilitators_per_session") or 0),
        facilitator_area=data.get("facilitator_area") or "any",
        facilitator_max_sessions_per_day=int(data.get("facilitator_max_sessions_per_day") or 2),
        not_before=day("not_before"),
        deadline=day("deadline"),
        voting_day=election.voting_day,
        min_days_before_voting=None if min_days in (None, "") else int(min_days),
        locality=data.get("locality") or "prefer",
    )


def window_days(start: dt.date, end: dt.date) -> tuple[dt.date, ...]:
    return tuple(start + dt.timedelta(days=i) for i in range((end - start).days + 1))


def _facilitators(
    spec: PlanSpec, bodies: list[str] | None = None
) -> tuple[list[Facilitator], dict[str, int]]:
    """The PPK and PPS of the region, available from the day after their own ToT session."""
    trained = _tot_dates(spec.election, spec.region_code)
    rows = (
        active_in(spec.election, spec.region_code, bodies or [Body.PPK, Body.PPS])
        .order_by("region_id", "body", "seat")
        .values("body", "region_id", "seat", "person_id")
    )
    facilitators, people = [], {}
    for r in rows:
        key = f"{r['body']}-{r['region_id']}-{r['seat']}"
        tot = trained.get(f"{r['body']}-{r['region_id']}")
        available = tot + dt.timedelta(days=1) if tot else None
        facilitators.append(Facilitator(key, r["region_id"], available))
        people[key] = r["person_id"]
    return facilitators, people


def _tot_dates(election: Election, code: str) -> dict[str, dt.date]:
    """Group key -> date of its ToT session, from ToT plans of the same election."""
    kec = ".".join(code.split(".")[:3])
    rows = SessionGroup.objects.filter(
        region_filter("region_code", kec),
        session__plan__election=election,
        session__plan__tier=Tier.TOT,
        session__status__in=[SessionStatus.PLANNED, SessionStatus.HELD],
    ).values("key", "session__date", "session__days")
    dates: dict[str, dt.date] = {}
    for r in rows:
        last = r["session__date"] + dt.timedelta(days=r["session__days"] - 1)  # a ToT ends on its last day
        dates[r["key"]] = max(dates.get(r["key"], last), last)
    return dates


def _elsewhere(
    spec: PlanSpec, person_ids: set[int]
) -> tuple[set[tuple[str, dt.date]], dict[int, tuple[dt.date, ...]]]:
    """What other plans already use in this window: (venue, day) pairs and each facilitator's busy days.

    Plans don't see each other's models, so a hall or a PPS booked by the ToT or by a neighbouring
    kecamatan's plan is taken out here, by whole days as for held sessions. Alternatives of this very plan
    (same election, tier and region) are drafts competing with it, not bookings, and are left out.
    """
    others = (
        TrainingSession.objects.filter(
            not_over_by(spec.start), date__lte=spec.end
        )  # a 2-day session may begin before
        .exclude(status=SessionStatus.CANCELLED)
        .exclude(plan__election=spec.election, plan__tier=spec.tier, plan__region_id=spec.region_code)
    )
    venue_ids = [venue_id_of(v.id) for v in spec.venues if v.id[1:].isdigit()]  # stored halls only
    booked = {
        (venue_key(v), d)
        for v, first, n in others.filter(venue_id__in=venue_ids).values_list("venue_id", "date", "days")
        for d in _span(first, n)
    }
    days: dict[int, set[dt.date]] = defaultdict(set)
    if person_ids:
        rows = SessionFacilitator.objects.filter(session__in=others, person_id__in=person_ids)
        for person_id, first, n in rows.values_list("person_id", "session__date", "session__days"):
            days[person_id].update(_span(first, n))
    return booked, {p: tuple(sorted(d)) for p, d in days.items()}


def _booked_warning(booked: set[tuple[str, dt.date]], busy: dict[int, tuple[dt.date, ...]]) -> dict[str, str]:
    return {
        "code": "dipakai_rencana_lain",
        "message": f"{len(booked)} hari-tempat dan {len(busy)} fasilitator sudah terpakai oleh rencana lain "
        "pada rentang tanggal ini; hari-hari itu tidak dipakai",
    }


def _span(first: dt.date, days: int) -> list[dt.date]:
    """The days a session of `days` days from `first` occupies."""
    return [first + dt.timedelta(days=i) for i in range(max(1, days))]


def fixed_sessions(plan_id: int) -> QuerySet[TrainingSession]:
    """Sessions a re-plan must not touch: held ones, and planned ones where someone has already checked in
    (attendance is evidence the session took place, and it is protected from deletion)."""
    return (
        TrainingSession.objects.filter(plan_id=plan_id)
        .filter(Q(status=SessionStatus.HELD) | Q(status=SessionStatus.PLANNED, attendances__isnull=False))
        .distinct()
    )


def _held(plan_id: int | None) -> tuple[set[str], set[tuple[str, dt.date]]]:
    """Groups trained in held sessions, and the (venue, day) pairs those sessions occupy.

    The whole day leaves the venue: the core's venues offer the same slots every day, so a day with one held
    slot cannot offer only the others. Conservative: it never double-books a hall.
    """
    if plan_id is None:
        return set(), set()
    held = fixed_sessions(plan_id)
    days = {
        (venue_key(v), d)
        for v, first, n in held.values_list("venue_id", "date", "days")
        for d in _span(first, n)
    }
    groups = set(SessionGroup.objects.filter(session__in=held).values_list("key", flat=True))
    return groups, days
