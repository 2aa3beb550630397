"""Mean, 95% t-interval and the Wilson interval of the "4 or 5" share, from a grouped query's sums.

The database hands over, per group, n, the sum of scores, the sum of squared scores and how many scores were
4 or 5 (`Tally`); everything here follows from those four integers, so no response is ever read one by one.

The t quantile: scipy is not a dependency, so t(0.975, df) comes from the printed table for df 1-30 and,
above 30, from the Cornish-Fisher expansion around the normal quantile (`statistics.NormalDist`), which
agrees with the table to 0.001 (df 30: 2.0430 vs 2.042; df 120: 1.9799 vs 1.980).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

SMALL_N = 5  # fewer answers than this are shown but flagged: "belum cukup data"
SCALE = (1, 5)
TOP = 4  # a score of 4 or 5 counts as satisfied / useful

# t(0.975, df) for df = 1..30, as printed in every statistics table.
_T_TABLE = (
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
    2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
    2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
)  # fmt: skip
_Z = NormalDist().inv_cdf(0.975)


def t_quantile_975(df: int) -> float:
    if df < 1:
        raise ValueError("df must be at least 1")
    if df <= len(_T_TABLE):
        return _T_TABLE[df - 1]
    z = _Z
    return z + (z**3 + z) / (4 * df) + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * df**2)


def wilson(successes: int, n: int) -> tuple[float, float]:
    """95% Wilson score interval of a proportion; stays inside [0, 1] even for 0/n and n/n."""
    if n <= 0:
        raise ValueError("n must be positive")
    p = successes / n
    z2 = _Z * _Z
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = _Z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True)
class Tally:
    """One group's sums as the database returns them."""

    n: int
    total: int  # sum of scores
    squares: int  # sum of squared scores
    top: int  # scores of 4 or 5


@dataclass(frozen=True)
class Summary:
    n: int
    mean: float | None
    sd: float | None
    low: float | None  # 95% t-interval of the mean, clipped to the 1-5 scale
    high: float | None
    top_share: float | None  # share of 4 or 5
    top_low: float | None  # its 95% Wilson interval
    top_high: float | None

    @property
    def small(self) -> bool:
        return self.n < SMALL_N

    def as_dict(self) -> dict[str, object]:
        rounded = {k: (round(v, 4) if isinstance(v, float) else v) for k, v in self.__dict__.items()}
        return {**rounded, "small": self.small}


EMPTY = Summary(0, None, None, None, None, None, None, None)


def summarize(tally: Tally) -> Summary:
    n = tally.n
    if n <= 0:
        return EMPTY
    mean = tally.total / n
    top_low, top_high = wilson(tally.top, n)
    if n == 1:  # one answer has a mean but no spread
        return Summary(1, mean, None, None, None, tally.top / n, top_low, top_high)
    # Integer numerator: no cancellation error when every score is the same.
    variance = max(0, n * tally.squares - tally.total**2) / (n * (n - 1))
    sd = math.sqrt(variance)
    half = t_quantile_975(n - 1) * sd / math.sqrt(n)
    low, high = max(SCALE[0], mean - half), min(SCALE[1], mean + half)
    return Summary(n, mean, sd, low, high, tally.top / n, top_low, top_high)
