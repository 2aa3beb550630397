"""Item analysis as Moodle's quiz statistics define it, vectorised with numpy and free of Django.

Input is a matrix of first attempts: one row per attempt, one column per item, each cell 1 (right)
or 0 (wrong or blank), a mask of the items each attempt was given (a form drawn from a blueprint
gives each participant different questions), and the option each attempt chose (-1: blank).
Every statistic is built from sums that can be added chunk by chunk (`Accumulator`), so twelve
million attempts never need to sit in memory at once. Definitions (docs/assessment.md):

- facility F_i = mean mark of item i over the attempts that were given it (Moodle: "facility index");
- discrimination index D_i = correlation of the item's mark with the rest of the test
  (total minus this item), sample covariances with n-1 (Moodle's calculator.php);
- point-biserial r_pb = correlation of the item's mark with the whole test total;
- discriminative efficiency E_i = cov(x_i, rest) / the largest covariance the same marginal
  distributions allow (both sorted), as Moodle computes it;
- coefficient of internal consistency (Cronbach's alpha; KR-20 for right/wrong items)
  alpha = P/(P-1) (1 - sum Var(x_i) / Var(T)), the error ratio sqrt(1 - alpha) and the
  standard error of measurement SEM = SD(T) sqrt(1 - alpha).

Marks are dichotomous (a question scores 1 or 0), so the rest-of-test score is a whole number and
its distribution per item fits in a histogram: that is how the efficiency's sorted covariance is
found without sorting twelve million numbers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

LOW_DISCRIMINATION = 0.15
FACILITY_RANGE = (0.3, 0.8)
BLANK = -1

Matrix = NDArray[np.generic]


@dataclass(frozen=True)
class ItemStat:
    index: int
    attempts: int  # attempts that were given this item
    facility: float | None  # 0..1
    sd: float | None
    discrimination: float | None  # -1..1, correlation with the rest of the test
    point_biserial: float | None  # -1..1, correlation with the whole test
    efficiency: float | None  # 0..1 (can be negative), Moodle's discriminative efficiency
    choices: tuple[int, ...]  # how many attempts chose option 0, 1, ...
    blank: int

    @property
    def flags(self) -> tuple[str, ...]:
        """Why the item wants a look: codes, stable for tests and exports."""
        out = []
        if self.attempts and self.facility is not None:
            low, high = FACILITY_RANGE
            if self.facility < low:
                out.append("too_hard")
            elif self.facility > high:
                out.append("too_easy")
        if self.attempts and (self.discrimination is None or self.discrimination < LOW_DISCRIMINATION):
            out.append("low_discrimination")
        return tuple(out)


@dataclass(frozen=True)
class TestStat:
    __test__ = False  # statistics of a test, not a class of tests for pytest to collect

    attempts: int
    items: int
    mean: float | None  # marks
    sd: float | None  # marks, sample standard deviation
    alpha: float | None  # Cronbach's alpha = KR-20 here
    error_ratio: float | None  # sqrt(1 - alpha)
    sem: float | None  # marks

    @property
    def mean_percent(self) -> float | None:
        return None if self.mean is None or not self.items else 100 * self.mean / self.items


@dataclass(frozen=True)
class Analysis:
    test: TestStat
    items: tuple[ItemStat, ...]


def _ratio(num: NDArray[np.float64], den: NDArray[np.float64]) -> NDArray[np.float64]:
    out = np.full(num.shape, np.nan)
    np.divide(num, den, out=out, where=den > 1e-12)
    return out


class Accumulator:
    """Sums that make every statistic; `add` a chunk of attempts at a time, then `result`."""

    def __init__(self, items: int, options: int = 4) -> None:
        self.k = items
        self.options = options
        self.n = 0  # attempts
        self.complete = True  # every attempt was given every item
        self.given = np.zeros(items, dtype=np.int64)  # n_i
        self.sx = np.zeros(items)  # sum of marks = sum of squares (dichotomous)
        self.st = np.zeros(items)  # sum of totals over attempts given item i
        self.stt = np.zeros(items)  # sum of totals squared, same attempts
        self.sxt = np.zeros(items)  # sum of mark * total
        self.sum_t = 0.0
        self.sum_tt = 0.0
        # rest-of-test histogram per item: rest[i, r] attempts given item i whose rest score is r
        self.rest = np.zeros((items, items + 1), dtype=np.int64)
        self.chosen = np.zeros((items, options + 1), dtype=np.int64)  # column 0: blank

    def add(self, correct: Matrix, presented: Matrix | None = None, choices: Matrix | None = None) -> None:
        x = np.asarray(correct, dtype=np.float64)
        if x.ndim != 2 or x.shape[1] != self.k:
            raise ValueError(f"expected a matrix with {self.k} columns, got shape {x.shape}")
        n = x.shape[0]
        mask: NDArray[np.bool_] | None = None
        if presented is not None:
            mask = np.asarray(presented, dtype=bool)
            if mask.all():
                mask = None
            else:
                self.complete = False
                x = np.where(mask, x, 0.0)
        t = x.sum(axis=1)
        self.n += n
        self.sx += x.sum(axis=0)
        self.sxt += t @ x
        self.sum_t += float(t.sum())
        self.sum_tt += float(t @ t)
        if mask is None:  # every attempt had every item: the per-item sums are the test's
            self.given += n
            self.st += float(t.sum())
            self.stt += float(t @ t)
        else:
            m = mask.astype(np.float64)
            self.given += mask.sum(axis=0)
            self.st += t @ m
            self.stt += (t * t) @ m
        offsets = (np.arange(self.k, dtype=np.int32) * (self.k + 1))[None, :]
        rest = t.astype(np.int32)[:, None] - x.astype(np.int32)  # whole numbers: marks are 0 or 1
        flat = (offsets + rest) if mask is None else (offsets + rest)[mask]
        self.rest += np.bincount(flat.ravel(), minlength=self.k * (self.k + 1)).reshape(self.k, self.k + 1)
        if choices is not None:
            c = np.clip(np.asarray(choices, dtype=np.int32), BLANK, self.options - 1) + 1  # 0 = blank
            option_offsets = (np.arange(self.k, dtype=np.int32) * (self.options + 1))[None, :]
            flat = (option_offsets + c) if mask is None else (option_offsets + c)[mask]
            self.chosen += np.bincount(flat.ravel(), minlength=self.k * (self.options + 1)).reshape(
                self.k, self.options + 1
            )

    def result(self) -> Analysis:
        return Analysis(self._test(), self._items())

    def _items(self) -> tuple[ItemStat, ...]:
        n = self.given.astype(np.float64)
        dof = n - 1
        mean_x = _ratio(self.sx, n)
        # sums of products of deviations; with n-1 they become Moodle's sample (co)variances
        sxx = self.sx - self.sx * mean_x
        s_r = self.st - self.sx  # rest = total - mark
        s_rr = self.stt - 2 * self.sxt + self.sx
        s_xr = self.sxt - self.sx
        mean_r = _ratio(s_r, n)
        rr = s_rr - s_r * mean_r
        xr = s_xr - self.sx * mean_r
        tt = self.stt - self.st * _ratio(self.st, n)
        xt = self.sxt - self.sx * _ratio(self.st, n)
        var_x = _ratio(sxx, dof)
        discrimination = _ratio(xr, np.sqrt(np.clip(sxx, 0, None) * np.clip(rr, 0, None)))
        point_biserial = _ratio(xt, np.sqrt(np.clip(sxx, 0, None) * np.clip(tt, 0, None)))
        efficiency = _ratio(xr, self._max_covariance_sums(mean_r))
        stats = []
        for i in range(self.k):
            given = int(self.given[i])
            stats.append(
                ItemStat(
                    index=i,
                    attempts=given,
                    facility=_num(mean_x[i]) if given else None,
                    sd=_num(math.sqrt(max(var_x[i], 0.0))) if given > 1 else None,
                    discrimination=_num(discrimination[i]) if given > 1 else None,
                    point_biserial=_num(point_biserial[i]) if given > 1 else None,
                    efficiency=_num(efficiency[i]) if given > 1 else None,
                    choices=tuple(int(v) for v in self.chosen[i, 1:]),
                    blank=int(self.chosen[i, 0]),
                )
            )
        return tuple(stats)

    def _max_covariance_sums(self, mean_r: NDArray[np.float64]) -> NDArray[np.float64]:
        """Sum of (x sorted - mean)(rest sorted - mean): the ones meet the highest rest scores."""
        ones = self.sx.astype(np.int64)
        values = np.arange(self.k + 1, dtype=np.float64)
        out = np.zeros(self.k)
        for i in range(self.k):  # k is a test's length (30), not the number of attempts
            counts = self.rest[i][::-1]  # highest rest score first
            taken = np.minimum(counts, np.clip(ones[i] - (np.cumsum(counts) - counts), 0, None))
            top = float((taken * values[::-1]).sum())
            out[i] = top - ones[i] * (0.0 if math.isnan(mean_r[i]) else mean_r[i])
        return out

    def _test(self) -> TestStat:
        n = self.n
        if n == 0:
            return TestStat(0, self.k, None, None, None, None, None)
        mean = self.sum_t / n
        var_t = (self.sum_tt - n * mean * mean) / (n - 1) if n > 1 else None
        sd = math.sqrt(max(var_t, 0.0)) if var_t is not None else None
        alpha = error_ratio = sem = None
        if var_t and var_t > 1e-12 and self.complete and self.k > 1 and n > 1:
            sum_var_items = float(((self.sx - self.sx * self.sx / n) / (n - 1)).sum())
            alpha = self.k / (self.k - 1) * (1 - sum_var_items / var_t)
            if alpha <= 1:
                error_ratio = math.sqrt(max(1 - alpha, 0.0))
                sem = error_ratio * sd if sd is not None else None
        return TestStat(n, self.k, mean, sd, alpha, error_ratio, sem)


def _num(value: float) -> float | None:
    v = float(value)
    return None if math.isnan(v) else v


def analyse(
    correct: Matrix, presented: Matrix | None = None, choices: Matrix | None = None, *, options: int = 4
) -> Analysis:
    """Item and test statistics of one matrix of first attempts (see the module docstring)."""
    k = np.asarray(correct).shape[1] if np.asarray(correct).ndim == 2 else 0
    acc = Accumulator(k, options)
    acc.add(correct, presented, choices)
    return acc.result()
