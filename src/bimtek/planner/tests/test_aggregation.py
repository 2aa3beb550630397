"""Interchangeable crews (same desa, size and start) are one count per slot in the model: the plan still names
and validates every crew, and the optimum is the one of the model with one boolean per crew."""

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bimtek.planner.core.effort import Effort
from bimtek.planner.core.model import PlanModel, teams_of, units_of
from bimtek.planner.core.schema import Facilitator, Group, Instance, Rules, Venue, Window
from bimtek.planner.core.solver import solve, solve_cpsat

from .helpers import assert_solved, assert_valid, crews, hall, instance

START = date(2024, 1, 22)
DESA = ["33.03.01.2001", "33.03.01.2002", "33.03.02.2001"]
EXACT = Effort(work=30.0)


def test_it_models_the_crews_of_one_desa_as_one_unit() -> None:
    inst = instance(crews(5) + crews(2, region="33.03.01.2002"), (hall(capacity=21),))
    units = units_of(inst)
    assert [u.count for u in units] == [5, 2]
    assert len(PlanModel(inst).units) == 2
    assert [t.size for t in teams_of(replace(inst, facilitators=_pps("33.03.01.2001", 3)))] == [3]


def test_it_plans_and_validates_every_aggregated_crew() -> None:
    staff = _pps("33.03.01.2001", 3) + _pps("33.03.01.2002", 3)
    rules = Rules(facilitators_per_session=2, facilitator_area="desa", facilitator_max_sessions_per_day=2)
    inst = instance(
        crews(7) + crews(4, region="33.03.01.2002"),
        (hall("balai", capacity=21, per_day=2), hall("aula", region="33.03.01", capacity=35, per_day=2)),
        facilitators=staff,
        rules=rules,
    )
    result = solve(inst, time_limit=5)
    assert_solved(inst, result)
    planned = sorted(g for s in result.plan.sessions for g in s.group_ids)
    assert planned == sorted(g.id for g in inst.groups)
    assert (
        result.score.sessions == result.lower_bound_sessions == 3
    )  # 77 people: the aula twice and the balai


@st.composite
def whole_crew_scenarios(draw: st.DrawFn) -> Instance:
    n_days = draw(st.integers(1, 2))
    window = tuple(START + timedelta(days=i) for i in range(n_days))
    groups = tuple(
        Group(f"g{i}", draw(st.sampled_from(DESA)), draw(st.sampled_from([5, 7])))
        for i in range(draw(st.integers(1, 8)))
    )
    venues = tuple(
        Venue(
            f"v{i}",
            draw(st.sampled_from(DESA))[:8],
            draw(st.integers(7, 30)),
            draw(st.integers(1, 2)),
            window,
        )
        for i in range(draw(st.integers(1, 2)))
    )
    facilitators = tuple(
        Facilitator(f"f{i}", draw(st.sampled_from(DESA))) for i in range(draw(st.integers(0, 4)))
    )
    rules = Rules(
        facilitators_per_session=draw(st.integers(0, 2)) if facilitators else 0,
        facilitator_area=draw(st.sampled_from(["any", "desa"])),
        facilitator_max_sessions_per_day=draw(st.integers(1, 2)),
        locality=draw(st.sampled_from(["prefer", "any"])),
    )
    return Instance(Window(window[0], window[-1]), venues, groups, facilitators, rules)


def one_unit_per_group(inst: Instance) -> Instance:
    """The same scenario with nothing interchangeable: each crew and facilitator gets its own start date key."""
    far = date(2000, 1, 1)
    return replace(
        inst,
        groups=tuple(replace(g, not_before=far - timedelta(days=i)) for i, g in enumerate(inst.groups)),
        facilitators=tuple(
            replace(f, available_from=far - timedelta(days=i)) for i, f in enumerate(inst.facilitators)
        ),
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(whole_crew_scenarios())
def test_it_finds_the_same_optimum_as_one_boolean_per_crew(inst: Instance) -> None:
    apart = one_unit_per_group(inst)
    assert len(PlanModel(apart).units) == len(apart.groups)

    together = solve_cpsat(inst, effort=EXACT)
    alone = solve_cpsat(apart, effort=EXACT)

    assert together.status == alone.status == "OPTIMAL"
    assert together.score.as_tuple()[:3] == alone.score.as_tuple()[:3]
    assert together.objective == alone.objective
    assert_valid(inst, together.plan)


def _pps(region: str, n: int) -> tuple[Facilitator, ...]:
    return tuple(Facilitator(f"pps-{region}-{i}", region) for i in range(1, n + 1))
