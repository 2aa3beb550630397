"""Solve one instance: greedy first (baseline and warm start), then CP-SAT under a work budget.

The objective is lexicographic through weights: each priority's weight exceeds the largest possible total of
all later priorities, so one session always outweighs any travel or imbalance.

`time_limit` is read as a budget of CP-SAT deterministic time (see `effort.py`): the same instance gives the same
plan on a busy machine and an idle one; the wall clock only stops a search that runs far over (the safety net).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import replace

from ortools.sat.python import cp_model

from .bounds import lower_bound_sessions, shared_hall_split, travel_lower_bound
from .effort import Effort, stopped_by
from .greedy import greedy_plan, guided_plan
from .model import Penalty, PlanModel
from .objective import score
from .rules import all_rules
from .schema import Instance, Plan, Result, Session, Slot, Status

_STATUS: dict[cp_model.CpSolverStatus, Status] = {
    cp_model.OPTIMAL: "OPTIMAL",
    cp_model.FEASIBLE: "FEASIBLE",
    cp_model.INFEASIBLE: "INFEASIBLE",
    cp_model.UNKNOWN: "UNKNOWN",
    cp_model.MODEL_INVALID: "UNKNOWN",
}


def solve(
    instance: Instance,
    *,
    time_limit: float = 10.0,
    workers: int = 1,
    explain: bool = True,
    effort: Effort | None = None,
    up_to_priority: int = 4,
) -> Result:
    """The best plan found; INFEASIBLE (with an explanation) when not everyone can be planned.

    `effort` overrides the budget `time_limit`/`workers` stand for; the explanation has its own fixed budget per
    solve (`WORK_PER_RELAXATION`), so whether a relaxation works never depends on the caller's limit or the load.
    """
    effort = effort or Effort.seconds(time_limit, workers)
    baseline = greedy_result(instance)
    result = solve_cpsat(
        instance, time_limit=time_limit, hint=baseline.plan, effort=effort, up_to_priority=up_to_priority
    )
    if result.status in ("UNKNOWN", "INFEASIBLE") or baseline.score.as_tuple() < result.score.as_tuple():
        # The budget ran out before CP-SAT matched its own warm start: the greedy plan is the better answer.
        result = replace(baseline, method="greedy-fallback", stats=result.stats)
    if result.plan.unplanned and explain:
        from .explain import explain_infeasibility

        explanation = explain_infeasibility(instance, proven=result.status == "OPTIMAL")
        if explanation is not None:
            return replace(result, status="INFEASIBLE", explanation=explanation)
    return result


def greedy_result(instance: Instance, method: str = "greedy") -> Result:
    """First-fit decreasing, and first-fit guided by the bound's best split of crews between each desa's own hall
    and the shared kecamatan hall when the venues have that shape: the better of the two."""
    plan = greedy_plan(instance)
    plan_score = score(instance, plan)
    split = shared_hall_split(instance)
    if split is not None:
        guided = guided_plan(instance, *split)
        guided_score = score(instance, guided)
        if guided_score.as_tuple() < plan_score.as_tuple():
            plan, plan_score, method = guided, guided_score, "guided"
    bound = lower_bound_sessions(instance)
    status: Status = "FEASIBLE"
    return Result(status, plan, plan_score, bound, method)


def greedy_is_optimal_enough(instance: Instance, result: Result) -> bool:
    """Greedy provably hits the bounds on the first three priorities: nobody out, fewest sessions, least travel."""
    s = result.score
    return (
        s.unplanned == 0
        and s.sessions == result.lower_bound_sessions
        and s.travel == travel_lower_bound(instance)
    )


def solve_cpsat(
    instance: Instance,
    *,
    time_limit: float = 10.0,
    workers: int = 1,
    hint: Plan | None = None,
    effort: Effort | None = None,
    up_to_priority: int = 4,
) -> Result:
    """`up_to_priority=2` optimises only who is left out, sessions and travel: the search then stops as soon as
    those are proven optimal instead of spending its whole budget on balance and dates (the national parts)."""
    effort = effort or Effort.seconds(time_limit, workers)
    pm = PlanModel(instance)
    penalties = [p for rule in all_rules() for p in rule.add(pm) if p.priority <= up_to_priority]
    objective, weights = _lexicographic(penalties)
    pm.model.minimize(objective)
    if hint is not None:
        _add_hint(pm, hint)
    solver = effort.solver()
    bound = lower_bound_sessions(instance)
    stop = _StopAtBounds(_target(instance, bound, weights) if up_to_priority <= 2 else None)
    status = solver.solve(pm.model, stop)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return _without_solution(instance, _STATUS[status], bound, solver, effort)
    plan = _decode(pm, solver)
    status_name: Status = "OPTIMAL" if stop.reached else _STATUS[status]
    plan_score = score(instance, plan)
    if plan_score.unplanned == 0:  # CP-SAT's own bound on the objective, read back as a bound on sessions
        bound = max(bound, _sessions_bound(solver.best_objective_bound, weights))
    return Result(
        status=status_name,
        plan=plan,
        score=plan_score,
        lower_bound_sessions=bound,
        method="cp-sat",
        objective=round(solver.objective_value),
        objective_bound=round(solver.best_objective_bound),
        stats=_stats(solver, pm, effort),
    )


class _StopAtBounds(cp_model.CpSolverSolutionCallback):
    """Stop at the first plan that meets the proven bounds: nothing better exists, so the rest of the budget would
    only be spent proving it. With one worker the sequence of plans is fixed, so where it stops is too."""

    def __init__(self, target: int | None) -> None:
        super().__init__()
        self.target = target
        self.reached = False  # the plan meets the bounds: optimal, proven by counting rather than by search

    def on_solution_callback(self) -> None:
        if self.target is not None and self.objective_value <= self.target:
            self.reached = True
            self.stop_search()


def _target(instance: Instance, sessions: int, weights: dict[int, int]) -> int:
    """The objective of a plan seating everyone in `sessions` sessions with the least possible travel."""
    return weights.get(1, 0) * sessions + weights.get(2, 0) * travel_lower_bound(instance)


def _lexicographic(penalties: list[Penalty]) -> tuple[cp_model.LinearExprT, dict[int, int]]:
    """The weighted sum, and the weight of each priority."""
    by_priority: dict[int, list[Penalty]] = {}
    for penalty in penalties:
        by_priority.setdefault(penalty.priority, []).append(penalty)
    weighted: list[cp_model.LinearExprT] = []
    weights: dict[int, int] = {}
    weight = 1
    for priority in sorted(by_priority, reverse=True):
        terms = by_priority[priority]
        weights[priority] = weight
        weighted.append(weight * cp_model.LinearExpr.sum([t.expression for t in terms]))
        weight *= sum(t.upper_bound for t in terms) + 1
    return cp_model.LinearExpr.sum(weighted), weights


def _sessions_bound(objective_bound: float, weights: dict[int, int]) -> int:
    """Every plan with nobody left out scores sessions × w + (later terms < w) ≥ the proven objective bound."""
    weight = weights.get(1)
    if weight is None or objective_bound >= weights.get(0, float("inf")):
        return 0
    return int(math.floor(objective_bound + 1e-6)) // weight


def _add_hint(pm: PlanModel, plan: Plan) -> None:
    unit_of = {g.id: u.id for u in pm.units.values() for g in u.members}
    placed: Counter[tuple[str, Slot]] = Counter()
    seats: Counter[tuple[str, Slot]] = Counter()
    for session in plan.sessions:
        for group_id, count in session.allocation:
            if group_id in unit_of:
                placed[(unit_of[group_id], session.key)] += 1
                seats[(unit_of[group_id], session.key)] += count
    opened = {s.key for s in plan.sessions}
    team_of = {f.id: t.id for t in pm.teams.values() for f in t.members}
    staffed = Counter((team_of[f], s.key) for s in plan.sessions for f in s.facilitators if f in team_of)
    for slot, var in pm.open.items():
        pm.model.add_hint(var, slot in opened)
    for key, present in pm.assign.items():
        pm.model.add_hint(present, placed[key] > 0)
        how_many = pm.count[key]
        if isinstance(how_many, cp_model.IntVar) and how_many is not present:
            pm.model.add_hint(how_many, placed[key])
        unit_seats = pm.seats[key]
        if pm.units[key[0]].splittable and isinstance(unit_seats, cp_model.IntVar):
            pm.model.add_hint(unit_seats, seats[key])
    for key, var in pm.staff.items():
        pm.model.add_hint(var, staffed[key])


def _decode(pm: PlanModel, solver: cp_model.CpSolver) -> Plan:
    """Counts back to groups: each unit hands out its groups in input order, slot by slot in time order."""
    allocation: dict[Slot, list[tuple[str, int]]] = defaultdict(list)
    unplanned: list[tuple[str, int]] = []
    for unit in pm.units.values():
        waiting = list(unit.members)
        for slot in pm.slots_of_unit[unit.id]:
            key = (unit.id, slot)
            if unit.splittable:
                if (seats := int(solver.value(pm.seats[key]))) > 0:
                    allocation[slot].append((unit.group.id, seats))
                continue
            for _ in range(int(solver.value(pm.count[key]))):
                group = waiting.pop(0)
                allocation[slot].append((group.id, group.size))
        if unit.splittable:
            planned = sum(
                c for s in pm.slots_of_unit[unit.id] for g, c in allocation[s] if g == unit.group.id
            )
            if planned < unit.size:
                unplanned.append((unit.group.id, unit.size - planned))
        else:
            unplanned += [(group.id, group.size) for group in waiting]
    order = {g.id: i for i, g in enumerate(pm.instance.groups)}
    staff = _name_facilitators(pm, solver)
    sessions = []
    for slot in pm.slots:
        if not allocation[slot]:
            continue
        members = tuple(sorted(allocation[slot], key=lambda a: order[a[0]]))
        sessions.append(Session(slot.venue, slot.date, slot.number, members, tuple(staff[slot])))
    return Plan(tuple(sessions), tuple(sorted(unplanned, key=lambda u: order[u[0]])))


def _name_facilitators(pm: PlanModel, solver: cp_model.CpSolver) -> dict[Slot, list[str]]:
    """Team counts back to people: per team and day, hour by hour, the next ones round robin. At most the team's
    size per hour and size × daily limit per day (the constraints) means nobody is doubled or over the limit."""
    staff: dict[Slot, list[str]] = defaultdict(list)
    turn: Counter[tuple[str, object]] = Counter()
    for (team_id, slot), var in sorted(pm.staff.items(), key=lambda item: (item[0][1], item[0][0])):
        team = pm.teams[team_id]
        for _ in range(int(solver.value(var))):
            person = team.members[turn[(team_id, slot.date)] % team.size]
            turn[(team_id, slot.date)] += 1
            staff[slot].append(person.id)
    return staff


def _stats(solver: cp_model.CpSolver, pm: PlanModel, effort: Effort) -> dict[str, float | int | str]:
    return {
        "wall_time_s": round(solver.wall_time, 3),
        "work": round(solver.deterministic_time, 3),
        "stopped_by": stopped_by(solver, effort),
        "branches": solver.num_branches,
        "conflicts": solver.num_conflicts,
        "variables": len(pm.model.proto.variables),
        "constraints": len(pm.model.proto.constraints),
        "units": len(pm.units),
    }


def _without_solution(
    instance: Instance, status: Status, bound: int, solver: cp_model.CpSolver, effort: Effort
) -> Result:
    empty = Plan((), tuple((g.id, g.size) for g in instance.groups))
    stats: dict[str, float | int | str] = {
        "wall_time_s": round(solver.wall_time, 3),
        "work": round(solver.deterministic_time, 3),
        "stopped_by": stopped_by(solver, effort),
    }
    return Result(status, empty, score(instance, empty), bound, "cp-sat", stats=stats)
