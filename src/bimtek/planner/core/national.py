"""A whole country as independent subproblems (per kabupaten for the ToT, per kecamatan for the bimtek),
solved in worker processes with a progress bar.

A subproblem whose greedy plan provably meets the bounds (nobody out, fewest sessions, least travel) keeps it;
the others go to CP-SAT with a short time limit and fall back to greedy when that finds nothing better.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections import defaultdict
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from functools import partial

from tqdm import tqdm

from .bounds import seats_fall_short
from .effort import Effort
from .explain import explain_infeasibility
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


RETRY_FACTOR = 10
EXPLAIN_WORK = 0.5  # per solve of a part's conflict search: enough for the LP to prove "too few seats"


def solve_part(instance: Instance, *, time_limit: float, explain: bool = False) -> Result:
    """`time_limit` is CP-SAT work (deterministic seconds, one worker), so a part's plan does not depend on the
    load. CP-SAT optimises who is left out, sessions and travel, and stops once those are proven (balance and
    dates are left as found). With `explain`, a part that cannot fit everyone also names its conflicting rules
    (no relaxations)."""
    baseline = greedy_result(instance)
    if greedy_is_optimal_enough(instance, baseline):
        return replace(baseline, method=f"{baseline.method}-at-bound")  # greedy- or guided-at-bound
    result = solve(instance, effort=Effort.seconds(time_limit), explain=False, up_to_priority=2)
    if result.plan.unplanned and result.status != "OPTIMAL" and not seats_fall_short(instance):
        # Few parts, and leaving people out is the costliest answer: look ten times longer, unless CP-SAT or
        # counting already proved that nobody could seat more.
        work = Effort.seconds(RETRY_FACTOR * time_limit)
        longer = solve(instance, effort=work, explain=False, up_to_priority=2)
        result = min(result, longer, key=lambda r: r.score.as_tuple())
    if explain and result.plan.unplanned:
        proven = result.status == "OPTIMAL"  # nobody could seat more: the rules together conflict
        explanation = explain_infeasibility(instance, work=EXPLAIN_WORK, relaxations=False, proven=proven)
        if explanation is not None:
            return replace(result, status="INFEASIBLE", explanation=explanation)
    return result


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

    def conflicts(self) -> dict[str, int]:
        """How many parts cannot fit everyone, per conflicting rule set ("?" when none was proven in budget)."""
        counts: dict[str, int] = defaultdict(int)
        for r in self.results:
            if r.plan.unplanned:
                counts["+".join(r.explanation.rules) if r.explanation else "?"] += 1
        return dict(sorted(counts.items(), key=lambda item: -item[1]))

    def methods(self) -> dict[str, int]:
        counts: dict[str, int] = defaultdict(int)
        for r in self.results:
            counts[r.method] += 1
        return dict(counts)


def solve_parts(
    parts: list[Instance],
    *,
    time_limit: float = 1.0,
    workers: int = 2,
    progress: bool | None = None,
    explain: bool = False,
) -> Combined:
    """Solve every part; `progress=None` shows the bar only when stderr is a terminal."""
    show = sys.stderr.isatty() if progress is None else progress
    task = partial(solve_part, time_limit=time_limit, explain=explain)
    results = list(tqdm(_run(parts, task, workers), total=len(parts), file=sys.stderr, disable=not show))
    return Combined(tuple(results))


def _run(parts: list[Instance], task: Callable[[Instance], Result], workers: int) -> Iterator[Result]:
    if workers <= 1:
        yield from map(task, parts)
        return
    # Big chunks: thousands of parts, each usually a few milliseconds of greedy, would otherwise spend more time
    # in inter-process round trips than in solving. ~16 chunks per worker keeps the load balanced.
    chunksize = max(1, len(parts) // (workers * 16))
    # spawn, not fork: OR-Tools runs threads in this process, and forking those can deadlock.
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        yield from pool.map(task, parts, chunksize=chunksize)
