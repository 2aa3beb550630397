"""Item analysis reads every sum off one histogram filled block by block: the block size, whether the
distractor counts share the histogram's pass, and how the chunks are cut must not change any figure."""

import numpy as np
import pytest

from bimtek.assessment.core import analysis
from bimtek.assessment.core.analysis import Accumulator, analyse


def _country(rng: np.random.Generator, rows: int, items: int) -> tuple[np.ndarray, ...]:
    """Answers from an ability model, a drawn form (some items not given) and their marks."""
    keys = rng.integers(0, 4, size=items)
    ability = rng.normal(size=(rows, 1))
    right = rng.random((rows, items)) < 1 / (1 + np.exp(-(ability - rng.normal(size=items))))
    wrong = (keys + rng.integers(1, 4, size=(rows, items))) % 4
    choices = np.where(right, keys, wrong)
    choices[rng.random((rows, items)) < 0.05] = -1
    presented = rng.random((rows, items)) > 0.15
    return (choices == keys).astype(np.uint8), presented, choices


def _reference(marks: np.ndarray, presented: np.ndarray, choices: np.ndarray) -> list[tuple]:
    """Each item in plain numpy over the attempts given it: facility, rest correlation, option counts."""
    totals = (marks * presented).sum(axis=1)
    out = []
    for i in range(marks.shape[1]):
        given = presented[:, i]
        x = marks[given, i].astype(float)
        rest = (totals[given] - marks[given, i]).astype(float)
        counts = tuple(int(((choices[given, i]) == o).sum()) for o in range(4))
        out.append((x.mean(), np.corrcoef(x, rest)[0, 1], counts, int((choices[given, i] == -1).sum())))
    return out


def _figures(result: analysis.Analysis) -> list[tuple]:
    return [
        (s.attempts, s.facility, s.sd, s.discrimination, s.point_biserial, s.efficiency, s.choices, s.blank)
        for s in result.items
    ]


def test_it_agrees_with_numpy_item_by_item_with_a_drawn_form_and_distractors() -> None:
    marks, presented, choices = _country(np.random.default_rng(3), 2_000, 8)
    result = analyse(marks, presented, choices)
    for stat, (facility, discrimination, counts, blank) in zip(
        result.items, _reference(marks, presented, choices), strict=True
    ):
        assert stat.facility == pytest.approx(facility)
        assert stat.discrimination == pytest.approx(discrimination)
        assert stat.choices == counts and stat.blank == blank


@pytest.mark.parametrize("drawn", [False, True])
def test_it_gives_the_same_figures_whether_distractors_share_the_pass_or_not(
    monkeypatch: pytest.MonkeyPatch, drawn: bool
) -> None:
    marks, presented, choices = _country(np.random.default_rng(5), 3_000, 12)
    shown = presented if drawn else None
    shared = _figures(analyse(marks, shown, choices))
    monkeypatch.setattr(analysis, "JOINT_BINS", 0)  # a test too long for one joint histogram
    separate = _figures(analyse(marks, shown, choices))
    assert separate == shared
    assert sum(sum(f[6]) + f[7] for f in separate) == (presented.sum() if drawn else marks.size)


def test_it_gives_the_same_figures_for_any_block_size_and_any_cut_into_chunks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    marks, presented, choices = _country(np.random.default_rng(9), 1_000, 10)
    whole = analyse(marks, presented, choices)
    monkeypatch.setattr(analysis, "BLOCK_CELLS", 7)  # blocks of one row, then the chunks' cut
    acc = Accumulator(10)
    for start in range(0, 1_000, 333):
        acc.add(marks[start : start + 333], presented[start : start + 333], choices[start : start + 333])
    chunked = acc.result()
    # every figure comes from whole-number counts, so they agree exactly, not just closely
    assert _figures(chunked) == _figures(whole)
    assert chunked.test == whole.test


def test_it_refuses_marks_that_are_not_right_or_wrong() -> None:
    with pytest.raises(ValueError, match="0 or 1"):
        analyse(np.array([[1, 0.5], [0, 1]]))
    with pytest.raises(ValueError, match="0 or 1"):
        analyse(np.array([[2, 0], [0, 1]], dtype=np.uint8))
