"""What the training hooks share: the run's context, the calendar, what one hook leaves for the next.

Not a phase of its own: the `SynthContext` every hook receives (`hooks.py` runs them in order), the Pemilu
2024 calendar the plans and the later draws follow (ToT and bimtek days, slots, the last day of practice),
the small time helpers on numpy arrays (a slot's start, a session's second part and length, a program's
length), and the types a hook leaves in `ctx.state` for the next: `Sessions` (from `plans_and_sessions`)
and `Attended` (from `attendance`). It writes nothing.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from bimtek.assessment.curriculum import curriculum
from bimtek.planner.core.length import Length, length_for
from bimtek.synthetic.country import PeopleRows, TpsRows, Units


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
    reserve: Callable[[str, int], int] = lambda table, count: 0  # first of `count` ids for `table`
    created_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    state: dict[str, Any] = field(default_factory=dict)  # what one hook leaves for the next


# The Pemilu 2024 calendar (docs/synthetic.md): ToT 22-24 January, KPPS sworn in and trained 25-28 January.
TOT_DAYS = 3
TOT_START = dt.date(2024, 1, 22)
BIMTEK_DAYS = 4
BIMTEK_START = dt.date(2024, 1, 25)
SLOTS_PER_DAY = 2
SLOT_START_MINUTES = {1: 8 * 60, 2: 13 * 60}  # planner.models.SLOT_TIMES: 08.00-12.00, 13.00-17.00
SLOT_MINUTES = 240
TOT_HALL_SEATS = 300  # one ballroom per kabupaten, as the demo's ToT (Purbalingga: 807 in 3 waves)
CREW_NORM = 9  # KPPS 7 + Linmas 2: the bimtek trains a TPS's crew together
SESSION_NOT_HELD = 0.01  # bimtek sessions nobody marked held (postponed, or the PPS never reported)
BIMTEK_RULES = {
    "not_before": BIMTEK_START.isoformat(),  # the KPPS pelantikan
    "locality": "desa",
    "facilitators_per_session": 2,
    "facilitator_area": "desa",
}
PARTS = ("pagi", "siang")  # delivery.models.DEFAULT_PARTS: a new election has no completion rule yet
LAST_PRACTICE = dt.date(2024, 2, 6)  # tests and drills stop the day before readiness is pinned (7 February)


def _minutes(days: npt.NDArray[np.datetime64], slot: npt.NDArray[Any]) -> npt.NDArray[np.datetime64]:
    """The start of each slot as datetime64[m]."""
    start = np.where(slot == 1, SLOT_START_MINUTES[1], SLOT_START_MINUTES[2])
    return days.astype("datetime64[m]") + start.astype("timedelta64[m]")


def program_length(kind: str) -> Length:
    """How long a session of the program `kind` is (`planner.core.length`): the curriculum the load seeds
    (`assessment.curriculum`) makes the ToT (570 minutes) and the KPPS bimtek (510) two full days each."""
    data = curriculum()
    return length_for(sum(data["modules"][bank]["minutes"] for bank in data["programs"][kind]["modules"]))


def _second_part(slots: npt.NDArray[np.int64], days: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """Minutes from a session's start to its second part: after the break of a one-slot session; the
    afternoon (13.00) of the last day of a longer one, so the siang check-in says who stayed to the end."""
    return np.where(slots == 1, 120, (days - 1) * 24 * 60 + SLOT_START_MINUTES[2] - SLOT_START_MINUTES[1])


def _length_minutes(slots: npt.NDArray[np.int64], days: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """Minutes from a session's start to its end (17.00 of the last day for a full-day session)."""
    return np.where(slots == 1, SLOT_MINUTES, (days - 1) * 24 * 60 + 17 * 60 - SLOT_START_MINUTES[1])


@dataclass
class Sessions:
    """Every session of the run (ToT first, then bimtek), and who trains in which."""

    id: npt.NDArray[np.int64]
    day: npt.NDArray[np.datetime64]  # datetime64[D]
    slot: npt.NDArray[np.int64]  # the first slot
    slots: npt.NDArray[np.int64]  # slots in a row each day (2: 08.00-17.00)
    days: npt.NDArray[np.int64]  # days in a row
    held: npt.NDArray[np.bool_]
    of_person: npt.NDArray[np.int64]  # per person: index of their session, -1 for none
    facilitator_session: npt.NDArray[np.int64]
    facilitator_person: npt.NDArray[np.int64]  # index into the people


@dataclass
class Attended:
    """Per person: attended at least one part / the first part of their (held) session."""

    any_part: npt.NDArray[np.bool_]
    first_part: npt.NDArray[np.bool_]
