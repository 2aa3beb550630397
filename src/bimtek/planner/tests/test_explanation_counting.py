"""A part that lacks seats is explained by counting (a seat flow) and checked plans, not by a long search:
the same irreducible rules, found with CP-SAT's search switched off."""

from datetime import date

import pytest

from bimtek.planner.core import bounds, explain
from bimtek.planner.core.explain import explain_infeasibility
from bimtek.planner.core.schema import Instance, Rules, Venue

from .helpers import crews, days, hall, instance


@pytest.fixture
def no_search(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every question must be settled by counting or by checking a candidate plan."""

    def searched(self: object, codes: list[str]) -> bool | None:
        raise AssertionError(f"searched for {codes}")

    monkeypatch.setattr(explain._ConflictFinder, "infeasible_with", searched)


def _rules(inst: Instance) -> set[str]:
    explanation = explain_infeasibility(inst, relaxations=False)
    assert explanation is not None
    return set(explanation.rules)


def test_it_names_capacity_and_everyone_planned_when_seats_run_out(no_search: None) -> None:
    inst = instance(crews(4), (hall(capacity=27, n_days=1),), n_days=1)  # 28 people, 27 seats
    assert _rules(inst) == {"semua_terjadwal", "kapasitas"}


def test_it_adds_the_deadline_when_the_seats_before_it_run_out(no_search: None) -> None:
    # Two days of 21 seats hold the 5 crews (35 people); the deadline leaves one day.
    rules = Rules(deadline=date(2024, 1, 22))
    inst = instance(crews(5), (hall(capacity=21, n_days=2),), rules=rules)
    assert _rules(inst) == {"semua_terjadwal", "kapasitas", "batas_akhir"}


def test_it_adds_locality_when_only_the_hall_away_has_room(no_search: None) -> None:
    # Home seats 14 of the 28; a hall in the next kecamatan has room, but strict locality forbids it.
    home = hall("balai", capacity=14, n_days=1)
    away = Venue("aula-lain", "33.03.02", 100, 1, days(1))
    inst = instance(crews(4), (home, away), n_days=1, rules=Rules(locality="strict"))
    assert _rules(inst) == {"semua_terjadwal", "kapasitas", "lokalitas"}


def test_it_gives_the_search_the_same_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    home = hall("balai", capacity=14, n_days=1)
    away = Venue("aula-lain", "33.03.02", 100, 1, days(1))
    inst = instance(crews(4), (home, away), n_days=1, rules=Rules(locality="strict"))
    counted = _rules(inst)
    monkeypatch.setattr(explain._ConflictFinder, "counted_infeasible", lambda self, codes: False)
    monkeypatch.setattr(explain._ConflictFinder, "witnessed_feasible", lambda self, codes: False)
    assert _rules(inst) == counted


def test_it_finds_nothing_to_explain_when_everyone_fits(no_search: None) -> None:
    inst = instance(crews(4), (hall(capacity=28, n_days=1),), n_days=1)
    finder = explain._ConflictFinder(inst, explain.Effort(work=0.5))
    codes = list(finder.pm.literals)
    assert not finder.counted_infeasible(codes)
    assert finder.witnessed_feasible(codes)  # the seat flow is a plan the whole model accepts


def test_it_counts_whole_crews_when_the_seats_would_hold_them_only_split(no_search: None) -> None:
    # Three crews of 7, two sessions of 11 seats: 22 seats for 21 people, but a session holds one whole crew.
    inst = instance(crews(3), (hall(capacity=11, n_days=2),), n_days=2)
    assert _rules(inst) == {"semua_terjadwal", "tidak_dipecah", "kapasitas"}


def test_whole_groups_fill_a_session_up_to_their_best_sum() -> None:
    finder = explain._ConflictFinder(instance(crews(10), (hall(capacity=50),)), explain.Effort(work=0.5))
    sevens = list(finder.pm.units.values())
    assert bounds.whole_groups_fill(50, sevens) == 49
    mixed = explain._ConflictFinder(
        instance(crews(1, size=7) + crews(2, size=4, prefix="b"), (hall(capacity=10),)),
        explain.Effort(work=0.5),
    )
    assert bounds.whole_groups_fill(10, list(mixed.pm.units.values())) == 8  # 4 + 4; 7 + 4 is over
    assert bounds.whole_groups_fill(10, []) == 0


def test_a_part_proven_short_by_its_solve_is_explained_when_the_search_runs_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Crews of 6, 6, 4, 4 and 4 and three sessions of 8 seats: each session alone could be filled (4 + 4) and
    24 seats hold 24 people, but a 6 sits alone, so one 4 is left out. Counting cannot prove it; when CP-SAT's
    conflict search also runs out of budget, the part's own solve (CP-SAT optimal with someone left out)
    stands for the whole set."""
    from bimtek.planner.core.national import solve_part

    groups = crews(2, size=6) + crews(3, size=4, prefix="b")
    inst = instance(groups, (hall(capacity=8, n_days=3),), n_days=3)
    searched = set(_rules(inst))
    assert {"semua_terjadwal", "tidak_dipecah", "kapasitas"} <= searched  # the real search names the packing
    monkeypatch.setattr(explain._ConflictFinder, "infeasible_with", lambda self, codes: None)  # out of budget
    assert explain_infeasibility(inst, relaxations=False) is None  # nothing proven here alone
    proven = explain_infeasibility(inst, relaxations=False, proven=True)
    assert proven is not None and searched <= set(proven.rules)
    result = solve_part(inst, time_limit=1.0, explain=True)
    assert len(result.plan.unplanned) == 1 and result.status == "INFEASIBLE"
    assert result.explanation is not None and "tidak_dipecah" in result.explanation.rules
