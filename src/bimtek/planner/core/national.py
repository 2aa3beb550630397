"""A whole country as independent subproblems (per kabupaten for the ToT, per kecamatan for the bimtek),
solved in worker processes with a progress bar.

A subproblem whose greedy plan provably meets the bounds (nobody out, fewest sessions, least travel) keeps it;
the others go to CP-SAT with a short time limit and fall back to greedy when that finds nothing better.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections import defaultdict
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from functools import partial

from tqdm import tqdm

from .regions import prefix, within
from .schema import Area, Instance, Plan, Result, Score
from .solver import greedy_is_optimal_enough, greedy_result, solve


def split(instance: Instance, area: Area) -> list[Instance]:
    """One instance per region at `area` level, holding that region's groups, venues and facilitators."""
    groups = defaultdict(list)
    for group in instance.groups:
        groups[prefix(group.region, area)].append(group)
    return [
        replace(
            instance,
            groups=tuple(members),
            venues=tuple(v for v in instance.venues if within(v.region, region) or within(region, v.region)),
            facilitators=tuple(f for f in instance.facilitators if within(f.region, region)),
        )
        for region, members in sorted(groups.items())
    ]


def solve_part(instance: Instance, *, time_limit: float) -> Result:
    baseline = greedy_result(instance)
    if greedy_is_optimal_enough(instance, baseline):
        return replace(baseline, method="greedy-at-bound")
    return solve(instance, time_limit=time_limit, workers=1, explain=False)


@dataclass(frozen=True)
class Combined:
    results: tuple[Result, ...]

    @property
    def plan(self) -> Plan:
        return Plan(
            tuple(s for r in self.results for s in r.plan.sessions),
            tuple(u for r in self.results for u in r.plan.unplanned),
        )

    @property
    def score(self) -> Score:
        scores = [r.score for r in self.results]
        return Score(
            unplanned=sum(s.unplanned for s in scores),
            sessions=sum(s.sessions for s in scores),
            travel=sum(s.travel for s in scores),
            imbalance=max((s.imbalance for s in scores), default=0),
        )

    @property
    def lower_bound_sessions(self) -> int:
        return sum(r.lower_bound_sessions for r in self.results)

    def methods(self) -> dict[str, int]:
        counts: dict[str, int] = defaultdict(int)
        for r in self.results:
            counts[r.method] += 1
        return dict(counts)


def solve_parts(
    parts: list[Instance], *, time_limit: float = 1.0, workers: int = 2, progress: bool | None = None
) -> Combined:
    """Solve every part; `progress=None` shows the bar only when stderr is a terminal."""
    show = sys.stderr.isatty() if progress is None else progress
    results = list(
        tqdm(_run(parts, time_limit, workers), total=len(parts), file=sys.stderr, disable=not show)
    )
    return Combined(tuple(results))


def _run(parts: list[Instance], time_limit: float, workers: int) -> Iterator[Result]:
    task = partial(solve_part, time_limit=time_limit)
    if workers <= 1:
        yield from map(task, parts)
        return
    # spawn, not fork: OR-Tools runs threads in this process, and forking those can deadlock.
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        yield from pool.map(task, parts, chunksize=8)
