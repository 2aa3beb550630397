"""Hake's normalized gain, worked by hand."""

import pytest

from bimtek.assessment.core.gain import individual_gains, normalized_gain


def test_it_tells_the_class_gain_from_the_mean_of_individual_gains() -> None:
    # individual: 40/80 = 0.5, 10/50 = 0.2, the third had 100% before: undefined
    # class: pre mean 170/3, post mean 70 -> (70 - 170/3) / (100 - 170/3) = 40/130 = 4/13
    gain = normalized_gain([20, 50, 100], [60, 60, 90])
    assert gain.pairs == 3
    assert gain.class_gain == pytest.approx(4 / 13)
    assert gain.mean_individual_gain == pytest.approx(0.35)
    assert gain.individual == 2 and gain.ceiling == 1


def test_it_leaves_a_perfect_pre_test_out_of_the_individual_mean() -> None:
    g = individual_gains([100, 0], [80, 50])
    assert g[1] == pytest.approx(0.5) and g[0] != g[0]  # NaN
    everyone_perfect = normalized_gain([100, 100], [100, 90])
    assert everyone_perfect.class_gain is None and everyone_perfect.mean_individual_gain is None
    assert everyone_perfect.ceiling == 2


def test_it_reports_a_loss_as_a_negative_gain() -> None:
    assert normalized_gain([50], [25]).class_gain == pytest.approx(-0.5)


def test_it_reports_nothing_without_pairs() -> None:
    gain = normalized_gain([], [])
    assert gain.pairs == 0 and gain.class_gain is None and gain.pre_mean is None
