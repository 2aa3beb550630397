"""Plans in the product: the writes (venues, plans, the solve job, sessions marked held) over the planner's parts.

1. `instance.build` reads regions, appointments, TPS and the plan's venues into a core `Instance`.
2. `plan_solve` solves it (`solving`: split per kecamatan when a bimtek covers several), validates the plan with
   the core's independent validator and stores it as sessions in one transaction.
3. `scenario` gives the instance and a stored plan as the core's JSON.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet

from bimtek.accounts.scoping import region_filter
from bimtek.audit.services import log_action
from bimtek.elections.models import Election
from bimtek.jobs.models import Job
from bimtek.jobs.services import job_start
from bimtek.lib.errors import DomainError
from bimtek.lib.reports import Progress, no_progress
from bimtek.planner.core.io import AREAS, LOCALITIES
from bimtek.planner.core.length import unfold
from bimtek.planner.core.text import angka, tanggal
from bimtek.planner.core.validation import check_length, validate
from bimtek.planner.extensions import sessions_replacing
from bimtek.planner.instance import Built, build, fixed_sessions, spec_of, venue_id_of
from bimtek.planner.models import (
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
from bimtek.planner.solving import Outcome, previous_plan, solve_instance, split_needed, summary_of
from bimtek.regions.models import Level, Region
from bimtek.workforce.models import Appointment, Body
from bimtek.workforce.selectors import active_in

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


def check_request(*, tier: str, region_code: str, start: dt.date, end: dt.date) -> Region:
    region = Region.objects.filter(code=region_code).first()
    allowed = {
        Tier.TOT: {Level.KABKOTA},
        Tier.BIMTEK: {Level.KABKOTA, Level.KECAMATAN},
        Tier.PENDALAMAN: {Level.KABKOTA, Level.KECAMATAN},
        Tier.SUSULAN: {Level.KECAMATAN},
    }.get(tier, set())  # type: ignore[call-overload]  # a str tier looks up Tier keys (a str enum)
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
    check_request(tier=tier, region_code=region.code, start=start, end=end)
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
        previous = previous_plan(plan)
        progress(1, 4, f"Menjadwalkan {angka(built.instance.total_participants())} peserta")
        outcome = solve_instance(
            built.instance, previous, time_limit=time_limit, by_kecamatan=split_needed(plan, built)
        )
        progress(2, 4, "Memeriksa rencana")
        violations = validate(built.instance, outcome.plan) + check_length(
            unfold(outcome.plan, built.length), built.minutes
        )
        summary = summary_of(built, outcome, violations, previous)
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


@transaction.atomic(durable=True)
def _store(
    *, plan: TrainingPlan, built: Built, outcome: Outcome, summary: dict[str, Any], actor: Any
) -> None:
    """Replace the plan's sessions that were not held by the new ones, in one transaction.

    Cancelled sessions stay as the record of what was called off (they hold no groups and no hall)."""
    plan = TrainingPlan.objects.select_for_update().get(pk=plan.pk)
    removed = TrainingSession.objects.filter(plan=plan, status=SessionStatus.PLANNED).exclude(
        pk__in=fixed_sessions(plan.pk).values("pk")
    )
    old_slots = {
        pk: (venue, day, slot)
        for pk, venue, day, slot in removed.values_list("pk", "venue_id", "date", "slot")
    }
    removed_count = len(old_slots)
    restores = sessions_replacing(old_slots)  # before the delete: what the apps above keep on these sessions
    SessionFacilitator.objects.filter(session__in=removed).delete()
    removed.delete()
    venues = {v.pk: v for v in VenueRow.objects.filter(plan_uses__plan=plan)}
    rows = [
        TrainingSession(
            plan=plan,
            venue=venues[venue_id_of(s.venue)],
            date=s.date,
            slot=s.slot,
            slots=s.slots,
            days=s.days,
            region_code=venues[venue_id_of(s.venue)].region_id,
        )
        for s in unfold(outcome.plan, built.length).sessions
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
    new_slots = {(r.venue_id, r.date, r.slot): (r.pk, r.region_code) for r in rows}
    kept = {app: restore(new_slots) for app, restore in restores.items()}
    summary["kept_on_sessions"] = {
        app: {"carried": c, "dropped": d} for app, (c, d) in kept.items() if c or d
    }
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
            **({"kept_on_sessions": summary["kept_on_sessions"]} if summary["kept_on_sessions"] else {}),
        },
    )


def plan_facilitator_choices(plan: TrainingPlan) -> QuerySet[Appointment]:
    """The active PPK/PPS who may facilitate the plan's sessions (PPS only for a pendalaman)."""
    bodies = [Body.PPS] if plan.tier == Tier.PENDALAMAN else [Body.PPK, Body.PPS]
    return (
        active_in(plan.election_id, plan.region_id, bodies)
        .select_related("person", "region")
        .order_by("region_id", "body", "seat")[:600]
    )


def describe_window(plan: TrainingPlan) -> str:
    return f"{tanggal(plan.start)} – {tanggal(plan.end)}"


def session_filter(code: str) -> Q:
    return region_filter("region_code", code)
