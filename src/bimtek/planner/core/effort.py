"""How long CP-SAT may search, stated so that the same input gives the same plan on a busy machine and an idle one.

CP-SAT stops at `max_deterministic_time`, a count of work done (about one second of one idle core per unit), not of
seconds elapsed, so a loaded CI machine reaches the same point of the search as an idle laptop, only later. With one
worker, or several interleaved (`interleave_search`, which CP-SAT documents as deterministic whatever the number of
workers), and a fixed `random_seed`, the answer is then a function of the input alone.

The wall-clock `max_time_in_seconds` stays only as a safety net for people waiting at the command line: it is set
well above the work budget (10 × work + 5 s) and normally never binds. When it does (a machine ten times slower
than an idle core),
the answer may differ from an idle machine's, and `Result.stats["stopped_by"]` says "wall".
"""

from __future__ import annotations

from dataclasses import dataclass

from ortools.sat.python import cp_model

WALL_SLACK = 10.0  # the safety net: this many times the work budget, plus WALL_EXTRA seconds
WALL_EXTRA = 5.0
WORK_PER_RELAXATION = 5.0  # work units for each solve of the explanation (conflict search and relaxations)


@dataclass(frozen=True)
class Effort:
    work: float  # CP-SAT deterministic time units
    workers: int = 1
    seed: int = 0
    wall: float | None = None  # seconds; None: WALL_SLACK × work + WALL_EXTRA

    @classmethod
    def seconds(cls, time_limit: float, workers: int = 1, seed: int = 0) -> Effort:
        """The budget a caller means by "about `time_limit` seconds", on an idle core."""
        return cls(work=time_limit, workers=workers, seed=seed)

    @property
    def wall_limit(self) -> float:
        return self.wall if self.wall is not None else WALL_SLACK * self.work + WALL_EXTRA

    def solver(self) -> cp_model.CpSolver:
        solver = cp_model.CpSolver()
        parameters = solver.parameters
        parameters.max_deterministic_time = self.work
        parameters.max_time_in_seconds = self.wall_limit
        parameters.random_seed = self.seed
        parameters.num_workers = max(1, self.workers)
        # The full LP relaxation: it proves "this many sessions are needed" at the root, where the default
        # linearisation leaves the bound at 0 and the search wanders among equal packings.
        parameters.linearization_level = 2
        if self.workers > 1:
            parameters.interleave_search = True  # the parallel portfolio, made deterministic
        return solver


def stopped_by(solver: cp_model.CpSolver, effort: Effort) -> str:
    """Which limit ended the search: "work" (reproducible), "wall" (the safety net) or "none" (finished)."""
    if solver.deterministic_time >= effort.work * 0.99:
        return "work"
    if solver.wall_time >= effort.wall_limit * 0.99:
        return "wall"
    return "none"
