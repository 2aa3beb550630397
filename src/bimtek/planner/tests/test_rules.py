"""Each rule with a feasible case (solved, valid) and an infeasible one (named in the explanation)."""

from dataclasses import replace
from datetime import date

import pytest

from bimtek.planner.core.schema import Facilitator, Group, Instance, Rules, Venue
from bimtek.planner.core.solver import solve

from .helpers import MONDAY, assert_solved, assert_valid, crews, days, hall, instance

TUESDAY = date(2024, 1, 23)


def assert_conflict(inst: Instance, rule: str) -> None:
    result = solve(inst, time_limit=3)
    assert result.status == "INFEASIBLE"
    assert result.explanation is not None
    assert rule in result.explanation.rules
    assert result.score.unplanned > 0
    assert_valid(inst, result.plan)


def pps(region: str, n: int = 1, **kwargs: object) -> tuple[Facilitator, ...]:
    return tuple(Facilitator(f"pps-{region}-{i}", region, **kwargs) for i in range(1, n + 1))  # type: ignore[arg-type]  # test kwargs of the core's dataclasses


def capacity_case(seats: int) -> Instance:
    return instance(crews(4), (hall(capacity=seats, n_days=1),), n_days=1)


def test_it_seats_groups_up_to_capacity() -> None:
    inst = capacity_case(28)
    assert_solved(inst, solve(inst, time_limit=3))


def test_it_names_capacity_when_seats_run_out() -> None:
    assert_conflict(capacity_case(27), "kapasitas")


def test_it_keeps_a_group_together_unless_splittable() -> None:
    whole = instance((Group("ppk", "33.03.01", 5),), (hall(capacity=3, n_days=2),))
    assert_conflict(whole, "tidak_dipecah")
    split = replace(whole, groups=(Group("ppk", "33.03.01", 5, splittable=True),))
    result = solve(split, time_limit=3)
    assert_solved(split, result)
    assert sorted(n for s in result.plan.sessions for _, n in s.allocation) == [2, 3]


def window_case(n_days: int) -> Instance:
    return instance(crews(8), (hall(capacity=28, n_days=3),), n_days=n_days)


def test_it_plans_inside_a_long_enough_window() -> None:
    inst = window_case(2)
    result = solve(inst, time_limit=3)
    assert_solved(inst, result)
    assert {s.date for s in result.plan.sessions} == {MONDAY, TUESDAY}


def test_it_names_the_window_when_too_short() -> None:
    assert_conflict(window_case(1), "jendela")


@pytest.mark.parametrize(("start", "fits"), [(TUESDAY, True), (date(2024, 1, 24), False)])
def test_it_waits_for_the_pelantikan(start: date, fits: bool) -> None:
    inst = instance(crews(2), (hall(capacity=30, n_days=2),), rules=Rules(not_before=start))
    if fits:
        result = solve(inst, time_limit=3)
        assert_solved(inst, result)
        assert all(s.date >= start for s in result.plan.sessions)
    else:
        assert_conflict(inst, "mulai")


def test_it_honours_a_groups_own_start_date() -> None:
    late = Group("kpps-late", "33.03.01.2001", 7, not_before=date(2024, 1, 25))
    inst = instance((late,), (hall(capacity=30, n_days=2),))
    assert_conflict(inst, "mulai")


@pytest.mark.parametrize(("min_days", "fits"), [(22, True), (23, False)])
def test_it_finishes_enough_days_before_voting(min_days: int, fits: bool) -> None:
    rules = Rules(voting_day=date(2024, 2, 14), min_days_before_voting=min_days)
    inst = instance(crews(5), (hall(capacity=21, n_days=2),), rules=rules)  # needs both days
    if fits:
        assert_solved(inst, solve(inst, time_limit=3))
    else:
        assert_conflict(inst, "batas_akhir")


def locality_case(locality: str) -> Instance:
    elsewhere = Venue("aula-lain", "33.03.02", 30, 1, days(2))
    return instance(crews(2), (elsewhere,), rules=Rules(locality=locality))  # type: ignore[arg-type]  # test kwargs of the core's dataclasses


def test_it_lets_a_group_travel_when_its_kecamatan_has_no_venue() -> None:
    inst = locality_case("prefer")
    result = solve(inst, time_limit=3)
    assert_solved(inst, result)
    assert result.score.travel == 14


def test_it_keeps_groups_home_under_strict_locality() -> None:
    assert_conflict(locality_case("strict"), "lokalitas")


def test_it_prefers_the_home_kecamatan_over_a_bigger_hall() -> None:
    home = hall("balai", capacity=14, n_days=1)
    away = Venue("aula-besar", "33.03.02", 300, 1, days(1))
    inst = instance(crews(2), (away, home), n_days=1)
    result = solve(inst, time_limit=3)
    assert_solved(inst, result)
    assert [s.venue for s in result.plan.sessions] == ["balai"]


def staffed(n_facilitators: int, per_session: int = 2, **rules: object) -> Instance:
    return instance(
        crews(2),
        (hall(capacity=30, n_days=1),),
        n_days=1,
        facilitators=pps("33.03.01.2001", n_facilitators),
        rules=Rules(facilitators_per_session=per_session, **rules),  # type: ignore[arg-type]  # test kwargs of the core's dataclasses
    )


def test_it_staffs_each_session_with_enough_facilitators() -> None:
    inst = staffed(2)
    result = solve(inst, time_limit=3)
    assert_solved(inst, result)
    assert all(len(s.facilitators) >= 2 for s in result.plan.sessions)


def test_it_names_too_few_facilitators() -> None:
    assert_conflict(staffed(1), "fasilitator_per_sesi")


def area_case(facilitator_region: str) -> Instance:
    return instance(
        crews(1),
        (hall(capacity=30, region="33.03.01", n_days=1),),
        n_days=1,
        facilitators=pps(facilitator_region),
        rules=Rules(facilitators_per_session=1, facilitator_area="desa"),
    )


def test_it_lets_a_ppk_or_own_pps_facilitate() -> None:
    for region in ("33.03.01.2001", "33.03.01"):
        inst = area_case(region)
        assert_solved(inst, solve(inst, time_limit=3))


def test_it_refuses_a_pps_of_the_neighbouring_desa() -> None:
    assert_conflict(area_case("33.03.01.2002"), "fasilitator_wilayah")


def two_halls_one_facilitator(per_day: int) -> Instance:
    """Two crews, two halls, one slot each, one facilitator: only sequential sessions work."""
    halls = (hall("a", capacity=7, n_days=1, per_day=2), hall("b", capacity=7, n_days=1, per_day=2))
    return instance(
        crews(2),
        halls,
        n_days=1,
        facilitators=pps("33.03.01.2001"),
        rules=Rules(facilitators_per_session=1, facilitator_max_sessions_per_day=per_day),
    )


def test_it_never_puts_a_facilitator_in_two_places() -> None:
    inst = two_halls_one_facilitator(2)
    result = solve(inst, time_limit=3)
    assert_solved(inst, result)
    assert sorted(s.slot for s in result.plan.sessions) == [1, 2]


def test_it_names_the_daily_limit() -> None:
    assert_conflict(two_halls_one_facilitator(1), "fasilitator_per_hari")


def test_it_names_the_clash_when_only_one_hour_exists() -> None:
    halls = (hall("a", capacity=7, n_days=1), hall("b", capacity=7, n_days=1))
    inst = instance(
        crews(2), halls, n_days=1, facilitators=pps("33.03.01.2001"), rules=Rules(facilitators_per_session=1)
    )
    assert_conflict(inst, "fasilitator_bentrok")


@pytest.mark.parametrize(("ready", "fits"), [(MONDAY, True), (TUESDAY, False)])
def test_it_waits_until_the_facilitator_finished_the_tot(ready: date, fits: bool) -> None:
    inst = instance(
        crews(1),
        (hall(capacity=30, n_days=1),),
        n_days=1,
        facilitators=pps("33.03.01.2001", available_from=ready),
        rules=Rules(facilitators_per_session=1),
    )
    if fits:
        assert_solved(inst, solve(inst, time_limit=3))
    else:
        assert_conflict(inst, "fasilitator_tersedia")


@pytest.mark.parametrize("busy, fits", [((), True), ((MONDAY,), False)])
def test_a_facilitator_busy_in_another_plan_is_not_booked_that_day(
    busy: tuple[date, ...], fits: bool
) -> None:
    inst = instance(
        crews(1),
        (hall(capacity=30, n_days=1),),
        n_days=1,
        facilitators=pps("33.03.01.2001", busy_days=busy),
        rules=Rules(facilitators_per_session=1),
    )
    if fits:
        assert_solved(inst, solve(inst, time_limit=3))
    else:
        assert_conflict(inst, "fasilitator_tersedia")
