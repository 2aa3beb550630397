"""The lower bound on sessions is proven: no plan that seats everyone ever needs fewer, including in the desa
layout (each desa's own balai plus one kecamatan hall), where the bound splits crews between them exactly."""

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bimtek.planner.core.bounds import lower_bound_sessions
from bimtek.planner.core.effort import Effort
from bimtek.planner.core.schema import Group, Instance, Rules, Venue, Window
from bimtek.planner.core.solver import greedy_result, solve_cpsat

from .helpers import assert_valid, crews, instance

START = date(2024, 1, 25)
DESA = ["33.03.01.2001", "33.03.01.2002", "33.03.01.2003"]


def test_it_sends_the_remainders_to_the_kecamatan_hall() -> None:
    """4 + 4 crews, balai of 3 crews each, a hall of 2 crews: 2 balai sessions and 1 hall session, not 4."""
    window = (START,)
    venues = (
        Venue("aula", "33.03.01", 14, 1, window),
        Venue("balai-1", DESA[0], 21, 2, window),
        Venue("balai-2", DESA[1], 21, 2, window),
    )
    inst = instance(crews(4, DESA[0]) + crews(4, DESA[1]), venues, n_days=1)
    inst = Instance(Window(START, START), venues, inst.groups, (), Rules(locality="desa"))
    assert lower_bound_sessions(inst) == 3
    result = solve_cpsat(inst, effort=Effort(work=10))
    assert result.score.sessions == 3
    guided = greedy_result(inst)
    assert (guided.method, guided.score.sessions) == ("guided", 3)
    assert_valid(inst, guided.plan)


@st.composite
def desa_layouts(draw: st.DrawFn) -> Instance:
    window = tuple(START + timedelta(days=i) for i in range(draw(st.integers(1, 2))))
    hall = Venue("aula", "33.03.01", draw(st.integers(7, 35)), draw(st.integers(1, 2)), window)
    balai = tuple(
        Venue(f"balai-{desa}", desa, draw(st.integers(7, 21)), draw(st.integers(1, 2)), window)
        for desa in DESA
    )
    groups = tuple(
        Group(f"g{i}", draw(st.sampled_from(DESA)), draw(st.sampled_from([7, 9])))
        for i in range(draw(st.integers(1, 12)))
    )
    return Instance(Window(window[0], window[-1]), (hall, *balai), groups, (), Rules(locality="desa"))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(desa_layouts())
def test_it_never_claims_more_sessions_than_an_optimal_plan_needs(inst: Instance) -> None:
    result = solve_cpsat(inst, effort=Effort(work=20), up_to_priority=2)
    assert result.status == "OPTIMAL"
    if result.score.unplanned == 0:
        assert lower_bound_sessions(inst) <= result.score.sessions
    assert_valid(inst, greedy_result(inst).plan)  # plain or guided, the greedy plan keeps every rule
