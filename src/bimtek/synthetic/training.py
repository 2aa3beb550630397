"""The training of the synthetic country as numpy arrays: sessions, attendance, test answers, drills.

Pure: no Django, no database. The hooks (`hooks.py`) feed it the registry's arrays and a generator
of their own seed stream, and store what it returns with COPY (`load_training.py`). Nothing here
loops over people in Python; loops run over kabupaten or desa at most.

- Sessions: whole groups (a kecamatan's PPK, a desa's PPS, a TPS crew) packed in code order into
  sessions of a hall, so neighbours train together, as the planner's locality rule prefers.
- Attendance: most attend both parts of their session, a few miss a part, a few miss it all.
- Tests: an IRT model (three-parameter logistic: ability per person, difficulty, discrimination and
  a guessing floor per question), so item analysis finds easy, hard and weak items.
"""

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from bimtek.synthetic.country import KPPS, LINMAS, PPK, PPS

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


# --- Sessions ----------------------------------------------------------------------------------------


@dataclass
class Packing:
    """Groups packed into sessions, block by block (a block: a kabupaten for the ToT, a desa for the bimtek)."""

    session_of_group: IntArray  # index into the sessions
    session_block: IntArray  # per session: its block
    session_local: IntArray  # per session: 0.. within its block
    sessions_per_block: IntArray
    participants: IntArray  # per session


def pack_groups(block: IntArray, size: IntArray, room: IntArray, blocks: int) -> Packing:
    """Cut each block's groups, in order, into the fewest sessions of about equal size that fit `room`.

    `block` is sorted; `room[b]` is a session's capacity in block b less the largest group, so a cut at
    a multiple of the block's target size never overfills: a session holds at most target + one group.
    Every group is smaller than the target, so no session is empty.
    """
    people = np.bincount(block, weights=size, minlength=blocks).astype(np.int64)
    per_block = np.maximum(1, -(-people // np.maximum(room, 1)))
    target = people / per_block
    before = np.cumsum(size) - size
    block_start = np.cumsum(people) - people
    within = before - block_start[block]
    local = np.minimum((within // np.maximum(target[block], 1e-9)).astype(np.int64), per_block[block] - 1)
    offsets = np.cumsum(per_block) - per_block
    session = offsets[block] + local
    total = int(per_block.sum())
    session_block = np.repeat(np.arange(blocks), per_block)
    return Packing(
        session_of_group=session,
        session_block=session_block,
        session_local=np.arange(total) - offsets[session_block],
        sessions_per_block=per_block,
        participants=np.bincount(session, weights=size, minlength=total).astype(np.int64),
    )


@dataclass
class Schedule:
    hall: IntArray  # per session: hall number within its block (0..)
    day: IntArray  # per session: index into the window's days
    slot: IntArray  # per session: 1..slots_per_day
    halls_per_block: IntArray


def spread(packing: Packing, days: int, slots_per_day: int) -> Schedule:
    """The ToT: a block's sessions spread evenly over the days and slots, in as many halls as needed.

    Positions run day by day, slot by slot, hall by hall; session k of n takes position k·P/n of the
    P = days × slots × halls positions, so three sessions of a kabupaten fall on three days (waves).
    """
    per_hall = days * slots_per_day
    halls = np.maximum(1, -(-packing.sessions_per_block // per_hall))
    h = halls[packing.session_block]
    n = packing.sessions_per_block[packing.session_block]
    position = packing.session_local * (per_hall * h) // n
    return Schedule(
        hall=position % h,
        day=position // (slots_per_day * h),
        slot=(position // h) % slots_per_day + 1,
        halls_per_block=halls,
    )


def in_a_row(packing: Packing, days: int, slots_per_day: int, rng: np.random.Generator) -> Schedule:
    """The bimtek: one hall per block (sized to need at most days × slots sessions), sessions back to back
    from a seeded first slot, so desa start on different days of the window."""
    per_hall = days * slots_per_day
    n = packing.sessions_per_block
    if len(n) and n.max() > per_hall:
        raise ValueError("a desa needs more sessions than its hall has slots")
    first = (rng.random(len(n)) * (per_hall - n + 1)).astype(np.int64)
    position = first[packing.session_block] + packing.session_local
    return Schedule(
        hall=np.zeros(len(position), dtype=np.int64),
        day=position // slots_per_day,
        slot=position % slots_per_day + 1,
        halls_per_block=np.ones(len(n), dtype=np.int64),
    )


def positions(window_days: int, slots_per_day: int, slots: int, days: int) -> tuple[int, int]:
    """(position days, positions a day) of a window for sessions of `slots` slots on `days` days in a row.

    A session as long as its program takes a position of the timetable: a slot; a full day (slots 1 and 2)
    of a day; a block of `days` days (days 1-2, 3-4, ... from the window's start, as the planner folds).
    """
    if days > 1:
        return window_days // days, 1
    return window_days, max(1, slots_per_day // slots)


def stretch(schedule: Schedule, slots: int, days: int) -> Schedule:
    """A schedule in positions (`positions`) as real days and first slots."""
    return Schedule(
        hall=schedule.hall,
        day=schedule.day * days,
        slot=(schedule.slot - 1) * slots + 1,
        halls_per_block=schedule.halls_per_block,
    )


def rotating_facilitators(
    session_position: IntArray, first: IntArray, count: IntArray, per_session: int = 2
) -> tuple[IntArray, IntArray]:
    """(session, person) pairs: each session gets `per_session` of its desa's PPS, taking turns.

    Position p takes PPS (2p + j) mod m for j < 2: with two slots a day and three PPS, nobody
    facilitates more than two sessions a day (the planner's default limit). `first`/`count` are the
    desa's PPS rows in the people arrays, per session.
    """
    sessions, people = [], []
    for j in range(per_session):
        has = count > j
        index = np.flatnonzero(has)
        sessions.append(index)
        people.append(first[has] + (per_session * session_position[has] + j) % count[has])
    return np.concatenate(sessions), np.concatenate(people)


# --- Attendance --------------------------------------------------------------------------------------

ABSENT_SHARE = 0.01  # missed the whole session
PART_MISSED_SHARE = 0.01  # came late or left early: one part missed


@dataclass
class AttendanceRows:
    participant: IntArray  # index into the participants given
    part: IntArray  # 0 (pagi) or 1 (siang)
    minutes: IntArray  # after the slot's start


def draw_attendance(participants: int, rng: np.random.Generator) -> tuple[AttendanceRows, BoolArray]:
    """Rows for each participant's parts, and who attended at least one part.

    About 95% attend both parts; 2.5% miss one (late for the first or gone for the second); 2.5% miss
    the session. Check-ins: the first part in the first half hour, the second after the break.
    """
    u = rng.random(participants)
    absent = u < ABSENT_SHARE
    partial = (u >= ABSENT_SHARE) & (u < ABSENT_SHARE + PART_MISSED_SHARE)
    missed = np.where(rng.random(participants) < 0.6, 1, 0)  # more leave early than come late
    rows_part, rows_who = [], []
    for index in (0, 1):
        attends = np.flatnonzero(~absent & ~(partial & (missed == index)))
        rows_who.append(attends)
        rows_part.append(np.full(len(attends), index))
    who = np.concatenate(rows_who)
    part = np.concatenate(rows_part)
    order = np.lexsort((part, who))
    who, part = who[order], part[order]
    minutes = np.where(part == 0, rng.integers(0, 35, len(who)), 120 + rng.integers(0, 20, len(who)))
    return AttendanceRows(who, part, minutes), ~absent


# --- Tests -------------------------------------------------------------------------------------------

# Ability on the logit scale, per body (PPK and PPS were chosen by test; KPPS by the PPS, many new).
ABILITY_MEAN = {PPK: 0.3, PPS: 0.1, KPPS: -0.4, LINMAS: -0.6}
ABILITY_SD = 0.7
POST_GAIN = 2.1  # what the training adds, on average
RETAKE_GAIN = 0.8  # a remedial retake after a pendalaman
WEAK_ITEM_SHARE = 0.08  # items that discriminate little (ambiguous wording): item analysis should flag them
BLANK_SHARE = 0.02  # of wrong answers, left blank


@dataclass(frozen=True)
class Items:
    """The question bank's current versions, as columns."""

    version: IntArray
    kind: npt.NDArray[np.str_]  # "mc", "tf", "num"
    answer: IntArray
    options: IntArray
    difficulty: FloatArray
    discrimination: FloatArray
    guess: FloatArray


def item_parameters(
    version: IntArray, kind: list[str], answer: IntArray, options: IntArray, rng: np.random.Generator
) -> Items:
    n = len(version)
    discrimination = np.exp(rng.normal(0.2, 0.3, n))
    weak = rng.random(n) < WEAK_ITEM_SHARE
    discrimination[weak] = rng.uniform(0.05, 0.25, weak.sum())
    kinds = np.array(kind)
    guess = np.where(kinds == "num", 0.0, 1.0 / np.maximum(options, 2))
    return Items(
        version=version,
        kind=kinds,
        answer=answer,
        options=options,
        difficulty=rng.normal(-0.3, 0.9, n),
        discrimination=discrimination,
        guess=guess,
    )


def draw_items(pools: list[IntArray], wanted: list[int], n: int, rng: np.random.Generator) -> IntArray:
    """(n, Σ wanted) item indexes: `wanted[m]` distinct items from each module's pool, modules in order."""
    columns = []
    for pool, k in zip(pools, wanted, strict=True):
        if k == 0:
            continue
        if k > len(pool):
            raise ValueError(f"{k} questions wanted from a pool of {len(pool)}")
        pick = np.argsort(rng.random((n, len(pool))), axis=1)[:, :k]
        columns.append(pool[pick])
    return np.concatenate(columns, axis=1) if columns else np.zeros((n, 0), dtype=np.int64)


BLANK = -(2**31)  # assessment.packing.BLANK: an answer not given


def answer(
    items: Items, chosen: IntArray, ability: FloatArray, rng: np.random.Generator
) -> tuple[IntArray, IntArray]:
    """(answers, right): per attempt and item, the chosen option (or number, or BLANK) and whether it is right.

    A wrong multiple-choice answer is another option at random; true/false, the other one; a number,
    off by one to three.
    """
    a, b, c = items.discrimination[chosen], items.difficulty[chosen], items.guess[chosen]
    p = c + (1 - c) / (1 + np.exp(-a * (ability[:, None] - b)))
    right = rng.random(chosen.shape) < p
    key = items.answer[chosen]
    options = np.maximum(items.options[chosen], 2)
    kind = items.kind[chosen]
    other = (key + 1 + (rng.random(chosen.shape) * (options - 1)).astype(np.int64)) % options
    off = rng.integers(1, 4, chosen.shape) * np.where(rng.random(chosen.shape) < 0.5, -1, 1)
    wrong = np.where(kind == "num", key + off, other)
    blank = rng.random(chosen.shape) < BLANK_SHARE
    answers = np.where(right, key, np.where(blank, BLANK, wrong))
    return answers.astype(np.int32), right


# --- Drills ------------------------------------------------------------------------------------------

KETUA_PRACTISE = 0.99
ANGGOTA_PRACTISE = 0.15
DRILL_FIRST_PASS = 0.85
DRILL_RETAKE_PASS = 0.75
DRILL_TRIES = 3


def drill_tries(
    practise: BoolArray, rng: np.random.Generator, tries: int = DRILL_TRIES
) -> tuple[IntArray, BoolArray]:
    """(attempts, passed) per person: practise until a pass, at most `tries` times (0 for who never practise)."""
    n = len(practise)
    attempts = np.zeros(n, dtype=np.int64)
    passed = np.zeros(n, dtype=bool)
    for t in range(tries):
        going = practise & ~passed
        attempts += going
        rate = DRILL_FIRST_PASS if t == 0 else DRILL_RETAKE_PASS
        passed |= going & (rng.random(n) < rate)
    return attempts, passed
