"""The objective measured on any plan, so CP-SAT, greedy and hand-made plans compare on one scale."""

from .eligibility import is_travel, venue_index
from .schema import Instance, Plan, Score


def score(instance: Instance, plan: Plan) -> Score:
    groups = {group.id: group for group in instance.groups}
    venues = venue_index(instance)
    travel = sum(
        count
        for session in plan.sessions
        for group_id, count in session.allocation
        if group_id in groups
        and session.venue in venues
        and is_travel(groups[group_id], venues[session.venue])
    )
    loads = [session.participants for session in plan.sessions]
    imbalance = max(loads) - min(loads) if loads else 0
    return Score(
        unplanned=plan.unplanned_participants(),
        sessions=len(plan.sessions),
        travel=travel,
        imbalance=imbalance,
    )
