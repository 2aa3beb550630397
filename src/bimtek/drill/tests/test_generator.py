"""The drill generator: reproducible from the seed, plausible, and hard when asked to be."""

from bimtek.drill.core.form import EMPTY_COLUMN, MAX_VOTERS
from bimtek.drill.core.generator import TRAPS, new_drill


def test_it_gives_the_same_drill_for_the_same_seed() -> None:
    assert new_drill(42, "hard", "pilkada") == new_drill(42, "hard", "pilkada")


def test_it_gives_different_drills_for_different_seeds() -> None:
    assert len({new_drill(seed, "easy").story for seed in range(10)}) == 10


def test_it_keeps_easy_drills_small_and_free_of_traps() -> None:
    for seed in range(30):
        drill = new_drill(seed, "easy")
        assert drill.day.traps == ()
        assert drill.truth.ballots.damaged == 0
        assert drill.truth.turnout.dpk.total == 0
        assert drill.truth.dpt.total is not None and drill.truth.dpt.total <= 90


def test_it_sets_at_least_three_traps_in_a_hard_drill() -> None:
    for seed in range(30):
        traps = new_drill(seed, "hard").day.traps
        assert len(traps) >= 3
        assert set(traps) <= set(TRAPS)


def test_it_tells_dpk_voters_in_the_last_hour_and_counts_them_in_i_b_3() -> None:
    drill = next(d for d in (new_drill(s, "hard") for s in range(100)) if "dpk_last_hour" in d.day.traps)
    assert any(p.startswith("Pukul 12.00-13.00") and "(DPK)" in p for p in drill.story)
    dpk = drill.truth.turnout.dpk.total
    assert dpk is not None and dpk > 0


def test_it_counts_a_disabled_voter_from_the_dptb() -> None:
    drill = next(d for d in (new_drill(s, "hard") for s in range(100)) if "disabled_dptb" in d.day.traps)
    dptb = [a for a in drill.day.arrivals if a.source == "dptb"]
    assert sum(a.disabled_male + a.disabled_female for a in dptb) == 1


def test_it_counts_swapped_ballots_as_damaged_not_as_voters() -> None:
    drill = next(d for d in (new_drill(s, "hard") for s in range(100)) if "damaged_swap" in d.day.traps)
    voters = sum(a.male + a.female for a in drill.day.arrivals)
    assert drill.truth.ballots.damaged == len(drill.day.swaps) > 0
    assert drill.truth.ballots.used == voters == drill.truth.total


def test_it_stays_under_the_tps_maximum_on_hard_days() -> None:
    for kind in ("pemilu", "pilkada"):
        for seed in range(30):
            total = new_drill(seed, "hard", kind).truth.turnout.total.total
            assert total is not None and total <= MAX_VOTERS[kind]


def test_it_offers_the_empty_column_to_single_candidate_pilkada_regions() -> None:
    single = [
        d for d in (new_drill(s, "easy", "pilkada") for s in range(60)) if EMPTY_COLUMN in d.truth.votes
    ]
    assert single
    assert all(list(d.truth.votes) == ["1", EMPTY_COLUMN] for d in single)
    assert any("kolom kosong" in paragraph for paragraph in single[0].story)


def test_it_only_ever_runs_the_presidential_contest_for_pemilu() -> None:
    assert {new_drill(s, "easy").truth.contest for s in range(10)} == {"ppwp"}
