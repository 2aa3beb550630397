"""A plan as the core's JSON: the instance of a plan not yet stored (the CLI's `scenario`) and a stored plan."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bimtek.elections.models import Election
from bimtek.planner.core.io import plan_to_dict
from bimtek.planner.core.schema import (
    Instance,
    Plan,
    Session,
)
from bimtek.planner.instance import build, venue_key, window_days
from bimtek.planner.models import (
    SessionStatus,
    TrainingPlan,
    TrainingSession,
)
from bimtek.planner.models import Venue as VenueRow
from bimtek.planner.services import check_request
from bimtek.planner.spec import PlanSpec, VenueSpec


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
    check_request(tier=tier, region_code=region_code, start=start, end=end)
    window = window_days(start, end)
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


def plan_export(plan: TrainingPlan) -> dict[str, Any]:
    """The stored sessions in the core's plan JSON shape (held ones too)."""
    sessions = []
    for s in (
        TrainingSession.objects.filter(plan=plan)
        .exclude(status=SessionStatus.CANCELLED)
        .prefetch_related("groups")
    ):
        allocation = tuple((g.key, g.participants) for g in s.groups.all())
        sessions.append(
            Session(venue_key(s.venue_id), s.date, s.slot, allocation, slots=s.slots, days=s.days)
        )
    return plan_to_dict(Plan(tuple(sessions)))
