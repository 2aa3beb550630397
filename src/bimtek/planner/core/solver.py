"""Solve one instance: greedy first (baseline and warm start), then CP-SAT under a time limit.

The objective is lexicographic through weights: each priority's weight exceeds the largest possible total of
all later priorities, so one session always outweighs any travel or imbalance.
"""

from __future__ import annotations

from dataclasses import replace

from ortools.sat.python import cp_model

from .bounds import lower_bound_sessions, travel_lower_bound
from .greedy import greedy_plan
from .model import Penalty, PlanModel
from .objective import score
from .rules import all_rules
from .schema import Instance, Plan, Result, Session, Status

_STATUS: dict[cp_model.CpSolverStatus, Status] = {
    cp_model.OPTIMAL: "OPTIMAL",
    cp_model.FEASIBLE: "FEASIBLE",
    cp_model.INFEASIBLE: "INFEASIBLE",
    cp_model.UNKNOWN: "UNKNOWN",
    cp_model.MODEL_INVALID: "UNKNOWN",
}


def solve(instance: Instance, *, time_limit: float = 10.0, workers: int = 2, explain: bool = True) -> Result:
    """The best plan found; INFEASIBLE (with an explanation) when not everyone can be planned."""
    baseline = greedy_result(instance)
    result = solve_cpsat(instance, time_limit=time_limit, workers=workers, hint=baseline.plan)
    if result.status in ("UNKNOWN", "INFEASIBLE") or baseline.score.as_tuple() < result.score.as_tuple():
        # The time ran out before CP-SAT matched its own warm start: the greedy plan is the better answer.
        result = replace(baseline, method="greedy-fallback", stats=result.stats)
    if result.plan.unplanned and explain:
        from .explain import explain_infeasibility

        explanation = explain_infeasibility(instance, time_limit=max(1.0, time_limit / 2), workers=workers)
        if explanation is not None:
            return replace(result, status="INFEASIBLE", explanation=explanation)
    return result


def greedy_result(instance: Instance, method: str = "greedy") -> Result:
    plan = greedy_plan(instance)
    plan_score = score(instance, plan)
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
    instance: Instance, *, time_limit: float, workers: int = 2, hint: Plan | None = None
) -> Result:
    pm = PlanModel(instance)
    penalties = [p for rule in all_rules() for p in rule.add(pm)]
    pm.model.minimize(_lexicographic(penalties))
    if hint is not None:
        _add_hint(pm, hint)
    solver = _solver(time_limit, workers)
    status = solver.solve(pm.model)
    bound = lower_bound_sessions(instance)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return _without_solution(instance, _STATUS[status], bound, solver)
    plan = _decode(pm, solver)
    return Result(
        status=_STATUS[status],
        plan=plan,
        score=score(instance, plan),
        lower_bound_sessions=bound,
        method="cp-sat",
        objective=round(solver.objective_value),
        objective_bound=round(solver.best_objective_bound),
        stats=_stats(solver, pm),
    )


def _solver(time_limit: float, workers: int) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = workers
    return solver


def _lexicographic(penalties: list[Penalty]) -> cp_model.LinearExprT:
    by_priority: dict[int, list[Penalty]] = {}
    for penalty in penalties:
        by_priority.setdefault(penalty.priority, []).append(penalty)
    weighted: list[cp_model.LinearExprT] = []
    weight = 1
    for priority in sorted(by_priority, reverse=True):
        terms = by_priority[priority]
        weighted.append(weight * cp_model.LinearExpr.sum([t.expression for t in terms]))
        weight *= sum(t.upper_bound for t in terms) + 1
    return cp_model.LinearExpr.sum(weighted)


def _add_hint(pm: PlanModel, plan: Plan) -> None:
    used = {(group_id, s.key) for s in plan.sessions for group_id, _ in s.allocation}
    opened = {s.key for s in plan.sessions}
    staffed = {(f, s.key) for s in plan.sessions for f in s.facilitators}
    for slot, var in pm.open.items():
        pm.model.add_hint(var, slot in opened)
    for key, var in pm.assign.items():
        pm.model.add_hint(var, key in used)
    for key, var in pm.staff.items():
        pm.model.add_hint(var, key in staffed)


def _decode(pm: PlanModel, solver: cp_model.CpSolver) -> Plan:
    sessions = []
    for slot in pm.slots:
        allocation = tuple(
            (group_id, int(solver.value(pm.seats[(group_id, slot)])))
            for group_id in pm.groups_in_slot[slot]
            if solver.boolean_value(pm.assign[(group_id, slot)])
        )
        allocation = tuple(a for a in allocation if a[1] > 0)
        if not allocation:
            continue
        facilitators = tuple(
            f.id
            for f in pm.instance.facilitators
            if (f.id, slot) in pm.staff and solver.boolean_value(pm.staff[(f.id, slot)])
        )
        sessions.append(Session(slot.venue, slot.date, slot.number, allocation, facilitators))
    unplanned = tuple(
        (group.id, group.size - planned)
        for group in pm.instance.groups
        if (planned := sum(c for s in sessions for g, c in s.allocation if g == group.id)) < group.size
    )
    return Plan(tuple(sessions), unplanned)


def _stats(solver: cp_model.CpSolver, pm: PlanModel) -> dict[str, float | int | str]:
    return {
        "wall_time_s": round(solver.wall_time, 3),
        "branches": solver.num_branches,
        "conflicts": solver.num_conflicts,
        "variables": len(pm.model.proto.variables),
        "constraints": len(pm.model.proto.constraints),
    }


def _without_solution(instance: Instance, status: Status, bound: int, solver: cp_model.CpSolver) -> Result:
    empty = Plan((), tuple((g.id, g.size) for g in instance.groups))
    stats: dict[str, float | int | str] = {"wall_time_s": round(solver.wall_time, 3)}
    return Result(status, empty, score(instance, empty), bound, "cp-sat", stats=stats)
