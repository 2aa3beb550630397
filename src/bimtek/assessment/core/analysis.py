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
BLOCK_CELLS = 1 << 18  # answers per block in `Accumulator.add`
JOINT_BINS = 1 << 21  # up to this many bins the distractor counts share the histogram's pass

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
    """Sums that make every statistic; `add` a chunk of attempts at a time, then `result`.

    Marks are 0 or 1 and a total is a whole number from 0 to k, so one histogram holds every sum:
    `hist[i, x, t]` counts the attempts given item i that scored x on it and t on the whole test.
    Facility, the (co)variances with the total and with the rest (t - x), the rest-score histogram
    that the efficiency needs, and the test's own sums are all read off it. Filling it is one
    `bincount` per block of attempts (the distractor counts ride along in the same pass when the
    bins stay few), which touches each answer a handful of times instead of building float
    matrices and products.
    """

    def __init__(self, items: int, options: int = 4) -> None:
        self.k = items
        self.options = options
        self.n = 0  # attempts
        self.complete = True  # every attempt was given every item
        self.hist = np.zeros((items, 2, items + 1), dtype=np.int64)
        self.chosen = np.zeros((items, options + 1), dtype=np.int64)  # column 0: blank
        self.totals = np.zeros(items + 1, dtype=np.int64)  # attempts by test total

    def add(self, correct: Matrix, presented: Matrix | None = None, choices: Matrix | None = None) -> None:
        x = np.asarray(correct)
        if x.ndim != 2 or x.shape[1] != self.k:
            raise ValueError(f"expected a matrix with {self.k} columns, got shape {x.shape}")
        if x.size and x.dtype != np.bool_ and not _dichotomous(x):
            raise ValueError("marks must be 0 or 1")
        mask: NDArray[np.bool_] | None = None
        if presented is not None:
            mask = np.asarray(presented, dtype=bool)
            if mask.shape != x.shape:
                raise ValueError(f"expected presented of shape {x.shape}, got {mask.shape}")
            if mask.all():
                mask = None
            else:
                self.complete = False
        picks = None if choices is None else np.asarray(choices)
        if picks is not None and picks.shape != x.shape:
            raise ValueError(f"expected choices of shape {x.shape}, got {picks.shape}")
        k, width, options = self.k, self.k + 1, self.options + 1
        joint = picks is not None and k * options * 2 * width <= JOINT_BINS
        stride = (options if joint else 1) * 2 * width  # bins per item
        cells = k * stride  # one more bin at the end takes the items not given
        item_base = (np.arange(k, dtype=np.intp) * stride)[None, :]
        option_base = (np.arange(k, dtype=np.intp) * options)[None, :]
        hist = np.zeros(cells + 1, dtype=np.int64)
        chosen = np.zeros(k * options + 1, dtype=np.int64)
        rows = max(1, BLOCK_CELLS // max(k, 1))  # small blocks stay in cache and bound the memory
        for start in range(0, x.shape[0], rows):
            block = x[start : start + rows]
            marks = block.view(np.uint8) if block.dtype == np.bool_ else block.astype(np.uint8)
            shown = None if mask is None else mask[start : start + rows]
            if shown is not None:
                marks = marks & shown.view(np.uint8)
            totals = marks.sum(axis=1, dtype=np.intp)
            self.totals += np.bincount(totals, minlength=width)
            index = marks * np.intp(width)
            index += totals[:, None]
            index += item_base
            if picks is not None:
                option = np.clip(picks[start : start + rows], BLANK, self.options - 1).astype(np.intp)
                option += 1  # 0 = blank
                if joint:
                    option *= 2 * width
                    index += option
                else:
                    option += option_base
                    if shown is not None:
                        option[~shown] = k * options
                    chosen += np.bincount(option.ravel(), minlength=k * options + 1)
            if shown is not None:
                index[~shown] = cells
            hist += np.bincount(index.ravel(), minlength=cells + 1)
        self.n += x.shape[0]
        if joint:
            by_option = hist[:cells].reshape(k, options, 2, width)
            self.hist += by_option.sum(axis=1)
            self.chosen += by_option.sum(axis=(2, 3))
        else:
            self.hist += hist[:cells].reshape(k, 2, width)
            if picks is not None:
                self.chosen += chosen[: k * options].reshape(k, options)

    # The sums of the definitions, read off the histogram (floats, as the formulas use them).
    @property
    def given(self) -> NDArray[np.int64]:  # n_i: attempts given item i
        return np.asarray(self.hist.sum(axis=(1, 2)), dtype=np.int64)

    @property
    def sx(self) -> NDArray[np.float64]:  # sum of marks = sum of squares (dichotomous)
        return np.asarray(self.hist[:, 1, :].sum(axis=1), dtype=np.float64)

    @property
    def st(self) -> NDArray[np.float64]:  # sum of totals over the attempts given item i
        return np.asarray(self.hist.sum(axis=1) @ self._scores, dtype=np.float64)

    @property
    def stt(self) -> NDArray[np.float64]:  # sum of totals squared, same attempts
        return np.asarray(self.hist.sum(axis=1) @ (self._scores**2), dtype=np.float64)

    @property
    def sxt(self) -> NDArray[np.float64]:  # sum of mark * total
        return (self.hist[:, 1, :] @ self._scores).astype(np.float64)

    @property
    def sum_t(self) -> float:
        return float(self.totals @ self._scores)

    @property
    def sum_tt(self) -> float:
        return float(self.totals @ (self._scores**2))

    @property
    def rest(self) -> NDArray[np.int64]:
        """rest[i, r]: attempts given item i whose rest score (total minus the item's mark) is r."""
        out = self.hist[:, 0, :].copy()
        out[:, :-1] += self.hist[:, 1, 1:]
        return out

    @property
    def _scores(self) -> NDArray[np.int64]:
        return np.arange(self.k + 1, dtype=np.int64)

    def result(self) -> Analysis:
        return Analysis(self._test(), self._items())

    def _items(self) -> tuple[ItemStat, ...]:
        counts = self.given
        sx, st, stt, sxt = self.sx, self.st, self.stt, self.sxt
        n = counts.astype(np.float64)
        dof = n - 1
        mean_x = _ratio(sx, n)
        # sums of products of deviations; with n-1 they become Moodle's sample (co)variances
        sxx = sx - sx * mean_x
        s_r = st - sx  # rest = total - mark
        s_rr = stt - 2 * sxt + sx
        s_xr = sxt - sx
        mean_r = _ratio(s_r, n)
        rr = s_rr - s_r * mean_r
        xr = s_xr - sx * mean_r
        tt = stt - st * _ratio(st, n)
        xt = sxt - sx * _ratio(st, n)
        var_x = _ratio(sxx, dof)
        discrimination = _ratio(xr, np.sqrt(np.clip(sxx, 0, None) * np.clip(rr, 0, None)))
        point_biserial = _ratio(xt, np.sqrt(np.clip(sxx, 0, None) * np.clip(tt, 0, None)))
        efficiency = _ratio(xr, self._max_covariance_sums(sx, mean_r))
        stats = []
        for i in range(self.k):
            given = int(counts[i])
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

    def _max_covariance_sums(
        self, sx: NDArray[np.float64], mean_r: NDArray[np.float64]
    ) -> NDArray[np.float64]:
        """Sum of (x sorted - mean)(rest sorted - mean): the ones meet the highest rest scores."""
        ones = sx.astype(np.int64)
        rest = self.rest
        values = np.arange(self.k + 1, dtype=np.float64)
        out = np.zeros(self.k)
        for i in range(self.k):  # k is a test's length (30), not the number of attempts
            counts = rest[i][::-1]  # highest rest score first
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
            sx = self.sx
            sum_var_items = float(((sx - sx * sx / n) / (n - 1)).sum())
            alpha = self.k / (self.k - 1) * (1 - sum_var_items / var_t)
            if alpha <= 1:
                error_ratio = math.sqrt(max(1 - alpha, 0.0))
                sem = error_ratio * sd if sd is not None else None
        return TestStat(n, self.k, mean, sd, alpha, error_ratio, sem)


def _dichotomous(x: Matrix) -> bool:
    if x.dtype == np.uint8:  # the usual case: one cheap pass
        return bool(x.max() <= 1)
    return bool(((x == 0) | (x == 1)).all())


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
