"""The third training hook: pre- and post-test attempts, generated and written.

`test_attempts` seeds the election's programs, forms and starter bank, plans who sits which test when
(`AttemptPlan`: a pre-test at the start of a session, a post-test at its end or online after, retakes),
draws the answers from a three-parameter logistic model with the facilitators' effect
(`_session_effect`), and COPYs the attempts with their packed items and answers and unique codes
(`_copy_attempts`, `_attempt_codes`), as `assessment.attempts` would.
"""

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from bimtek.synthetic import training
from bimtek.synthetic.country import KPPS, LINMAS, PPK, PPS
from bimtek.synthetic.hooks_context import (
    LAST_PRACTICE,
    Attended,
    Sessions,
    SynthContext,
    _length_minutes,
    _minutes,
)
from bimtek.synthetic.load_training import (
    Bank,
    ProgramInfo,
    chunks,
    copy_lines,
    programs_and_bank,
    read_bank,
    stamps,
)

# --- 3. Test attempts --------------------------------------------------------------------------------

PROGRAM_OF_BODY = {PPK: "tot", PPS: "tot", KPPS: "kpps", LINMAS: "linmas"}
POST_ATTEMPTS = 3  # a post-test failed is retaken after a pendalaman, at most twice
LATE_POST_TEST = 0.85  # of those who missed their session: took the post-test online in the days after
PAPER_SHARE = 0.4
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # assessment.attempts.CODE_ALPHABET


@dataclass
class AttemptPlan:
    """One row per attempt to write: whose, which program and stage, which sitting, when, how able."""

    person: npt.NDArray[np.int64]
    stage: str  # "pre" or "post"
    number: npt.NDArray[np.int64]
    ability: npt.NDArray[np.float64]
    start: npt.NDArray[np.datetime64]  # datetime64[m], WIB


def test_attempts(ctx: SynthContext) -> int:
    """The election's programs, modules, pre/post forms and starter bank, then a pre-test for everyone who
    was there at the start of their session and a post-test at its end (or online in the days after, for
    most who missed it); a failed post-test is retaken up to twice. Answers follow a 3PL model: ability per
    person (PPK/PPS above KPPS above Linmas), difficulty, discrimination and guessing per question; the
    training adds to ability, more where the session's facilitators are stronger."""
    rng = ctx.rng
    programs = programs_and_bank(ctx.election_id, post_attempts=POST_ATTEMPTS)
    bank = read_bank(ctx.cursor, ctx.election_id)
    items = training.item_parameters(bank.version, bank.kind, bank.answer, bank.options, rng)
    sessions: Sessions = ctx.state["sessions"]
    attended: Attended = ctx.state["attended"]
    people = ctx.people
    body = people.body
    ability = rng.normal(0, training.ABILITY_SD, len(people)) + np.select(
        [body == b for b in range(4)], [training.ABILITY_MEAN[b] for b in range(4)]
    )
    gain = (
        training.POST_GAIN
        + rng.normal(0, 0.3, len(people))
        + _session_effect(sessions, ability, rng)[np.maximum(sessions.of_person, 0)]
    )
    held = (sessions.of_person >= 0) & sessions.held[np.maximum(sessions.of_person, 0)]
    own = np.maximum(sessions.of_person, 0)
    start = _minutes(sessions.day[own], sessions.slot[own])
    length = _length_minutes(sessions.slots[own], sessions.days[own])

    # Pre-test: in the first minutes of the session, by those there from the start.
    pre = np.flatnonzero(held & attended.first_part)
    pre_start = start[pre] + rng.integers(5, 20, len(pre)).astype("timedelta64[m]")
    ones = np.ones(len(pre), np.int64)
    written = _copy_attempts(
        ctx, programs, items, bank, AttemptPlan(pre, "pre", ones, ability[pre], pre_start)
    )
    # Post-test: at the end of the session; online in the evenings after for most who missed it.
    late = held & ~attended.any_part & (rng.random(len(people)) < LATE_POST_TEST)
    post = np.flatnonzero((held & attended.any_part) | late)
    evening = (19 * 60 + rng.integers(0, 120, len(post))).astype("timedelta64[m]")
    when = np.where(
        late[post],
        _day_after(start[post], rng.integers(1, 6, len(post))) + evening,
        start[post] + (length[post] - rng.integers(15, 40, len(post))).astype("timedelta64[m]"),
    )
    batch = AttemptPlan(post, "post", np.ones(len(post), np.int64), ability[post] + gain[post], when)
    for _sitting in range(POST_ATTEMPTS):
        if not len(batch.person):
            break
        passed = np.zeros(len(batch.person), dtype=bool)
        written += _copy_attempts(ctx, programs, items, bank, batch, passed)
        # A retake: one to three days later (a pendalaman first), in the evening, better prepared.
        again = ~passed
        n = int(again.sum())
        evening = (19 * 60 + rng.integers(0, 120, n)).astype("timedelta64[m]")
        batch = AttemptPlan(
            batch.person[again],
            "post",
            batch.number[again] + 1,
            batch.ability[again] + training.RETAKE_GAIN,
            _day_after(batch.start[again], rng.integers(1, 4, n)) + evening,
        )
    return written


def _day_after(moment: npt.NDArray[np.datetime64], days: npt.NDArray[np.int64]) -> npt.NDArray[np.datetime64]:
    """Midnight `days` later, but not after the last day of practice (datetime64[m])."""
    day = moment.astype("datetime64[D]") + days.astype("timedelta64[D]")
    return np.minimum(day, np.datetime64(LAST_PRACTICE, "D")).astype("datetime64[m]")


def _session_effect(
    sessions: Sessions, ability: npt.NDArray[np.float64], rng: np.random.Generator
) -> npt.NDArray[np.float64]:
    """Per session, what its trainers add: a third of the facilitators' mean ability over the average (the
    cascade analytics should find stronger PPS behind better KPPS scores); ToT waves vary a little."""
    n = len(sessions.id)
    total = np.bincount(
        sessions.facilitator_session, weights=ability[sessions.facilitator_person], minlength=n
    )
    count = np.bincount(sessions.facilitator_session, minlength=n)
    mean = np.where(count > 0, total / np.maximum(count, 1), 0.0)
    centre = mean[count > 0].mean() if (count > 0).any() else 0.0
    return np.where(count > 0, (mean - centre) / 3, rng.normal(0, 0.15, n))


def _copy_attempts(
    ctx: SynthContext,
    programs: list[ProgramInfo],
    items: training.Items,
    bank: Bank,
    batch: AttemptPlan,
    passed: npt.NDArray[np.bool_] | None = None,
) -> int:
    """COPY one sitting's attempts, drawing questions and answers chunk by chunk; fills `passed`."""
    rng = ctx.rng
    people = ctx.people
    codes = people.unit_codes
    program_of = np.array([[p.kind for p in programs].index(PROGRAM_OF_BODY[b]) for b in range(4)])
    program = program_of[people.body[batch.person]]
    order = np.argsort(program, kind="stable")  # one form after another, people in registry order
    count = len(batch.person)
    first = ctx.reserve("assessment_attempt", count)
    code = _attempt_codes(first, count, rng)

    def lines() -> Iterator[str]:
        done = 0
        for index, info in enumerate(programs):
            rows = order[program[order] == index]
            pools = [bank.pool(b) for b, _ in info.banks]
            wanted = [k for _, k in info.banks]
            form = info.forms[batch.stage]
            for window in chunks(len(rows)):
                part = rows[window]
                chosen = training.draw_items(pools, wanted, len(part), rng)
                answers, right = training.answer(items, chosen, batch.ability[part], rng)
                score = right.sum(axis=1)
                percent = np.round(100.0 * score / max(chosen.shape[1], 1), 2)
                ok = percent >= info.pass_mark
                if passed is not None:
                    passed[part] = ok
                width = chosen.shape[1] * 8
                item_hex = items.version[chosen].astype("<i4").tobytes().hex()
                answer_hex = answers.astype("<i4").tobytes().hex()
                seeds = rng.integers(0, 2**62, len(part)).tolist()
                paper = (rng.random(len(part)) < PAPER_SHARE).tolist()
                begin = batch.start[part]
                begun, ended = (
                    stamps(begin),
                    stamps(begin + rng.integers(8, 25, len(part)).astype("timedelta64[m]")),
                )
                fields = zip(
                    batch.person[part].tolist(), batch.number[part].tolist(), score.tolist(), percent.tolist(),
                    ok.tolist(), seeds, paper, strict=True,
                )  # fmt: skip
                yield "".join(
                    f"{first + done + j}\t{code[done + j]}\t{num}\t{seed}\t{'paper' if on_paper else 'online'}\t"
                    f"submitted\t\\\\x{item_hex[j * width : (j + 1) * width]}\t"
                    f"\\\\x{answer_hex[j * width : (j + 1) * width]}\t{sc}\t{pc}\t{'t' if good else 'f'}\t"
                    f"{begun[j]}\t{ended[j]}\t{begun[j]}\t{ctx.first_person_id + p}\t{codes[people.unit[p]]}\t{form}\n"
                    for j, (p, num, sc, pc, good, seed, on_paper) in enumerate(fields)
                )
                done += len(part)

    copy_lines(
        ctx.cursor,
        "assessment_attempt",
        "id, code, number, seed, mode, status, items, answers, score, percent, passed, started_at, "
        "submitted_at, created_at, person_id, region_code, form_id",
        lines(),
        ctx.tick,
    )
    return count


def _attempt_codes(first_id: int, count: int, rng: np.random.Generator) -> list[str]:
    """12 characters of the attempts' alphabet (60 bits): the row's id over 30 random bits, so codes are unique
    without a lookup and arrive in about index order (a random code per row would scatter the inserts into
    the unique index over its whole width, beyond memory at national size). `new_code` draws the product's
    own 60 random bits from the same alphabet, so a collision with one is as unlikely as between two of them.
    """
    value = (((first_id + np.arange(count)) & (2**30 - 1)) << 30) | rng.integers(
        0, 2**30, count, dtype=np.int64
    )
    digits = (value[:, None] >> (5 * np.arange(11, -1, -1))) & 31
    letters = np.array(list(CODE_ALPHABET))[digits]
    return ["".join(row) for row in letters.tolist()] if count else []
