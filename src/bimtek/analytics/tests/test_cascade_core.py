"""The cascade core against numbers worked out by hand (no database)."""

import datetime as dt
import math

import numpy as np
import pytest

from bimtek.analytics.core.cascade import (
    DEFAULT_STRENGTH,
    STRENGTH_BOUNDS,
    Facilitator,
    Links,
    ModuleCount,
    Scores,
    cascade,
    correlation,
    is_weak,
    mean_interval,
    prior_strength,
    shrunk_rate,
    t975,
    wilson,
)


def test_it_gives_the_wilson_interval_of_8_of_10() -> None:
    # p = 0.8, z^2/n = 0.38415: centre 0.99207/1.38415 = 0.71674, half 1.96 * sqrt(0.016 + 0.0096) / 1.38415
    ci = wilson(8, 10)
    assert ci is not None
    assert ci.low == pytest.approx(0.4902, abs=1e-4) and ci.high == pytest.approx(0.9433, abs=1e-4)
    assert wilson(0, 0) is None
    assert wilson(0, 5).low == 0.0  # type: ignore[union-attr]  # wilson gives None only for n = 0, which this case is not


def test_it_uses_student_t_for_small_means() -> None:
    mean, ci = mean_interval(np.array([60.0, 70.0, 80.0]))
    # sd 10, n 3, t(2) = 4.303: half 4.303 * 10 / sqrt(3) = 24.84
    assert mean == 70.0 and ci is not None
    assert ci.low == pytest.approx(70 - 24.843, abs=1e-2) and ci.high == pytest.approx(94.843, abs=1e-2)
    assert mean_interval(np.array([50.0])) == (50.0, None)
    assert t975(31) == pytest.approx(2.0395, abs=1e-3) and t975(200) == pytest.approx(1.9719, abs=1e-3)


def test_a_score_interval_never_passes_100() -> None:
    # Nine perfect scores and one 90: the t interval of the mean (99.0) would reach 101.3.
    mean, ci = mean_interval(np.array([100.0] * 9 + [90.0]), 0.0, 100.0)
    assert mean == 99.0 and ci is not None
    assert ci.high == 100.0 and 96.0 < ci.low < 97.0


def test_it_shrinks_a_small_group_toward_the_prior_more_than_a_large_one() -> None:
    # prior 0.8 with strength 10: 1 of 3 passed -> (1 + 8) / 13; 100 of 300 -> (100 + 8) / 310
    assert shrunk_rate(1, 3, 0.8, 10) == pytest.approx(9 / 13)
    assert shrunk_rate(100, 300, 0.8, 10) == pytest.approx(108 / 310)
    assert shrunk_rate(0, 0, 0.8, 10) == pytest.approx(0.8)


def test_it_estimates_the_prior_strength_from_the_spread_beyond_noise() -> None:
    # three groups of 10 at 0.4, 0.7 and 1.0 around p0 0.7:
    # sum (p - p0)^2 = 0.09 + 0 + 0.09 = 0.18; noise sum pq/n = 3 * 0.021 = 0.063; weight 3 * 0.9 = 2.7
    # tau2 = 0.117 / 2.7 = 0.04333; m = 0.21 / 0.04333 - 1 = 3.846
    m = prior_strength(np.array([4, 7, 10]), np.array([10, 10, 10]), 0.7)
    assert m == pytest.approx(0.21 / (0.117 / 2.7) - 1, rel=1e-6)
    # identical groups: no spread beyond noise, the strongest prior allowed
    assert prior_strength(np.array([7, 7, 7]), np.array([10, 10, 10]), 0.7) == STRENGTH_BOUNDS[1]
    # two groups are too few to estimate: the default
    assert prior_strength(np.array([1, 9]), np.array([10, 10]), 0.5) == DEFAULT_STRENGTH


def test_it_flags_weak_only_when_the_interval_is_below() -> None:
    low = wilson(2, 10)  # (0.057, 0.510)
    assert is_weak(low, 0.8)
    assert not is_weak(wilson(1, 3), 0.75), "1 of 3 is a low rate, but its interval (0.06, 0.79) reaches 0.75"
    assert not is_weak(wilson(2, 10), 0.5)
    assert not is_weak(None, 0.8)


def test_it_gives_a_correlation_interval_only_with_enough_pairs() -> None:
    assert correlation(np.array([1.0, 2.0]), np.array([0.5, 0.7])).r is None
    assert correlation(np.array([1.0, 2.0]), np.array([0.5, 0.7])).interval is None
    three = correlation(np.array([1.0, 2.0, 3.0]), np.array([0.5, 0.9, 0.7]))
    assert three.n == 3 and three.r == pytest.approx(0.5) and three.interval is None
    x = np.array([60.0, 70.0, 80.0, 90.0, 75.0])
    y = np.array([0.5, 0.6, 0.9, 0.8, 0.7])
    c = correlation(x, y)
    r = float(np.corrcoef(x, y)[0, 1])
    half = 1.959963984540054 / math.sqrt(2)
    assert c.n == 5 and c.r == pytest.approx(r)
    assert c.interval is not None
    assert c.interval.low == pytest.approx(math.tanh(math.atanh(r) - half))
    assert c.interval.high == pytest.approx(math.tanh(math.atanh(r) + half))


def test_it_attributes_shared_trainees_to_both_facilitators_and_each_once_per_wave() -> None:
    # trainees 0-3 with facilitators 1 and 2 together; trainees 4-5 with facilitator 3 alone
    scores = Scores(
        post=np.array([80.0, 90.0, 60.0, 70.0, 40.0, 50.0]),
        passed=np.array([True, True, False, True, False, False]),
        pre=np.array([50.0, 60.0, np.nan, 40.0, 30.0, 50.0]),
    )
    links = Links(
        trainee=np.array([0, 0, 1, 1, 2, 2, 3, 3, 4, 5]),
        facilitator=np.array([1, 2, 1, 2, 1, 2, 1, 2, 3, 3]),
        shared=np.array([True] * 8 + [False] * 2),
    )
    wave = dt.date(2024, 1, 10)
    people = {
        1: Facilitator(1, "Ani", wave, 90.0),
        2: Facilitator(2, "Budi", wave, 80.0),
        3: Facilitator(3, "Citra", None, None),
    }
    modules = [ModuleCount(2, "Penghitungan", 30, 100), ModuleCount(1, "Pemungutan", 90, 100)]
    out = cascade(scores, links, people, modules)
    assert out.region.n == 6 and out.region.passed == 3 and out.attributed == 6
    ani = next(r for r in out.facilitators if r.facilitator.name == "Ani")
    assert ani.summary.n == 4 and ani.summary.passed == 3 and ani.shared == 4
    assert ani.summary.post_mean == pytest.approx(75.0)
    assert ani.summary.gain_n == 3 and ani.summary.gain_mean == pytest.approx((30 + 30 + 30) / 3)
    assert ani.shrunk == pytest.approx(shrunk_rate(3, 4, 0.5, out.strength))
    assert out.facilitators[0].facilitator.name == "Citra", "weakest shrunk rate first"
    first, no_tot = out.waves
    assert first.wave == wave and first.summary.n == 4 and first.facilitators == 2, "each trainee once"
    assert no_tot.wave is None and no_tot.summary.n == 2
    assert [m.title for m in out.modules] == ["Pemungutan", "Penghitungan"]
    assert out.facility == pytest.approx(0.6)
    assert out.modules[1].weak and not out.modules[0].weak
    assert out.correlation.n == 2 and out.correlation.r is None
