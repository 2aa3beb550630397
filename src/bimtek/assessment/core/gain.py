"""Hake's normalized gain between a pre-test and a post-test, both in percent (0-100).

Two numbers that answer different questions, so both are shown (Hake 1998; Bao 2006):
- the class-average gain <g> = (mean post - mean pre) / (100 - mean pre): how much of the room
  left after the pre-test the group as a whole closed;
- the mean of individual gains g_i = (post_i - pre_i) / (100 - pre_i): the typical participant.
A participant with 100% on the pre-test has no room to gain; their g_i is undefined and left out
of the mean (counted in `ceiling`), while they still count in the class averages.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike


@dataclass(frozen=True)
class Gain:
    pairs: int  # participants with both tests
    pre_mean: float | None
    post_mean: float | None
    class_gain: float | None  # <g>
    mean_individual_gain: float | None  # mean of g_i over those with room to gain
    individual: int  # participants in that mean
    ceiling: int  # participants at 100% on the pre-test


def individual_gains(pre: ArrayLike, post: ArrayLike) -> np.ndarray:
    """g_i per participant; NaN where the pre-test was already 100%."""
    a = np.asarray(pre, dtype=np.float64)
    b = np.asarray(post, dtype=np.float64)
    room = 100.0 - a
    out = np.full(a.shape, np.nan)
    np.divide(b - a, room, out=out, where=room > 1e-9)
    return out


def normalized_gain(pre: ArrayLike, post: ArrayLike) -> Gain:
    a = np.asarray(pre, dtype=np.float64)
    b = np.asarray(post, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError("pre and post must pair the same participants")
    n = int(a.size)
    if n == 0:
        return Gain(0, None, None, None, None, 0, 0)
    pre_mean, post_mean = float(a.mean()), float(b.mean())
    class_gain = (post_mean - pre_mean) / (100.0 - pre_mean) if pre_mean < 100.0 - 1e-9 else None
    g = individual_gains(a, b)
    defined = ~np.isnan(g)
    count = int(defined.sum())
    return Gain(
        pairs=n,
        pre_mean=pre_mean,
        post_mean=post_mean,
        class_gain=class_gain,
        mean_individual_gain=float(g[defined].mean()) if count else None,
        individual=count,
        ceiling=n - count,
    )
