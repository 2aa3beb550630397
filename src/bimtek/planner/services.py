"""Plans in the product: build the core's instance from the registry, solve it in a job, store the sessions.

1. `plan_instance` reads regions, appointments, TPS and the plan's venues into a core `Instance` (with warnings
   for units that fell back to the norm).
2. `plan_solve` solves it (split per kecamatan when a bimtek covers several), validates the plan with the
   core's independent validator and stores it as sessions in one transaction.
3. Re-planning keeps held sessions: their groups leave the instance and their days leave the venues; the
   previous plan is the solver's hint, and is kept as it is when it is still valid and as good on the first
   two priorities (nobody left out, fewest sessions), so a re-plan moves people only when it must.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Any

from django.db import transaction
from django.db.models import Count, Q, QuerySet

from bimtek.accounts.scoping import region_filter
from bimtek.audit.services import log_action
from bimtek.elections.models import TPS, Election
from bimtek.jobs.models import Job
from bimtek.jobs.services import job_start
from bimtek.lib.errors import DomainError
from bimtek.lib.reports import Progress, no_progress
from bimtek.planner.core.io import AREAS, LOCALITIES, explanation_to_dict, plan_to_dict
from bimtek.planner.core.national import solve_parts, split
from bimtek.planner.core.objective import score
from bimtek.planner.core.schema import (
    Explanation,
    Facilitator,
    Group,
    Instance,
    Plan,
    Rules,
    Score,
    Session,
    Venue,
    Window,
)
from bimtek.planner.core.solver import greedy_result, solve, solve_cpsat
from bimtek.planner.core.text import angka, tanggal
from bimtek.planner.core.validation import Violation, validate
from bimtek.planner.models import (
    GroupBody,
    PlanStatus,
    PlanVenue,
    SessionFacilitator,
    SessionGroup,
    SessionStatus,
    Tier,
    TrainingPlan,
    TrainingSession,
)
from bimtek.planner.models import Venue as VenueRow
from bimtek.planner.selectors import untrained_replacements
from bimtek.regions.models import Level, Region
from bimtek.workforce.models import Appointment, Body

DEFAULT_TIME_LIMIT = 10.0  # seconds of CP-SAT per plan (per part when split)
RULE_FIELDS = (
    "facilitators_per_session",
    "facilitator_area",
    "facilitator_max_sessions_per_day",
    "not_before",
    "deadline",
    "min_days_before_voting",
    "locality",
)

ERR_REGION_LEVEL = (
    "Wilayah rencana harus kabupaten/kota (ToT), kabupaten/kota/kecamatan (bimtek, pendalaman) "
    "atau kecamatan (sesi susulan)"
)
ERR_WINDOW = "Tanggal selesai harus sama dengan atau sesudah tanggal mulai"
ERR_VENUE_OUTSIDE = "Tempat {name} berada di luar wilayah rencana"
ERR_RUNNING = "Rencana ini sedang disusun; tunggu sampai selesai"
ERR_NOT_WRITER = "Hanya KPU yang dapat menyusun rencana"
ERR_SESSION_STATE = "Hanya sesi yang direncanakan yang dapat ditandai sudah dilaksanakan"


# -- building the instance -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class VenueSpec:
    id: str
    region: str
    capacity: int
    sessions_per_day: int
    days: tuple[dt.date, ...]


@dataclass(frozen=True)
class PlanSpec:
    """What a plan asks for, stored or not (the CLI's `scenario` builds one without saving it)."""

    election: Election
    tier: str
    region_code: str
    start: dt.date
    end: dt.date
    venues: tuple[VenueSpec, ...]
    rules: dict[str, Any] = field(default_factory=dict)
    include_linmas: bool = False
    plan_id: int | None = None


@dataclass(frozen=True)
class GroupInfo:
    body: str
    region: str
    tps_id: int | None
    label: str
    appointment_id: int | None = None


@dataclass
class Built:
    instance: Instance
    groups: dict[str, GroupInfo]
    facilitators: dict[str, int]  # facilitator id -> person id
    warnings: list[dict[str, str]]
    held_groups: set[str] = field(default_factory=set)


def plan_instance(plan: TrainingPlan) -> Instance:
    """The core's instance for a stored plan, without the groups and days of sessions already held."""
    return build(spec_of(plan)).instance


def spec_of(plan: TrainingPlan) -> PlanSpec:
    venues = []
    window = _days(plan.start, plan.end)
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
        groups, info = _tot_groups(spec, warnings)
    elif spec.tier == Tier.PENDALAMAN:
        groups, info = _desa_groups(spec, warnings)
        facilitators, people = _facilitators(spec, bodies=[Body.PPS])
        # A desa's crews deepen their training with their own PPS: one of them in every session.
        rules = replace(
            rules, facilitator_area="desa", facilitators_per_session=max(1, rules.facilitators_per_session)
        )
    elif spec.tier == Tier.SUSULAN:
        groups, info = _makeup_groups(spec)
        facilitators, people = _facilitators(spec)
    else:
        groups, info = _crew_groups(spec, warnings)
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
    return Built(instance, info, people, warnings, held_groups)


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


def _days(start: dt.date, end: dt.date) -> tuple[dt.date, ...]:
    return tuple(start + dt.timedelta(days=i) for i in range((end - start).days + 1))


def _active_counts(election: Election, code: str, bodies: list[str], by: str) -> dict[tuple[str, Any], int]:
    rows = (
        Appointment.objects.active()
        .filter(region_filter("region__code", code), election=election, body__in=bodies)
        .values("body", by)
        .annotate(n=Count("id"))
    )
    return {(r["body"], r[by]): r["n"] for r in rows}


def _norm_warning(label: str, norm: int) -> dict[str, str]:
    return {
        "code": "pakai_norma",
        "message": f"{label}: belum ada petugas aktif; dihitung {norm} orang sesuai norma",
    }


def _tot_groups(spec: PlanSpec, warnings: list[dict[str, str]]) -> tuple[list[Group], dict[str, GroupInfo]]:
    """One group per kecamatan's PPK and per desa's PPS, sized by active appointments (or the norm)."""
    election, code = spec.election, spec.region_code
    counts = _active_counts(election, code, [Body.PPK, Body.PPS], "region_id")
    groups, info = [], {}
    units = Region.objects.within(code).filter(level__in=[Level.KECAMATAN, Level.DESA]).order_by("code")
    for region in units:
        body = Body.PPK if region.level == Level.KECAMATAN else Body.PPS
        label = f"{body.upper()} {region.display_name}"
        size = counts.get((body, region.code), 0)
        if size == 0:
            size = election.norm(body)
            warnings.append(_norm_warning(label, size))
        key = f"{body}-{region.code}"
        groups.append(Group(key, region.code, size))
        info[key] = GroupInfo(str(body), region.code, None, label)
    return groups, info


def _crew_groups(spec: PlanSpec, warnings: list[dict[str, str]]) -> tuple[list[Group], dict[str, GroupInfo]]:
    """One group per TPS: its KPPS, and its Linmas when the plan includes them."""
    election, code = spec.election, spec.region_code
    bodies = [Body.KPPS, Body.LINMAS] if spec.include_linmas else [Body.KPPS]
    counts = _active_counts(election, code, bodies, "tps_id")
    norm = sum(election.norm(b) for b in bodies)
    tps_rows = (
        TPS.objects.filter(region_filter("village__code", code), election=election)
        .select_related("village")
        .order_by("village_id", "number")
    )
    groups, info = [], {}
    for tps in tps_rows:
        label = f"TPS {tps.label} {tps.village.name}"
        size = sum(counts.get((b, tps.pk), 0) for b in bodies)
        if size == 0:
            size = norm
            warnings.append(_norm_warning(label, size))
        key = f"tps-{tps.pk}"
        groups.append(Group(key, tps.village_id, size, not_before=None))
        info[key] = GroupInfo("kpps", tps.village_id, tps.pk, label)
    return groups, info


def _desa_groups(spec: PlanSpec, warnings: list[dict[str, str]]) -> tuple[list[Group], dict[str, GroupInfo]]:
    """Pendalaman: one group per desa with TPS, all its crews together (and Linmas when the plan says)."""
    election, code = spec.election, spec.region_code
    bodies = [Body.KPPS, Body.LINMAS] if spec.include_linmas else [Body.KPPS]
    counts = _active_counts(election, code, bodies, "region_id")
    norm = sum(election.norm(b) for b in bodies)
    tps_per_desa = (
        TPS.objects.filter(region_filter("village__code", code), election=election)
        .values("village_id", "village__name")
        .annotate(n=Count("id"))
        .order_by("village_id")
    )
    groups, info = [], {}
    for row in tps_per_desa:
        desa = row["village_id"]
        label = f"KPPS {row['village__name']}"
        size = sum(counts.get((b, desa), 0) for b in bodies)
        if size == 0:
            size = norm * row["n"]
            warnings.append(_norm_warning(label, size))
        key = f"desa-{desa}"
        groups.append(Group(key, desa, size))
        info[key] = GroupInfo(GroupBody.DESA, desa, None, label)
    return groups, info


def _makeup_groups(spec: PlanSpec) -> tuple[list[Group], dict[str, GroupInfo]]:
    """Sesi susulan: one group of one person per PAW replacement still untrained (read at solve time)."""
    groups, info = [], {}
    for a in untrained_replacements(spec.election, spec.region_code):
        key = f"orang-{a.pk}"
        groups.append(Group(key, a.region_id, 1, splittable=True))
        # No name: the label is stored in the plan's summary, which every reader of the plan sees.
        label = f"PAW {a.get_body_display()} TPS {a.tps.label if a.tps else '-'} {a.region.name}"
        info[key] = GroupInfo(GroupBody.PERSON, a.region_id, None, label, appointment_id=a.pk)
    return groups, info


def _facilitators(
    spec: PlanSpec, bodies: list[str] | None = None
) -> tuple[list[Facilitator], dict[str, int]]:
    """The PPK and PPS of the region, available from the day after their own ToT session."""
    trained = _tot_dates(spec.election, spec.region_code)
    rows = (
        Appointment.objects.active()
        .filter(region_filter("region__code", spec.region_code), election=spec.election)
        .filter(body__in=bodies or [Body.PPK, Body.PPS])
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
    ).values("key", "session__date")
    dates: dict[str, dt.date] = {}
    for r in rows:
        dates[r["key"]] = max(dates.get(r["key"], r["session__date"]), r["session__date"])
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
        TrainingSession.objects.filter(date__gte=spec.start, date__lte=spec.end)
        .exclude(status=SessionStatus.CANCELLED)
        .exclude(plan__election=spec.election, plan__tier=spec.tier, plan__region_id=spec.region_code)
    )
    venue_ids = [venue_id_of(v.id) for v in spec.venues if v.id[1:].isdigit()]  # stored halls only
    booked = {
        (venue_key(v), d) for v, d in others.filter(venue_id__in=venue_ids).values_list("venue_id", "date")
    }
    days: dict[int, set[dt.date]] = defaultdict(set)
    if person_ids:
        rows = SessionFacilitator.objects.filter(session__in=others, person_id__in=person_ids)
        for person_id, day in rows.values_list("person_id", "session__date"):
            days[person_id].add(day)
    return booked, {p: tuple(sorted(d)) for p, d in days.items()}


def _booked_warning(booked: set[tuple[str, dt.date]], busy: dict[int, tuple[dt.date, ...]]) -> dict[str, str]:
    return {
        "code": "dipakai_rencana_lain",
        "message": f"{len(booked)} hari-tempat dan {len(busy)} fasilitator sudah terpakai oleh rencana lain "
        "pada rentang tanggal ini; hari-hari itu tidak dipakai",
    }


def _fixed_sessions(plan_id: int) -> QuerySet[TrainingSession]:
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
    held = _fixed_sessions(plan_id)
    days = {(venue_key(v), d) for v, d in held.values_list("venue_id", "date")}
    groups = set(SessionGroup.objects.filter(session__in=held).values_list("key", flat=True))
    return groups, days


# -- scenario JSON ------------------------------------------------------------------------------------------------


def plan_scenario(
    *,
    election: Election,
    tier: str,
    region_code: str,
    start: dt.date,
    end: dt.date,
    venue_capacity: int | None = None,
    sessions_per_day: int = 1,
    rules: dict[str, Any] | None = None,
    include_linmas: bool = False,
) -> dict[str, Any]:
    """The scenario JSON `bimtek plan solve` reads, from the registry: stored venues of the region, and one
    hall at the region itself with `venue_capacity` seats when given."""
    _check_request(tier=tier, region_code=region_code, start=start, end=end)
    window = _days(start, end)
    venues = [
        VenueSpec(venue_key(v.pk), v.region_id, v.capacity, sessions_per_day, window)
        for v in VenueRow.objects.within_region(region_code)
    ]
    if venue_capacity:
        venues.append(VenueSpec(f"aula-{region_code}", region_code, venue_capacity, sessions_per_day, window))
    spec = PlanSpec(election, tier, region_code, start, end, tuple(venues), rules or {}, include_linmas)
    built = build(spec)
    return {**instance_to_dict(built.instance), "warnings": built.warnings}


def instance_to_dict(instance: Instance) -> dict[str, Any]:
    def iso(day: dt.date | None) -> str | None:
        return day.isoformat() if day else None

    r = instance.rules
    return {
        "window": {"start": iso(instance.window.start), "end": iso(instance.window.end)},
        "venues": [
            {
                "id": v.id,
                "region": v.region,
                "capacity": v.capacity,
                "sessions_per_day": v.sessions_per_day,
                "days": [iso(d) for d in v.days],
            }
            for v in instance.venues
        ],
        "groups": [
            {
                "id": g.id,
                "region": g.region,
                "size": g.size,
                "splittable": g.splittable,
                "not_before": iso(g.not_before),
            }
            for g in instance.groups
        ],
        "facilitators": [
            {
                "id": f.id,
                "region": f.region,
                "available_from": iso(f.available_from),
                "max_sessions_per_day": f.max_sessions_per_day,
                **({"busy_days": [iso(d) for d in f.busy_days]} if f.busy_days else {}),
            }
            for f in instance.facilitators
        ],
        "rules": {
            "facilitators_per_session": r.facilitators_per_session,
            "facilitator_locality": r.facilitator_area,
            "facilitator_max_sessions_per_day": r.facilitator_max_sessions_per_day,
            "not_before": iso(r.not_before),
            "deadline": iso(r.deadline),
            "voting_day": iso(r.voting_day),
            "min_days_before_voting": r.min_days_before_voting,
            "locality": r.locality,
        },
    }


# -- writes ------------------------------------------------------------------------------------------------------


def _check_request(*, tier: str, region_code: str, start: dt.date, end: dt.date) -> Region:
    region = Region.objects.filter(code=region_code).first()
    allowed = {
        Tier.TOT: {Level.KABKOTA},
        Tier.BIMTEK: {Level.KABKOTA, Level.KECAMATAN},
        Tier.PENDALAMAN: {Level.KABKOTA, Level.KECAMATAN},
        Tier.SUSULAN: {Level.KECAMATAN},
    }.get(tier, set())  # type: ignore[call-overload]
    if region is None or region.level not in allowed:
        raise DomainError("wilayah_tingkat", ERR_REGION_LEVEL)
    if end < start:
        raise DomainError("jendela_terbalik", ERR_WINDOW)
    return region


def _check_rules(rules: dict[str, Any]) -> dict[str, Any]:
    unknown = set(rules) - set(RULE_FIELDS)
    if unknown:
        raise DomainError("aturan_tidak_dikenal", f"Aturan tidak dikenal: {', '.join(sorted(unknown))}")
    if rules.get("facilitator_area", "any") not in AREAS or rules.get("locality", "prefer") not in LOCALITIES:
        raise DomainError("aturan_tidak_sah", "Nilai aturan tidak sah")
    return {
        k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in rules.items() if v not in (None, "")
    }


@transaction.atomic(durable=True)
def venue_create(*, name: str, region: Region, capacity: int, address: str = "", actor: Any) -> VenueRow:
    venue = VenueRow.objects.create(name=name, region=region, capacity=capacity, address=address)
    log_action(
        actor=actor,
        action="planner.venue.create",
        object_type="venue",
        object_id=venue.pk,
        region_code=region.code,
        after={"name": name, "capacity": capacity, "address": address},
    )
    return venue


@dataclass(frozen=True)
class VenueUse:
    venue: VenueRow
    sessions_per_day: int = 1
    days: tuple[dt.date, ...] = ()  # empty: every day of the window


@transaction.atomic(durable=True)
def plan_create(
    *,
    election: Election,
    tier: str,
    region: Region,
    start: dt.date,
    end: dt.date,
    venues: list[VenueUse],
    rules: dict[str, Any] | None = None,
    include_linmas: bool = False,
    actor: Any,
) -> TrainingPlan:
    _check_request(tier=tier, region_code=region.code, start=start, end=end)
    clean_rules = _check_rules(rules or {})
    for use in venues:
        if not (use.venue.region_id == region.code or use.venue.region_id.startswith(f"{region.code}.")):
            raise DomainError("tempat_di_luar_wilayah", ERR_VENUE_OUTSIDE.format(name=use.venue.name))
    plan = TrainingPlan.objects.create(
        election=election,
        tier=tier,
        region=region,
        start=start,
        end=end,
        rules=clean_rules,
        include_linmas=include_linmas and tier in (Tier.BIMTEK, Tier.PENDALAMAN),
        created_by=actor if actor is not None and not isinstance(actor, str) else None,
    )
    PlanVenue.objects.bulk_create(
        PlanVenue(
            plan=plan,
            venue=use.venue,
            sessions_per_day=use.sessions_per_day,
            days=[d.isoformat() for d in use.days if start <= d <= end],
        )
        for use in venues
    )
    log_action(
        actor=actor,
        action="planner.plan.create",
        object_type="training_plan",
        object_id=plan.pk,
        region_code=region.code,
        after={
            "tier": tier,
            "start": start.isoformat(),
            "end": end.isoformat(),
            "venues": [u.venue.pk for u in venues],
            "rules": clean_rules,
        },
    )
    return plan


@transaction.atomic(durable=True)
def plan_enqueue(*, plan: TrainingPlan, actor: Any) -> Job:
    """Queue the plan for the job worker; the page then follows the job."""
    plan = TrainingPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.status in (PlanStatus.QUEUED, PlanStatus.SOLVING):
        raise DomainError("sedang_berjalan", ERR_RUNNING)
    job = job_start(
        kind="plan.solve",
        title=f"Rencana {plan.get_tier_display()} {plan.region.display_name}",
        params={"plan_id": plan.pk},
        actor=actor,
        region_code=plan.region_id,
    )
    before = plan.status
    plan.status, plan.job = PlanStatus.QUEUED, job
    plan.save(update_fields=["status", "job"])
    log_action(
        actor=actor,
        action="planner.plan.enqueue",
        object_type="training_plan",
        object_id=plan.pk,
        region_code=plan.region_id,
        before={"status": before},
        after={"status": plan.status, "job": str(job.pk)},
    )
    return job


@transaction.atomic(durable=True)
def session_mark_held(*, session: TrainingSession, actor: Any) -> TrainingSession:
    session = TrainingSession.objects.select_for_update().get(pk=session.pk)
    if session.status != SessionStatus.PLANNED:
        raise DomainError("sesi_bukan_rencana", ERR_SESSION_STATE)
    session.status = SessionStatus.HELD
    session.save(update_fields=["status"])
    log_action(
        actor=actor,
        action="planner.session.held",
        object_type="training_session",
        object_id=session.pk,
        region_code=session.region_code,
        before={"status": SessionStatus.PLANNED},
        after={"status": SessionStatus.HELD, "date": session.date.isoformat(), "slot": session.slot},
    )
    return session


# -- solving -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    plan: Plan
    status: str
    score: Score
    lower_bound: int
    method: str
    stats: dict[str, Any]
    explanation: Explanation | None = None

    @property
    def gap(self) -> float:
        if self.plan.unplanned or self.score.sessions == 0:
            return 0.0 if self.score.sessions == self.lower_bound else 1.0
        return max(0.0, (self.score.sessions - self.lower_bound) / self.score.sessions)


def plan_solve(
    *,
    plan: TrainingPlan,
    actor: Any,
    time_limit: float = DEFAULT_TIME_LIMIT,
    progress: Progress = no_progress,
) -> dict[str, Any]:
    """Solve and store a plan now (the job handler and `bimtek plan run --wait` call this)."""
    TrainingPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.SOLVING)
    try:
        progress(0, 4, "Menyusun data peserta dan tempat")
        built = build(spec_of(plan))
        previous = _previous_plan(plan)
        progress(1, 4, f"Menjadwalkan {angka(built.instance.total_participants())} peserta")
        outcome = _solve(
            built.instance, previous, time_limit=time_limit, by_kecamatan=_split_needed(plan, built)
        )
        progress(2, 4, "Memeriksa rencana")
        violations = validate(built.instance, outcome.plan)
        summary = _summary(built, outcome, violations, previous)
        progress(3, 4, "Menyimpan sesi")
        _store(plan=plan, built=built, outcome=outcome, summary=summary, actor=actor)
    except Exception:
        TrainingPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.FAILED)
        raise
    progress(4, 4, "Selesai")
    return {
        "plan_id": plan.pk,
        **{k: summary[k] for k in ("status", "sessions", "unplanned_participants", "moved")},
        **({"explanation": summary["explanation"]} if summary["explanation"] else {}),
    }


def _split_needed(plan: TrainingPlan, built: Built) -> bool:
    kecamatans = {".".join(g.region.split(".")[:3]) for g in built.instance.groups}
    return plan.tier in (Tier.BIMTEK, Tier.PENDALAMAN) and len(kecamatans) > 1


def _previous_plan(plan: TrainingPlan) -> Plan | None:
    sessions = []
    rows = TrainingSession.objects.filter(plan=plan, status=SessionStatus.PLANNED).prefetch_related("groups")
    for s in rows:
        allocation = tuple((g.key, g.participants) for g in s.groups.all())
        if allocation:
            sessions.append(Session(venue_key(s.venue_id), s.date, s.slot, allocation))
    return Plan(tuple(sessions)) if sessions else None


def _solve(instance: Instance, previous: Plan | None, *, time_limit: float, by_kecamatan: bool) -> Outcome:
    if not instance.groups:
        return Outcome(Plan(()), "OPTIMAL", Score(0, 0, 0, 0), 0, "kosong", {})
    outcome = (
        _solve_split(instance, time_limit) if by_kecamatan else _solve_one(instance, previous, time_limit)
    )
    kept = _keep_previous(instance, previous, outcome)
    return kept or outcome


def _solve_one(instance: Instance, previous: Plan | None, time_limit: float) -> Outcome:
    if previous is None:
        result = solve(instance, time_limit=time_limit)
    else:
        # The previous plan as the warm start, so CP-SAT starts from where people already are.
        result = solve_cpsat(instance, time_limit=time_limit, hint=previous)
        baseline = greedy_result(instance)
        if result.status in ("UNKNOWN", "INFEASIBLE") or baseline.score.as_tuple() < result.score.as_tuple():
            result = replace(baseline, method="greedy-fallback", stats=result.stats)
        if result.plan.unplanned:
            result = solve(instance, time_limit=time_limit)  # for the explanation
    return Outcome(
        result.plan,
        result.status,
        result.score,
        result.lower_bound_sessions,
        result.method,
        dict(result.stats),
        result.explanation,
    )


def _solve_split(instance: Instance, time_limit: float) -> Outcome:
    """A bimtek over several kecamatan: each kecamatan alone (its halls, its PPK/PPS), in this process."""
    parts = split(instance, "kecamatan")
    combined = solve_parts(parts, time_limit=min(time_limit, 2.0), workers=1, progress=False)
    explanation = None
    for part, result in zip(parts, combined.results, strict=True):
        if result.plan.unplanned:
            explanation = solve(part, time_limit=min(time_limit, 2.0)).explanation
            break
    methods = ", ".join(f"{k}: {v}" for k, v in sorted(combined.methods().items()))
    return Outcome(
        combined.plan,
        "INFEASIBLE" if combined.plan.unplanned else "FEASIBLE",
        combined.score,
        combined.lower_bound_sessions,
        f"per kecamatan ({methods})",
        {"parts": len(parts)},
        explanation,
    )


def _keep_previous(instance: Instance, previous: Plan | None, outcome: Outcome) -> Outcome | None:
    """The previous plan, refitted to today's group sizes, when it is valid and as good on the first two
    priorities: moving people is worse than a little more travel or a less even split."""
    if previous is None:
        return None
    sizes = {g.id: g.size for g in instance.groups}
    sessions = []
    for s in previous.sessions:
        allocation = tuple((g, sizes[g]) for g, _ in s.allocation if g in sizes)
        if allocation:
            sessions.append(replace(s, allocation=allocation))
    candidate = Plan(tuple(sessions))
    planned = {g for s in sessions for g in s.group_ids}
    if planned != set(sizes) or validate(instance, candidate):
        return None
    kept_score = score(instance, candidate)
    if kept_score.as_tuple()[:2] > outcome.score.as_tuple()[:2]:
        return None
    return replace(outcome, plan=candidate, score=kept_score, status="FEASIBLE", method="rencana-lama")


def _moved(previous: Plan | None, new: Plan) -> int:
    if previous is None:
        return 0
    before = {g: s.key for s in previous.sessions for g in s.group_ids}
    after = {g: s.key for s in new.sessions for g in s.group_ids}
    return sum(1 for g, key in before.items() if g in after and after[g] != key)


def _summary(
    built: Built, outcome: Outcome, violations: list[Violation], previous: Plan | None
) -> dict[str, Any]:
    explanation = None if outcome.explanation is None else explanation_to_dict(outcome.explanation)
    unplanned = [
        {"group": g, "label": built.groups[g].label if g in built.groups else g, "participants": n}
        for g, n in outcome.plan.unplanned
    ]
    return {
        "status": outcome.status,
        "method": outcome.method,
        "participants": built.instance.total_participants(),
        "groups": len(built.instance.groups),
        "sessions": outcome.score.sessions,
        "unplanned": unplanned,
        "unplanned_participants": outcome.score.unplanned,
        "objective": {
            "unplanned": outcome.score.unplanned,
            "sessions": outcome.score.sessions,
            "travel": outcome.score.travel,
            "imbalance": outcome.score.imbalance,
        },
        "lower_bound_sessions": outcome.lower_bound,
        "gap": round(outcome.gap, 4),
        "stats": {k: v for k, v in outcome.stats.items() if isinstance(v, int | float | str)},
        "explanation": explanation,
        "violations": [{"code": v.code, "message": v.message} for v in violations],
        "warnings": built.warnings,
        "held_groups": len(built.held_groups),
        "moved": _moved(previous, outcome.plan),
        "previous_groups": sum(len(s.allocation) for s in previous.sessions) if previous else 0,
        "solved_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }


@transaction.atomic(durable=True)
def _store(
    *, plan: TrainingPlan, built: Built, outcome: Outcome, summary: dict[str, Any], actor: Any
) -> None:
    """Replace the plan's sessions that were not held by the new ones, in one transaction.

    Cancelled sessions stay as the record of what was called off (they hold no groups and no hall)."""
    plan = TrainingPlan.objects.select_for_update().get(pk=plan.pk)
    removed = TrainingSession.objects.filter(plan=plan, status=SessionStatus.PLANNED).exclude(
        pk__in=_fixed_sessions(plan.pk).values("pk")
    )
    removed_count = removed.count()
    SessionFacilitator.objects.filter(session__in=removed).delete()
    removed.delete()
    venues = {v.pk: v for v in VenueRow.objects.filter(plan_uses__plan=plan)}
    rows = [
        TrainingSession(
            plan=plan,
            venue=venues[venue_id_of(s.venue)],
            date=s.date,
            slot=s.slot,
            region_code=venues[venue_id_of(s.venue)].region_id,
        )
        for s in outcome.plan.sessions
    ]
    TrainingSession.objects.bulk_create(rows)
    groups, facilitators = [], []
    for row, s in zip(rows, outcome.plan.sessions, strict=True):
        for key, count in s.allocation:
            info = built.groups[key]
            groups.append(
                SessionGroup(
                    plan=plan,
                    session=row,
                    key=key,
                    body=info.body,
                    region_code=info.region,
                    tps_id=info.tps_id,
                    appointment_id=info.appointment_id,
                    participants=count,
                )
            )
        facilitators += [
            SessionFacilitator(session=row, person_id=built.facilitators[f]) for f in s.facilitators
        ]
    SessionGroup.objects.bulk_create(groups)
    SessionFacilitator.objects.bulk_create(facilitators)
    before = {"status": plan.status, "sessions_replaced": removed_count}
    plan.status = PlanStatus.SOLVED if not outcome.plan.unplanned else PlanStatus.INFEASIBLE
    plan.summary = summary
    plan.save(update_fields=["status", "summary"])
    log_action(
        actor=actor,
        action="planner.plan.solve",
        object_type="training_plan",
        object_id=plan.pk,
        region_code=plan.region_id,
        before=before,
        after={
            "status": plan.status,
            "sessions": len(rows),
            "unplanned_participants": summary["unplanned_participants"],
            "moved": summary["moved"],
            "violations": len(summary["violations"]),
        },
    )


def plan_facilitator_choices(plan: TrainingPlan) -> QuerySet[Appointment]:
    """The active PPK/PPS who may facilitate the plan's sessions (PPS only for a pendalaman)."""
    bodies = [Body.PPS] if plan.tier == Tier.PENDALAMAN else [Body.PPK, Body.PPS]
    return (
        Appointment.objects.active()
        .filter(region_filter("region__code", plan.region_id), election_id=plan.election_id, body__in=bodies)
        .select_related("person", "region")
        .order_by("region_id", "body", "seat")[:600]
    )


def plan_export(plan: TrainingPlan) -> dict[str, Any]:
    """The stored sessions in the core's plan JSON shape (held ones too)."""
    sessions = []
    for s in (
        TrainingSession.objects.filter(plan=plan)
        .exclude(status=SessionStatus.CANCELLED)
        .prefetch_related("groups")
    ):
        allocation = tuple((g.key, g.participants) for g in s.groups.all())
        sessions.append(Session(venue_key(s.venue_id), s.date, s.slot, allocation))
    return plan_to_dict(Plan(tuple(sessions)))


def describe_window(plan: TrainingPlan) -> str:
    return f"{tanggal(plan.start)} – {tanggal(plan.end)}"


def session_filter(code: str) -> Q:
    return region_filter("region_code", code)
