"""The pure statistics: a known sample's t-interval, the Wilson interval, the t table, the small-n flag."""

import math
import statistics

import pytest

from bimtek.feedback.core import Tally, summarize, t_quantile_975, wilson

SAMPLE = [3, 4, 5, 4, 2, 5, 4, 3]


def tally(scores: list[int]) -> Tally:
    return Tally(len(scores), sum(scores), sum(s * s for s in scores), sum(1 for s in scores if s >= 4))


def test_it_computes_the_t_interval_of_a_known_sample() -> None:
    s = summarize(tally(SAMPLE))
    half = 2.365 * statistics.stdev(SAMPLE) / math.sqrt(8)  # t(0.975, 7) = 2.365
    assert s.n == 8 and s.mean == pytest.approx(3.75)
    assert s.sd == pytest.approx(statistics.stdev(SAMPLE))
    assert (s.low, s.high) == (pytest.approx(3.75 - half), pytest.approx(3.75 + half))
    assert (s.low, s.high) == (pytest.approx(2.8845, abs=1e-4), pytest.approx(4.6155, abs=1e-4))


def test_it_computes_the_wilson_interval_of_the_4_or_5_share() -> None:
    s = summarize(tally(SAMPLE))
    assert s.top_share == pytest.approx(5 / 8)
    # Wilson 95% for 5 of 8, as published tables give it: 0.306 to 0.863.
    assert (round(s.top_low, 3), round(s.top_high, 3)) == (0.306, 0.863)
    assert wilson(0, 10)[0] == pytest.approx(0, abs=1e-12) and wilson(10, 10)[1] == pytest.approx(1)


def test_its_t_quantile_follows_the_table_and_the_expansion_above_30() -> None:
    assert t_quantile_975(1) == 12.706 and t_quantile_975(30) == 2.042
    assert t_quantile_975(40) == pytest.approx(2.021, abs=0.001)
    assert t_quantile_975(120) == pytest.approx(1.980, abs=0.001)
    assert t_quantile_975(100_000) == pytest.approx(1.960, abs=0.001)
    with pytest.raises(ValueError):
        t_quantile_975(0)


def test_it_flags_small_n_and_gives_no_interval_for_one_answer() -> None:
    assert summarize(tally([4, 5, 5, 3])).small
    assert not summarize(tally([4, 5, 5, 3, 4])).small
    one = summarize(tally([5]))
    assert one.small and one.mean == 5 and one.low is None and one.high is None
    empty = summarize(Tally(0, 0, 0, 0))
    assert empty.n == 0 and empty.mean is None and empty.small


def test_it_has_no_spread_when_everyone_agrees_and_stays_on_the_scale() -> None:
    same = summarize(tally([5] * 6))
    assert same.sd == 0 and same.low == same.high == 5
    wide = summarize(tally([1, 5]))
    assert wide.low == 1 and wide.high == 5  # clipped: a mean outside 1-5 is impossible
