"""A country splits into independent kecamatan, solved in worker processes, and adds back up."""

from datetime import date

from bimtek.planner.core.national import solve_parts, split
from bimtek.planner.core.schema import Instance
from bimtek.planner.core.validation import validate
from bimtek.planner.examples import bimtek_instance
from bimtek.planner.realdata import districts_in


def two_kecamatan_as_one() -> tuple[Instance, list[Instance]]:
    parts = [
        bimtek_instance(code, start=date(2024, 1, 25), day_count=4) for code in districts_in("19.06")[:2]
    ]
    first = parts[0]
    merged = Instance(
        first.window,
        tuple(v for p in parts for v in p.venues),
        tuple(g for p in parts for g in p.groups),
        tuple(f for p in parts for f in p.facilitators),
        first.rules,
    )
    return merged, parts


def test_it_splits_per_kecamatan_without_losing_anyone() -> None:
    merged, parts = two_kecamatan_as_one()
    pieces = split(merged, "kecamatan")
    assert [len(p.groups) for p in pieces] == [len(p.groups) for p in parts]
    assert [len(p.venues) for p in pieces] == [len(p.venues) for p in parts]
    assert [len(p.facilitators) for p in pieces] == [len(p.facilitators) for p in parts]


def test_it_solves_the_parts_in_two_worker_processes() -> None:
    merged, _ = two_kecamatan_as_one()
    combined = solve_parts(split(merged, "kecamatan"), time_limit=1, workers=2, progress=False)

    assert combined.score.unplanned == 0
    assert validate(merged, combined.plan) == []
    assert combined.lower_bound_sessions <= combined.score.sessions
    assert sum(combined.methods().values()) == 2
