"""Cascade analytics, free of Django: trainees' results attributed to facilitators, ToT waves and modules.

Every figure carries its uncertainty, because a kabupaten's facilitators train a few dozen people each
and a mean over nine trainees says little on its own:

- a pass rate has a Wilson 95% interval (good at small n and near 0 or 1, where the normal one fails);
- a mean (post-test score, gain post - pre in points) has a Student t 95% interval;
- a facilitator's pass rate is also shrunk toward the region's rate (empirical Bayes, beta-binomial): a
  Beta(m p0, m (1 - p0)) prior with p0 the region's rate and its strength m estimated from how much the
  facilitators differ beyond binomial noise (method of moments). Three trainees move the shrunk rate
  little; three hundred move it almost all the way. Rankings use the shrunk rate;
- "lemah" (weak) is said only when the whole interval lies below the region's figure, never on a mean;
- the correlation between a facilitator's own ToT post-test score and their trainees' pass rate comes
  with its n and a Fisher z interval (none below four facilitators: the interval needs n - 3 > 0).

Attribution is shared: a trainee counts for every facilitator of their session, so two co-facilitators
get the same trainees and their rows are not independent (`shared` counts those trainees).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

Z95 = 1.959963984540054
# Student t 0.975 quantiles for 1-30 degrees of freedom; above 30 the Cornish-Fisher expansion is exact to 1e-3.
T975 = (
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
    2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
    2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
)  # fmt: skip
# Prior strength (in trainees) when too few facilitators to estimate it, and the bounds of the estimate.
DEFAULT_STRENGTH = 10.0
STRENGTH_BOUNDS = (2.0, 1000.0)
MIN_GROUPS_FOR_STRENGTH = 3

Floats = NDArray[np.float64]
Bools = NDArray[np.bool_]
Ints = NDArray[np.int64]


@dataclass(frozen=True)
class Interval:
    low: float
    high: float


def wilson(successes: int, n: int, z: float = Z95) -> Interval | None:
    """Wilson score interval of a proportion; None without observations."""
    if n <= 0:
        return None
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return Interval(max(0.0, centre - half), min(1.0, centre + half))


SCORE_MIN, SCORE_MAX = 0.0, 100.0  # a test's score, in percent


def t975(df: int) -> float:
    if df < 1:
        raise ValueError("t needs at least one degree of freedom")
    if df <= len(T975):
        return T975[df - 1]
    z = Z95
    return z + (z**3 + z) / (4 * df) + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * df * df)


def mean_interval(
    values: Floats, low: float = -math.inf, high: float = math.inf
) -> tuple[float | None, Interval | None]:
    """The mean and its t 95% interval, clipped to the values' range [low, high] (a score never passes
    100); no interval below two values."""
    n = int(values.size)
    if n == 0:
        return None, None
    mean = float(values.mean())
    if n < 2:
        return mean, None
    half = t975(n - 1) * float(values.std(ddof=1)) / math.sqrt(n)
    return mean, Interval(max(low, mean - half), min(high, mean + half))


def prior_strength(passed: Ints, n: Ints, p0: float) -> float:
    """Beta prior strength m from the spread of the groups' rates beyond binomial noise (moments).

    E[(p_i - p0)^2] = p0 q0 / n_i + tau2 (1 - 1/n_i) with tau2 = p0 q0 / (m + 1): solve for tau2, then m.
    No spread beyond noise means the groups are alike: the strongest prior allowed.
    """
    keep = n > 0
    passed, n = passed[keep], n[keep]
    if n.size < MIN_GROUPS_FOR_STRENGTH or not 0.0 < p0 < 1.0:
        return DEFAULT_STRENGTH
    pq = p0 * (1 - p0)
    rates = passed / n
    weight = float((1 - 1 / n).sum())
    if weight <= 0:  # every group has one trainee: nothing to tell noise from spread
        return DEFAULT_STRENGTH
    tau2 = float(((rates - p0) ** 2 - pq / n).sum()) / weight
    low, high = STRENGTH_BOUNDS
    if tau2 <= pq / (high + 1):
        return high
    return float(min(max(pq / tau2 - 1, low), high))


def shrunk_rate(passed: int, n: int, prior_rate: float, strength: float) -> float:
    """Posterior mean of the pass rate under a Beta(strength p0, strength (1 - p0)) prior."""
    return (passed + strength * prior_rate) / (n + strength)


@dataclass(frozen=True)
class Correlation:
    n: int
    r: float | None  # Pearson; None below three pairs or without spread
    interval: Interval | None  # Fisher z 95%; None below four pairs


def correlation(x: Floats, y: Floats) -> Correlation:
    n = int(x.size)
    if n < 3 or float(x.std()) == 0.0 or float(y.std()) == 0.0:
        return Correlation(n, None, None)
    r = float(np.corrcoef(x, y)[0, 1])
    if n < 4 or abs(r) >= 1.0:
        return Correlation(n, r, None)
    z, se = math.atanh(r), 1 / math.sqrt(n - 3)
    return Correlation(n, r, Interval(math.tanh(z - Z95 * se), math.tanh(z + Z95 * se)))


# -- inputs ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scores:
    """One row per trainee with a submitted first post-test in the region (percentages)."""

    post: Floats
    passed: Bools
    pre: Floats  # NaN where there is no pre-test


@dataclass(frozen=True)
class Links:
    """Trainee -> facilitator, one row per pair: a session with two facilitators gives two rows."""

    trainee: Ints  # row in Scores
    facilitator: Ints  # person id
    shared: Bools  # the session had another facilitator


@dataclass(frozen=True)
class Facilitator:
    person_id: int
    name: str
    wave: dt.date | None  # the date of their unit's ToT session
    tot_score: float | None  # their own ToT post-test, percent


@dataclass(frozen=True)
class ModuleCount:
    position: int
    title: str
    correct: int  # right answers to the module's items on the post-test
    answered: int  # items of the module given on the post-test


# -- outputs --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Summary:
    n: int
    post_mean: float | None
    post_ci: Interval | None
    passed: int
    pass_rate: float | None
    pass_ci: Interval | None
    gain_n: int
    gain_mean: float | None  # post - pre, points
    gain_ci: Interval | None


@dataclass(frozen=True)
class FacilitatorRow:
    facilitator: Facilitator
    summary: Summary
    shared: int  # trainees also attributed to a co-facilitator
    shrunk: float | None
    weak: bool


@dataclass(frozen=True)
class WaveRow:
    wave: dt.date | None
    facilitators: int
    summary: Summary
    shrunk: float | None
    weak: bool


@dataclass(frozen=True)
class ModuleRow:
    position: int
    title: str
    answered: int
    correct: int
    facility: float | None
    ci: Interval | None
    weak: bool


@dataclass(frozen=True)
class Cascade:
    region: Summary
    attributed: int  # trainees linked to at least one facilitator
    strength: float  # the prior's weight, in trainees
    facilitators: tuple[FacilitatorRow, ...]  # weakest (shrunk) first
    waves: tuple[WaveRow, ...]  # by date, "no ToT" last
    modules: tuple[ModuleRow, ...]  # by position
    facility: float | None  # the post-test's overall share correct
    correlation: Correlation


def summarise(scores: Scores, rows: Ints) -> Summary:
    post, passed, pre = scores.post[rows], scores.passed[rows], scores.pre[rows]
    n, ok = int(rows.size), int(passed.sum())
    gains = (post - pre)[~np.isnan(pre)]
    post_mean, post_ci = mean_interval(post, SCORE_MIN, SCORE_MAX)
    gain_mean, gain_ci = mean_interval(gains, SCORE_MIN - SCORE_MAX, SCORE_MAX - SCORE_MIN)
    return Summary(
        n=n,
        post_mean=post_mean,
        post_ci=post_ci,
        passed=ok,
        pass_rate=ok / n if n else None,
        pass_ci=wilson(ok, n),
        gain_n=int(gains.size),
        gain_mean=gain_mean,
        gain_ci=gain_ci,
    )


def is_weak(ci: Interval | None, reference: float | None) -> bool:
    """Weak only when the whole interval lies below the reference: a low mean alone is not evidence."""
    return ci is not None and reference is not None and ci.high < reference


def _groups(keys: Ints, trainees: Ints) -> dict[int, Ints]:
    """key -> the distinct trainee rows linked to it."""
    if keys.size == 0:
        return {}
    pairs = np.unique(np.stack([keys, trainees], axis=1), axis=0)
    order = np.unique(pairs[:, 0], return_index=True)
    splits = np.split(pairs[:, 1], order[1][1:])
    return {int(k): rows for k, rows in zip(order[0], splits, strict=True)}


def cascade(
    scores: Scores, links: Links, facilitators: dict[int, Facilitator], modules: list[ModuleCount]
) -> Cascade:
    region = summarise(scores, np.arange(scores.post.size, dtype=np.int64))
    p0 = region.pass_rate
    by_facilitator = _groups(links.facilitator, links.trainee)
    shared_pairs = _groups(links.facilitator[links.shared], links.trainee[links.shared])
    counts = {pid: summarise(scores, rows) for pid, rows in by_facilitator.items()}
    strength = prior_strength(
        np.array([s.passed for s in counts.values()], dtype=np.int64),
        np.array([s.n for s in counts.values()], dtype=np.int64),
        p0 or 0.0,
    )
    fac_rows = [
        FacilitatorRow(
            facilitator=facilitators[pid],
            summary=s,
            shared=int(shared_pairs[pid].size) if pid in shared_pairs else 0,
            shrunk=shrunk_rate(s.passed, s.n, p0, strength) if p0 is not None else None,
            weak=is_weak(s.pass_ci, p0),
        )
        for pid, s in counts.items()
    ]
    fac_rows.sort(key=lambda r: (r.shrunk if r.shrunk is not None else 2.0, r.facilitator.name))
    return Cascade(
        region=region,
        attributed=int(np.unique(links.trainee).size),
        strength=strength,
        facilitators=tuple(fac_rows),
        waves=_waves(scores, links, facilitators, p0, strength),
        modules=_modules(modules),
        facility=_overall_facility(modules),
        correlation=_tot_correlation(fac_rows),
    )


def _waves(
    scores: Scores, links: Links, facilitators: dict[int, Facilitator], p0: float | None, strength: float
) -> tuple[WaveRow, ...]:
    """Per ToT wave the trainees of its facilitators, each trainee once per wave."""
    dates = sorted({f.wave for f in facilitators.values() if f.wave is not None})
    index = {d: i for i, d in enumerate(dates)}
    none = len(dates)  # facilitators with no ToT session on record
    wave_of = {pid: index.get(f.wave, none) if f.wave else none for pid, f in facilitators.items()}
    keys = np.array([wave_of[int(p)] for p in links.facilitator], dtype=np.int64)
    groups = _groups(keys, links.trainee)
    out = []
    for key, rows in sorted(groups.items()):
        s = summarise(scores, rows)
        wave = dates[key] if key < none else None
        out.append(
            WaveRow(
                wave=wave,
                facilitators=sum(1 for f in facilitators.values() if f.wave == wave),
                summary=s,
                shrunk=shrunk_rate(s.passed, s.n, p0, strength) if p0 is not None else None,
                weak=is_weak(s.pass_ci, p0),
            )
        )
    return tuple(out)


def _overall_facility(modules: list[ModuleCount]) -> float | None:
    answered = sum(m.answered for m in modules)
    return sum(m.correct for m in modules) / answered if answered else None


def _modules(modules: list[ModuleCount]) -> tuple[ModuleRow, ...]:
    overall = _overall_facility(modules)
    out = []
    for m in sorted(modules, key=lambda m: m.position):
        ci = wilson(m.correct, m.answered)
        out.append(
            ModuleRow(
                position=m.position,
                title=m.title,
                answered=m.answered,
                correct=m.correct,
                facility=m.correct / m.answered if m.answered else None,
                ci=ci,
                weak=is_weak(ci, overall),
            )
        )
    return tuple(out)


def _tot_correlation(rows: list[FacilitatorRow]) -> Correlation:
    pairs = [
        (r.facilitator.tot_score, r.summary.pass_rate)
        for r in rows
        if r.facilitator.tot_score is not None and r.summary.pass_rate is not None
    ]
    x = np.array([p[0] for p in pairs], dtype=np.float64)
    y = np.array([p[1] for p in pairs], dtype=np.float64)
    return correlation(x, y)
