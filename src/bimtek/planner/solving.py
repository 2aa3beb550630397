"""Solving a built instance: one CP-SAT model, or one per kecamatan, keeping the previous plan when it is as good.

The previous plan is the solver's hint, and is kept as it is when it is still valid and as good on the first two
priorities (nobody left out, fewest sessions), so a re-plan moves people only when it must.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from bimtek.planner.core.io import explanation_to_dict
from bimtek.planner.core.length import length_for, refold
from bimtek.planner.core.national import solve_parts, split
from bimtek.planner.core.objective import score
from bimtek.planner.core.schema import (
    Explanation,
    Instance,
    Plan,
    Score,
    Session,
)
from bimtek.planner.core.solver import greedy_result, solve, solve_cpsat
from bimtek.planner.core.validation import Violation, validate
from bimtek.planner.instance import Built, venue_key
from bimtek.planner.models import (
    SessionStatus,
    Tier,
    TrainingPlan,
    TrainingSession,
)
from bimtek.planner.selectors import program_minutes


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


def split_needed(plan: TrainingPlan, built: Built) -> bool:
    kecamatans = {".".join(g.region.split(".")[:3]) for g in built.instance.groups}
    return plan.tier in (Tier.BIMTEK, Tier.PENDALAMAN) and len(kecamatans) > 1


def previous_plan(plan: TrainingPlan) -> Plan | None:
    sessions = []
    rows = TrainingSession.objects.filter(plan=plan, status=SessionStatus.PLANNED).prefetch_related("groups")
    length = length_for(program_minutes(plan.election_id, plan.tier))
    for s in rows:
        allocation = tuple((g.key, g.participants) for g in s.groups.all())
        if (
            allocation and s.slots == length.slots and s.days == length.days
        ):  # a session of another length moves
            sessions.append(refold(Session(venue_key(s.venue_id), s.date, s.slot, allocation), length))
    return Plan(tuple(sessions)) if sessions else None


def solve_instance(
    instance: Instance, previous: Plan | None, *, time_limit: float, by_kecamatan: bool
) -> Outcome:
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


def summary_of(
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
        "length": {
            "slots": built.length.slots,
            "days": built.length.days,
            "program_minutes": built.minutes,
        },
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
