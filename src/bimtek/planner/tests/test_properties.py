"""Over random small scenarios: every plan is valid, rooms never overflow, nobody is in two places,
and CP-SAT is never worse than greedy."""

from collections import Counter
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bimtek.planner.core.greedy import greedy_plan
from bimtek.planner.core.objective import score
from bimtek.planner.core.schema import Facilitator, Group, Instance, Rules, Venue, Window
from bimtek.planner.core.solver import solve_cpsat
from bimtek.planner.core.validation import validate

START = date(2024, 1, 22)
DESA = ["33.03.01.2001", "33.03.01.2002", "33.03.02.2001"]


@st.composite
def scenarios(draw: st.DrawFn) -> Instance:
    n_days = draw(st.integers(1, 3))
    window = [START + timedelta(days=i) for i in range(n_days)]
    groups = tuple(
        Group(f"g{i}", draw(st.sampled_from(DESA)), draw(st.integers(1, 9)), draw(st.booleans()))
        for i in range(draw(st.integers(1, 7)))
    )
    venues = tuple(
        Venue(
            f"v{i}",
            draw(st.sampled_from(DESA))[:8],
            draw(st.integers(5, 40)),
            draw(st.integers(1, 2)),
            tuple(window),
        )
        for i in range(draw(st.integers(1, 3)))
    )
    facilitators = tuple(
        Facilitator(f"f{i}", draw(st.sampled_from(DESA))) for i in range(draw(st.integers(0, 4)))
    )
    rules = Rules(
        facilitators_per_session=draw(st.integers(0, 2)) if facilitators else 0,
        facilitator_area=draw(st.sampled_from(["any", "kecamatan", "desa"])),
        facilitator_max_sessions_per_day=draw(st.integers(1, 2)),
        locality=draw(st.sampled_from(["prefer", "strict", "any"])),
    )
    return Instance(Window(window[0], window[-1]), venues, groups, facilitators, rules)


def assert_sound(inst: Instance, plan_sessions: tuple, violations: list) -> None:  # type: ignore[type-arg]  # hypothesis draws untyped tuples and lists
    assert violations == []
    capacity = {v.id: v.capacity for v in inst.venues}
    assert all(s.participants <= capacity[s.venue] for s in plan_sessions)
    busy = Counter((f, s.date, s.slot) for s in plan_sessions for f in s.facilitators)
    assert all(count == 1 for count in busy.values())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_it_never_makes_an_invalid_plan_and_never_loses_to_greedy(inst: Instance) -> None:
    baseline = greedy_plan(inst)
    result = solve_cpsat(inst, time_limit=2, workers=1, hint=baseline)

    assert result.status == "OPTIMAL"
    assert_sound(inst, result.plan.sessions, validate(inst, result.plan))
    assert_sound(inst, baseline.sessions, validate(inst, baseline))
    assert result.score.as_tuple() <= score(inst, baseline).as_tuple()
    if result.score.unplanned == 0:
        assert result.lower_bound_sessions <= result.score.sessions
