"""The fourth training hook: C.Hasil counting drills, generated and written.

`drill_attempts` draws who practises (nearly every KPPS ketua, some anggota), how many tries until a
pass, and when (evenings after their bimtek), picks each attempt's form from a small library scored by
the product's scorer, and COPYs the rows as `drill.services.drill_attempt_record` would.
"""

import numpy as np

from bimtek.synthetic import training
from bimtek.synthetic.country import KPPS
from bimtek.synthetic.hooks_context import (
    LAST_PRACTICE,
    Sessions,
    SynthContext,
)
from bimtek.synthetic.load_training import (
    NULL,
    chunks,
    copy_lines,
    drill_library,
    stamps,
)

# --- 4. Drill attempts -------------------------------------------------------------------------------


def drill_attempts(ctx: SynthContext) -> int:
    """Counting drills (C.Hasil) for nearly every KPPS ketua (the readiness rule: the ketua passed a drill)
    and some anggota: practice until a pass, at most three tries, in the evenings after their bimtek. Each
    attempt is a form from a small library scored by the product's scorer, so score, wrong boxes and
    checker codes agree."""
    rng = ctx.rng
    people = ctx.people
    sessions: Sessions = ctx.state["sessions"]
    library = drill_library("pemilu", rng)
    passing = np.array([i for i, v in enumerate(library) if v.score >= _drill_pass_mark()])
    failing = np.array([i for i, v in enumerate(library) if v.score < _drill_pass_mark()])
    kpps = people.body == KPPS
    ketua = kpps & (people.seat == 1)
    practise = (ketua & (rng.random(len(people)) < training.KETUA_PRACTISE)) | (
        kpps & ~ketua & (rng.random(len(people)) < training.ANGGOTA_PRACTISE)
    )
    tries, passed = training.drill_tries(practise, rng)
    person = np.repeat(np.arange(len(people)), tries)
    attempt = np.arange(len(person)) - np.repeat(np.cumsum(tries) - tries, tries)
    last = attempt == tries[person] - 1
    good = last & passed[person]
    variant = np.where(
        good,
        passing[rng.integers(0, len(passing), len(person))],
        failing[rng.integers(0, len(failing), len(person))],
    )
    session_day = sessions.day[np.maximum(sessions.of_person[person], 0)]
    first_day = session_day + rng.integers(0, 6, len(person)).astype("timedelta64[D]")
    day = np.minimum(first_day + (attempt * 2).astype("timedelta64[D]"), np.datetime64(LAST_PRACTICE, "D"))
    moment = day.astype("datetime64[m]") + (
        19 * 60 + attempt * 20 + rng.integers(0, 100, len(person))
    ).astype("timedelta64[m]")
    first = ctx.reserve("drill_drillattempt", len(person))

    def render(window: slice) -> str:
        at = stamps(moment[window])
        return "".join(
            f"{first + i}\t{library[v].line}\t{t}\t{ctx.election_id}\t{ctx.first_person_id + p}\t{NULL}\n"
            for i, v, t, p in zip(
                range(window.start, window.stop),
                variant[window].tolist(),
                at,
                person[window].tolist(),
                strict=True,
            )
        )

    copy_lines(
        ctx.cursor,
        "drill_drillattempt",
        "id, seed, level, kind, form, score, wrong_fields, violation_codes, created_at, election_id, person_id, "
        "recorded_by_id",
        (render(w) for w in chunks(len(person))),
        ctx.tick,
    )
    return len(person)


def _drill_pass_mark() -> int:
    from bimtek.drill.selectors import PASS_MARK  # what readiness.facts.person_facts reads

    return PASS_MARK
