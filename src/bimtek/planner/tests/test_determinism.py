"""The same scenario gives the same plan, twice, whatever the machine's load: CP-SAT runs on a work budget
(deterministic time) with one worker and a fixed seed, and ties go to the earlier days."""

from datetime import date

from bimtek.planner.core.io import result_to_dict
from bimtek.planner.core.schema import Result
from bimtek.planner.core.solver import solve
from bimtek.planner.examples import pemilu2024_bimtek, tot_instance

from .helpers import crews, hall, instance


def plan_of(result: Result) -> object:
    data = result_to_dict(result, [])
    data.pop("stats", None)
    return data


def test_it_gives_the_same_plan_twice() -> None:
    inst = pemilu2024_bimtek("19.04.01")
    first, second = solve(inst, time_limit=0.5), solve(inst, time_limit=0.5)
    assert plan_of(first) == plan_of(second)


def test_it_gives_the_same_explanation_twice() -> None:
    inst = tot_instance("19.06", start=date(2024, 1, 22), day_count=1, capacity=100)
    first, second = solve(inst, time_limit=1), solve(inst, time_limit=1)
    assert first.explanation is not None
    assert first.explanation == second.explanation


def test_it_prefers_the_earlier_days() -> None:
    inst = instance(crews(2), (hall(capacity=30, n_days=3),), n_days=3)
    result = solve(inst, time_limit=3)
    assert [s.date for s in result.plan.sessions] == [date(2024, 1, 22)]
