"""Hooks for the parts of the synthetic country whose tables do not exist yet.

Each hook receives the `SynthContext` of the run (the cursor inside the load's transaction, the
election, every generated person with their ids, the TPS, and its own random generator) and returns
the number of rows it wrote. Today they write nothing. When a later issue adds the table, fill the
hook in: generate with numpy from `ctx.rng`, stream with COPY (`ctx.cursor.copy`, as `load.py` does), return the count. Each hook
has its own seed stream, so filling one in never changes the rows of the registry or of another hook.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from bimtek.readiness.synthetic.country import PeopleRows, TpsRows, Units


@dataclass
class SynthContext:
    cursor: Any  # psycopg 3 cursor, inside the load's transaction
    election_id: int
    voting_day: Any  # datetime.date
    units: Units
    tps: TpsRows
    people: PeopleRows
    first_tps_id: int  # TPS i has id first_tps_id + i
    first_person_id: int  # person i (row i of `people`) has id first_person_id + i
    first_appointment_id: int  # and their appointment first_appointment_id + i
    rng: np.random.Generator
    tick: Callable[[int], None]


def plans_and_sessions(ctx: SynthContext) -> int:
    """Training plans and their sessions: the ToT per kabupaten/kota (PPK + PPS, 3 waves) and the KPPS
    bimtek per kecamatan (each TPS crew in one session, 25-28 January for the Pemilu).

    To do when the plan/session tables exist: one plan per kabupaten, sessions from the planner's
    greedy (not CP-SAT: too slow for 7,285 kecamatan in a generator), participants by appointment.
    """
    return 0


def attendance(ctx: SynthContext) -> int:
    """Attendance per participant and session: present for most (about 95%), absent with a seeded
    reason for the rest, a few late sign-ins. Needs the session tables (plans_and_sessions)."""
    return 0


def test_attempts(ctx: SynthContext) -> int:
    """Pre- and post-test attempts, about 12 million: every KPPS, PPS and PPK takes a pre-test and a
    post-test (7.6M × 2, less absentees), scores drawn per item from an IRT-like model so item analysis
    has something to find. Needs the assessment tables."""
    return 0


def drill_attempts(ctx: SynthContext) -> int:
    """C.Hasil drill attempts (form-filling exercises) for a share of KPPS ketua and anggota 2-3, with
    seeded errors of the kinds the checker reports. Needs the drill attempt table."""
    return 0


# The order the generator runs them in; each is a phase of its report.
HOOKS: list[tuple[str, Callable[[SynthContext], int]]] = [
    ("plans_and_sessions", plans_and_sessions),
    ("attendance", attendance),
    ("test_attempts", test_attempts),
    ("drill_attempts", drill_attempts),
]
