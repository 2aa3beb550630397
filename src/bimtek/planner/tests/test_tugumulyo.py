"""Tugumulyo (16.05.01, Musi Rawas): KPPS bimtek for 17 desa and 1 kelurahan in two waves over a weekend."""

from datetime import date

from bimtek.planner.core.solver import greedy_result, solve
from bimtek.planner.examples import bimtek_instance
from bimtek.planner.realdata import district_code, villages_in

from .helpers import assert_solved, assert_valid

SATURDAY = date(2024, 1, 27)


def test_it_finds_tugumulyo_in_the_districts_file() -> None:
    code = district_code("Tugumulyo", "16.05")
    kinds = [v.kind for v in villages_in(code)]
    assert code == "16.05.01"
    assert (kinds.count("desa"), kinds.count("kelurahan")) == (17, 1)


def test_it_trains_every_tugumulyo_crew_in_its_kecamatan_over_a_weekend() -> None:
    inst = bimtek_instance("16.05.01", start=SATURDAY, day_count=2)
    assert len(inst.groups) == sum(v.tps for v in villages_in("16.05.01")) == 136

    result = solve(inst, time_limit=4)
    baseline = greedy_result(inst)

    assert_solved(inst, result)
    assert_valid(inst, baseline.plan)
    assert {s.date for s in result.plan.sessions} <= {SATURDAY, date(2024, 1, 28)}
    assert all(s.venue.endswith("16.05.01") or "16.05.01." in s.venue for s in result.plan.sessions)
    assert result.score.travel == 0
    assert result.lower_bound_sessions <= result.score.sessions <= baseline.score.sessions
    assert len(result.plan.sessions) >= 1
