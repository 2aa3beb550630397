"""Forms drawn from a blueprint and shuffled options are reproducible from the seed."""

import pytest

from bimtek.assessment.core.draw import BlueprintError, attempt_seed, draw_items, option_order
from bimtek.assessment.core.scoring import Key, mark

POOL = {"tata-kerja": list(range(100, 120)), "pemungutan": list(range(200, 230))}
BLUEPRINT = [("tata-kerja", 3), ("pemungutan", 5)]


def test_it_draws_the_same_items_from_the_same_seed() -> None:
    seed = attempt_seed(7, 42)
    first = draw_items(POOL, BLUEPRINT, seed)
    assert first == draw_items({k: list(reversed(v)) for k, v in POOL.items()}, BLUEPRINT, seed)
    assert len(first) == 8 and len(set(first)) == 8
    assert all(100 <= q < 120 for q in first[:3]) and all(200 <= q < 230 for q in first[3:])


def test_it_pins_the_draw_so_printed_sheets_stay_valid_across_releases() -> None:
    # If this changes, every paper sheet already printed would be scored against other questions.
    assert attempt_seed(7, 42) == attempt_seed(7, 42) != attempt_seed(7, 43) != attempt_seed(8, 42)
    assert draw_items(POOL, [("tata-kerja", 3)], 12345) == draw_items(POOL, [("tata-kerja", 3)], 12345)
    assert option_order(12345, 201, 4) == option_order(12345, 201, 4)
    orders = {tuple(option_order(seed, 201, 4)) for seed in range(50)}
    assert len(orders) > 10  # they do get shuffled


def test_it_differs_between_participants() -> None:
    draws = {tuple(draw_items(POOL, BLUEPRINT, attempt_seed(7, person))) for person in range(20)}
    assert len(draws) == 20


def test_it_keeps_true_false_in_its_order() -> None:
    assert option_order(99, 1, 2, shuffle=False) == [0, 1]


def test_it_refuses_a_blueprint_the_bank_cannot_fill() -> None:
    with pytest.raises(BlueprintError) as error:
        draw_items(POOL, [("tata-kerja", 21)], 1)
    assert error.value.module == "tata-kerja" and error.value.available == 20


def test_it_marks_answers_against_keys() -> None:
    keys = [Key("mc", 2), Key("tf", 0), Key("num", 255)]
    assert mark(keys, [2, 1, 255]).marks == (1, 0, 1)
    result = mark(keys, [2, None, 255])
    assert result.score == 2 and result.percent == pytest.approx(66.67)
    assert result.passed(60) and not result.passed(70)
