"""Item analysis against values worked out by hand (docs/assessment.md has the formulas)."""

import math
import random

import numpy as np
import pytest

from bimtek.assessment.core.analysis import Accumulator, analyse

# Five trainees, three items. Totals 2, 1, 3, 0, 3: mean 1.8, sample variance 6.8 / 4 = 1.7.
MARKS = np.array([[1, 1, 0], [1, 0, 0], [1, 1, 1], [0, 0, 0], [1, 1, 1]])


def test_it_computes_facility_as_the_share_right() -> None:
    items = analyse(MARKS).items
    assert [i.facility for i in items] == pytest.approx([0.8, 0.6, 0.4])
    # sample sd: p(1-p) n/(n-1) = 0.2, 0.3, 0.3
    assert [i.sd for i in items] == pytest.approx([math.sqrt(0.2), math.sqrt(0.3), math.sqrt(0.3)])


def test_it_correlates_each_item_with_the_rest_of_the_test() -> None:
    items = analyse(MARKS).items
    # item 1: x = 1,1,1,0,1; rest = 1,0,2,0,2; sums of products 1.0, 0.8, 4 -> 1 / sqrt(3.2)
    assert items[0].discrimination == pytest.approx(1 / math.sqrt(3.2))
    assert items[1].discrimination == pytest.approx(1.4 / math.sqrt(1.2 * 2.8))
    assert items[2].discrimination == pytest.approx(1.2 / math.sqrt(1.2 * 3.2))


def test_it_computes_the_point_biserial_with_the_whole_test() -> None:
    items = analyse(MARKS).items
    # item 1 with totals 2,1,3,0,3: 1.8 / sqrt(0.8 * 6.8)
    assert items[0].point_biserial == pytest.approx(1.8 / math.sqrt(0.8 * 6.8))


def test_it_computes_alpha_and_the_standard_error() -> None:
    test = analyse(MARKS).test
    assert test.attempts == 5 and test.items == 3
    assert test.mean == pytest.approx(1.8) and test.mean_percent == pytest.approx(60.0)
    assert test.sd == pytest.approx(math.sqrt(1.7))
    assert test.alpha == pytest.approx(27 / 34)  # 3/2 (1 - 0.8 / 1.7)
    assert test.error_ratio == pytest.approx(math.sqrt(7 / 34))
    assert test.sem == pytest.approx(math.sqrt(0.35))  # sqrt(1.7 * 7/34)


def test_it_computes_discriminative_efficiency_against_the_sorted_maximum() -> None:
    # x = 1,0,0,1 ; rest = 2,1,2,0 -> cov sum = sum(x r) - 2 * 1.25 = 2 - 2.5 = -0.5
    # sorted: x 0,0,1,1 ; rest 0,1,2,2 -> max sum = 4 - 2.5 = 1.5; efficiency -1/3
    marks = np.array([[1, 1, 1], [0, 1, 0], [0, 1, 1], [1, 0, 0]])
    assert analyse(marks).items[0].efficiency == pytest.approx(-1 / 3)


def test_it_handles_every_trainee_right() -> None:
    analysis = analyse(np.ones((4, 3), dtype=np.uint8))
    assert all(i.facility == 1.0 and i.sd == 0.0 for i in analysis.items)
    assert all(i.discrimination is None and i.point_biserial is None for i in analysis.items)
    assert analysis.test.sd == 0.0 and analysis.test.alpha is None and analysis.test.sem is None
    assert analysis.items[0].flags == ("too_easy", "low_discrimination")


def test_it_handles_zero_variance_of_one_item_among_others() -> None:
    marks = MARKS.copy()
    marks[:, 1] = 0
    items = analyse(marks).items
    assert items[1].facility == 0.0 and items[1].discrimination is None
    assert items[0].discrimination is not None


def test_it_handles_an_item_nobody_answered() -> None:
    choices = np.array([[0, 2, -1], [0, 1, -1], [0, 2, -1], [3, 1, -1], [0, 2, -1]])
    marks = MARKS.copy()
    marks[:, 2] = 0
    item = analyse(marks, choices=choices).items[2]
    assert item.attempts == 5 and item.facility == 0.0 and item.blank == 5
    assert item.choices == (0, 0, 0, 0) and item.discrimination is None
    assert item.flags == ("too_hard", "low_discrimination")


def test_it_counts_distractors() -> None:
    choices = np.array([[0, 2, 1], [0, 1, -1], [0, 2, 1], [3, 1, 2], [0, 2, 1]])
    items = analyse(MARKS, choices=choices).items
    assert items[0].choices == (4, 0, 0, 1) and items[0].blank == 0
    assert items[2].choices == (0, 3, 1, 0) and items[2].blank == 1


def test_it_leaves_out_an_item_that_was_never_given() -> None:
    presented = np.ones(MARKS.shape, dtype=bool)
    presented[:, 2] = False
    analysis = analyse(MARKS, presented)
    assert analysis.items[2].attempts == 0 and analysis.items[2].facility is None
    assert analysis.items[2].flags == ()
    # item 1's rest now excludes item 3: x = 1,1,1,0,1 ; rest = 1,0,1,0,1
    assert analysis.items[0].discrimination == pytest.approx(0.6 / math.sqrt(0.8 * 1.2))
    assert analysis.test.alpha is None  # not every attempt had every item: alpha is for slots


def test_it_flags_items_outside_the_facility_band_or_with_low_discrimination() -> None:
    items = analyse(MARKS).items
    assert items[0].flags == ()  # 0.8 is inside the band
    assert items[1].flags == () and items[2].flags == ()
    weak = analyse(np.array([[1, 0], [0, 1], [1, 0], [0, 1]])).items[0]
    assert weak.discrimination == pytest.approx(-1.0) and weak.flags == ("low_discrimination",)


def _reference(marks: np.ndarray, presented: np.ndarray) -> list[tuple[float, float, float]]:
    """Moodle's definitions, item by item, in plain Python loops."""
    out = []
    n, k = marks.shape
    totals = [sum(int(marks[a, j]) for j in range(k) if presented[a, j]) for a in range(n)]
    for i in range(k):
        rows = [a for a in range(n) if presented[a, i]]
        x = [float(marks[a, i]) for a in rows]
        r = [float(totals[a] - int(marks[a, i])) for a in rows]
        mx, mr = sum(x) / len(x), sum(r) / len(r)
        cov = sum((a - mx) * (b - mr) for a, b in zip(x, r, strict=True))
        vx = sum((a - mx) ** 2 for a in x)
        vr = sum((b - mr) ** 2 for b in r)
        cmax = sum((a - mx) * (b - mr) for a, b in zip(sorted(x), sorted(r), strict=True))
        out.append((mx, cov / math.sqrt(vx * vr), cov / cmax))
    return out


def test_it_agrees_with_a_loop_reference_chunk_by_chunk() -> None:
    rng = random.Random(7)
    ability = np.array([rng.random() for _ in range(300)])
    difficulty = np.array([rng.random() for _ in range(6)])
    marks = (
        ability[:, None]
        > difficulty[None, :] * 0.8 + np.array([[rng.random() * 0.4 for _ in range(6)] for _ in range(300)])
    ).astype(np.uint8)
    presented = np.array([[rng.random() > 0.2 for _ in range(6)] for _ in range(300)])
    acc = Accumulator(6)
    for start in range(0, 300, 64):
        acc.add(marks[start : start + 64], presented[start : start + 64])
    for stat, (facility, discrimination, efficiency) in zip(
        acc.result().items, _reference(marks, presented), strict=True
    ):
        assert stat.facility == pytest.approx(facility)
        assert stat.discrimination == pytest.approx(discrimination)
        assert stat.efficiency == pytest.approx(efficiency)
