"""Purbalingga (33.03) trained 807 PPK/PPS in 3 waves on 22-24 January 2024 in one ballroom."""

from datetime import date

from bimtek.planner.core.solver import solve
from bimtek.planner.examples import tot_instance

from .helpers import assert_solved


def test_it_fits_purbalinggas_807_ppk_and_pps_into_three_waves() -> None:
    inst = tot_instance("33.03", start=date(2024, 1, 22), day_count=3, capacity=300)
    assert inst.total_participants() == 807
    assert sum(1 for g in inst.groups if g.id.startswith("ppk-")) == 18
    assert sum(1 for g in inst.groups if g.id.startswith("pps-")) == 239

    result = solve(inst, time_limit=10)

    assert_solved(inst, result)
    assert result.status == "OPTIMAL"
    assert result.score.sessions == 3 == result.lower_bound_sessions
    assert result.gap == 0.0
    every_group_once = sorted(g for s in result.plan.sessions for g in s.group_ids)
    assert every_group_once == sorted(g.id for g in inst.groups)
    assert all(s.participants <= 300 for s in result.plan.sessions)
    assert result.score.imbalance <= 5  # waves of 269 each, give or take one group
