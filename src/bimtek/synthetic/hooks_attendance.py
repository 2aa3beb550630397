"""The second training hook: attendance at every held session, generated and written.

`attendance` draws a check-in per participant and part (pagi, siang) of every held session of
`Sessions`, by QR scan, name search, paper list or by hand, leaves who attended (`Attended`) in
`ctx.state` for the test attempts, and COPYs the rows as `delivery.services.attendance_sync` would.
"""

import numpy as np

from bimtek.synthetic import training
from bimtek.synthetic.hooks_context import (
    PARTS,
    Attended,
    Sessions,
    SynthContext,
    _minutes,
    _second_part,
)
from bimtek.synthetic.load_training import (
    NULL,
    chunks,
    copy_lines,
    stamps,
)

# --- 2. Attendance -----------------------------------------------------------------------------------

METHODS = ("qr", "search", "paper", "manual")
METHOD_SHARES = (0.85, 0.09, 0.05, 0.01)
MANUAL_REASON = "Terlambat; dicatat manual oleh PPS"


def attendance(ctx: SynthContext) -> int:
    """Per participant of every held session, a check-in per part (pagi, siang): about 95% both parts,
    2.5% one part, 2.5% none. Mostly QR scans, some by name search or paper list, a few manual with a
    reason. Sessions never held have no attendance."""
    sessions: Sessions = ctx.state["sessions"]
    people = ctx.people
    has = sessions.of_person >= 0
    who = np.flatnonzero(has & sessions.held[np.maximum(sessions.of_person, 0)])
    rows, present = training.draw_attendance(len(who), ctx.rng)
    person = who[rows.participant]
    session = sessions.of_person[person]
    offset = rows.minutes + np.where(
        rows.part == 1, _second_part(sessions.slots[session], sessions.days[session]) - 120, 0
    )
    moment = _minutes(sessions.day[session], sessions.slot[session]) + offset.astype("timedelta64[m]")
    method = ctx.rng.choice(len(METHODS), size=len(person), p=METHOD_SHARES)
    any_part = np.zeros(len(people), dtype=bool)
    any_part[who[present]] = True
    first_part = np.zeros(len(people), dtype=bool)
    first_part[person[rows.part == 0]] = True
    ctx.state["attended"] = Attended(any_part, first_part)

    codes = people.unit_codes
    first = ctx.reserve("delivery_attendance", len(person))

    def render(window: slice) -> str:
        at = stamps(moment[window])
        return "".join(
            f"{first + i}\t{codes[u]}\t{PARTS[part]}\t{t}\t{METHODS[m]}\t{MANUAL_REASON if m == 3 else ''}\t"
            f"synth{ctx.election_id}-{first + i}\t{t}\t{ctx.first_person_id + p}\t{NULL}\t{s}\tf\tf\n"
            for i, u, part, t, m, p, s in zip(
                range(window.start, window.stop),
                people.unit[person[window]].tolist(),
                rows.part[window].tolist(),
                at,
                method[window].tolist(),
                person[window].tolist(),
                sessions.id[session[window]].tolist(),
                strict=True,
            )
        )

    copy_lines(
        ctx.cursor,
        "delivery_attendance",
        "id, region_code, part, checked_in_at, method, reason, key, created_at, person_id, recorded_by_id, "
        "session_id, offline, late",  # checked in on the day, online (delivery migration 0002)
        (render(w) for w in chunks(len(person))),
        ctx.tick,
    )
    return len(person)
