"""The training of the synthetic country, after its registry: plans and sessions, attendance, tests, drills.

Each hook receives the `SynthContext` of the run (the cursor inside the load's transaction, the
election, every generated person with their ids, the TPS, and its own random generator) and returns
the number of rows it wrote. Each draws from its own seed stream, so changing one never changes the
registry's rows or another hook's draws; later hooks read what earlier ones built from `ctx.state`
(which session each person trains in, who attended). The arrays come from the pure `training.py`;
the rows go by COPY (`load_training.py`), mirroring what the product's services write:

- plans: `planner.services.plan_create` + `_store` (plan, plan venues, sessions, groups, facilitators);
- attendance: `delivery.services.attendance_sync` (one row per person and part, a unique key per scan);
- attempts: `assessment.attempts` (one row per attempt, items and answers packed as int32);
- drills: `drill.services.drill_attempt_record` (the filled form, its score, wrong boxes, checker codes).
"""

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from bimtek.assessment.curriculum import curriculum
from bimtek.planner.core.length import Length, length_for
from bimtek.synthetic import training
from bimtek.synthetic.country import KPPS, LINMAS, PPK, PPS, PeopleRows, TpsRows, Units
from bimtek.synthetic.load_training import (
    NULL,
    SYNTH_VENUE_SUFFIX,
    Bank,
    ProgramInfo,
    chunks,
    copy_lines,
    display_name,
    drill_library,
    json_text,
    programs_and_bank,
    read_bank,
    region_names,
    stamps,
    venues_ensure,
)


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


# --- 1. Plans and sessions ---------------------------------------------------------------------------


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
class Layout:
    """The run's units as the plans see them: kabupaten, ToT groups per unit, bimtek groups per TPS."""

    kabupaten: list[str]
    unit_kab: npt.NDArray[np.int64]  # per unit code: index into `kabupaten`
    desa_unit: npt.NDArray[np.int64]  # per desa (Units.desa): its index in the unit codes
    tot_unit: npt.NDArray[np.int64]  # per ToT group: its unit
    tot_size: npt.NDArray[np.int64]  # per unit: active PPK (kecamatan) or PPS (desa)
    desa_with_tps: npt.NDArray[np.int64]  # per bimtek block: index into Units.desa
    tps_block: npt.NDArray[np.int64]  # per TPS: its bimtek block
    crew_size: npt.NDArray[np.int64]  # per TPS: active KPPS and Linmas

    @property
    def block_kab(self) -> npt.NDArray[np.int64]:
        return self.unit_kab[self.desa_unit[self.desa_with_tps]]


def _layout(ctx: SynthContext) -> Layout:
    people, units = ctx.people, ctx.units
    codes = people.unit_codes
    kabupaten = sorted({c[:5] for c in units.kecamatan})
    kab_index = {k: i for i, k in enumerate(kabupaten)}
    position = {c: i for i, c in enumerate(codes)}
    cadre = (people.body == PPK) | (people.body == PPS)
    crew = (people.body == KPPS) | (people.body == LINMAS)
    tot_size = np.bincount(people.unit[cadre], minlength=len(codes))
    desa_with_tps, tps_block = np.unique(ctx.tps.desa, return_inverse=True)
    return Layout(
        kabupaten=kabupaten,
        unit_kab=np.array([kab_index[c[:5]] for c in codes], dtype=np.int64),
        desa_unit=np.array([position[c] for c in units.desa], dtype=np.int64),
        tot_unit=np.flatnonzero(tot_size > 0),
        tot_size=tot_size,
        desa_with_tps=desa_with_tps.astype(np.int64),
        tps_block=tps_block.astype(np.int64),
        crew_size=np.bincount(people.tps[crew], minlength=len(ctx.tps)),
    )


def plans_and_sessions(ctx: SynthContext) -> int:
    """A ToT plan per kabupaten/kota (its PPK and PPS in waves in one ballroom, 22-24 January) and a bimtek
    plan per kabupaten/kota (every TPS crew, KPPS and Linmas, in its own desa's hall, 25-28 January, two PPS
    of the desa facilitating), both solved. Sessions are as long as their program (`program_length`: two
    full days each with the seeded curriculum), so the ToT is one wave of ballrooms on 22-23 January and the
    bimtek two waves, 25-26 and 27-28 January. Groups are never split; a desa's hall is sized to hold its
    crews in the bimtek's positions (its two waves)."""
    people, units = ctx.people, ctx.units
    lay = _layout(ctx)
    codes = people.unit_codes
    kabupaten = lay.kabupaten
    names = region_names(ctx.cursor, [*kabupaten, *units.desa])

    tot = training.pack_groups(
        lay.unit_kab[lay.tot_unit],
        lay.tot_size[lay.tot_unit],
        np.full(len(kabupaten), TOT_HALL_SEATS - int(lay.tot_size.max(initial=0))),
        len(kabupaten),
    )
    tot_length, bim_length = program_length("tot"), program_length("kpps")
    tot_days, tot_per_day = training.positions(TOT_DAYS, SLOTS_PER_DAY, tot_length.slots, tot_length.days)
    tot_when = training.stretch(
        training.spread(tot, tot_days, tot_per_day), tot_length.slots, tot_length.days
    )
    bim_days, bim_per_day = training.positions(BIMTEK_DAYS, SLOTS_PER_DAY, bim_length.slots, bim_length.days)
    slots = bim_days * bim_per_day
    tps_per_desa = np.bincount(lay.tps_block, minlength=len(lay.desa_with_tps))
    hall_seats = np.array(
        [
            max(_village_hall_seats(units.desa[d]), -(-CREW_NORM * n // slots) + CREW_NORM)
            for d, n in zip(lay.desa_with_tps.tolist(), tps_per_desa.tolist(), strict=True)
        ],
        dtype=np.int64,
    )
    bim = training.pack_groups(lay.tps_block, lay.crew_size, hall_seats - CREW_NORM, len(lay.desa_with_tps))
    bim_at = training.in_a_row(bim, bim_days, bim_per_day, ctx.rng)  # in positions
    bim_when = training.stretch(bim_at, bim_length.slots, bim_length.days)
    not_held = ctx.rng.random(len(bim.session_block)) < SESSION_NOT_HELD

    # Halls: the ToT ballroom(s) of each kabupaten, then the hall of each desa with TPS.
    tot_halls = [(k, h) for k in range(len(kabupaten)) for h in range(int(tot_when.halls_per_block[k]))]
    wanted = [
        (
            kabupaten[k],
            f"Aula ToT {display_name(*names[kabupaten[k]])}{f' {h + 1}' if h else ''}",
            TOT_HALL_SEATS,
        )
        for k, h in tot_halls
    ] + [
        (units.desa[d], f"Balai {_hall_word(names[units.desa[d]][1])} {names[units.desa[d]][0]}", seats)
        for d, seats in zip(lay.desa_with_tps.tolist(), hall_seats.tolist(), strict=True)
    ]
    wanted = [(region, f"{name}{SYNTH_VENUE_SUFFIX}", seats) for region, name, seats in wanted]
    venue = np.array(venues_ensure(ctx.cursor, wanted, created_at=ctx.created_at, reserve=ctx.reserve))
    hall_first = np.cumsum(tot_when.halls_per_block) - tot_when.halls_per_block
    tot_venue = venue[hall_first[tot.session_block] + tot_when.hall]
    bim_venue = venue[len(tot_halls) + bim.session_block]

    # Plans: a ToT per kabupaten, then a bimtek per kabupaten with TPS.
    bim_kabupaten = np.unique(lay.block_kab)
    first_plan = ctx.reserve("planner_trainingplan", len(kabupaten) + len(bim_kabupaten))
    tot_plan = first_plan + np.arange(len(kabupaten))
    bim_plan = np.full(len(kabupaten), -1, dtype=np.int64)
    bim_plan[bim_kabupaten] = first_plan + len(kabupaten) + np.arange(len(bim_kabupaten))

    # Sessions: ToT first, then bimtek.
    n_tot, n_bim = len(tot.session_block), len(bim.session_block)
    session_id = ctx.reserve("planner_trainingsession", n_tot + n_bim) + np.arange(n_tot + n_bim)
    day = np.concatenate(
        [
            np.datetime64(TOT_START, "D") + tot_when.day.astype("timedelta64[D]"),
            np.datetime64(BIMTEK_START, "D") + bim_when.day.astype("timedelta64[D]"),
        ]
    )
    slot = np.concatenate([tot_when.slot, bim_when.slot])
    slots = np.concatenate([np.full(n_tot, tot_length.slots), np.full(n_bim, bim_length.slots)])
    days = np.concatenate([np.full(n_tot, tot_length.days), np.full(n_bim, bim_length.days)])
    held = np.concatenate([np.ones(n_tot, dtype=bool), ~not_held])
    session_plan = np.concatenate([tot_plan[tot.session_block], bim_plan[lay.block_kab[bim.session_block]]])
    session_venue = np.concatenate([tot_venue, bim_venue])
    session_region = [kabupaten[k] for k in tot.session_block.tolist()] + [
        units.desa[d] for d in lay.desa_with_tps[bim.session_block].tolist()
    ]

    # Facilitators: two of the desa's PPS, taking turns (a unit's PPS rows are adjacent, by seat).
    pps_rows = np.flatnonzero(people.body == PPS)
    pps_count = np.bincount(people.unit[pps_rows], minlength=len(codes))
    pps_first = np.full(len(codes), -1, dtype=np.int64)
    pps_first[people.unit[pps_rows][::-1]] = pps_rows[::-1]
    bim_unit = lay.desa_unit[lay.desa_with_tps[bim.session_block]]
    fac_session, fac_person = training.rotating_facilitators(
        bim_at.day * bim_per_day + bim_at.slot - 1, pps_first[bim_unit], pps_count[bim_unit]
    )
    fac_session = fac_session + n_tot

    # Who trains where: PPK/PPS in their unit's ToT session, KPPS/Linmas in their TPS's bimtek session.
    tot_of_unit = np.full(len(codes), -1, dtype=np.int64)
    tot_of_unit[lay.tot_unit] = tot.session_of_group
    of_person = np.where(people.tps >= 0, n_tot + bim.session_of_group[np.maximum(people.tps, 0)], -1)
    cadre = (people.body == PPK) | (people.body == PPS)
    of_person[cadre] = tot_of_unit[people.unit[cadre]]
    ctx.state["sessions"] = Sessions(
        session_id, day, slot, slots, days, held, of_person, fac_session, fac_person
    )

    rows = _copy_plans(ctx, lay, tot, bim, tot_plan, bim_plan, bim_kabupaten)
    rows += _copy_plan_venues(ctx, lay, tot_plan, bim_plan, venue, hall_first, tot_when.halls_per_block)
    stamp_day = np.datetime_as_string(day, unit="D").tolist()
    copy_lines(
        ctx.cursor,
        "planner_trainingsession",
        "id, date, slot, slots, days, status, region_code, plan_id, venue_id",
        [
            "".join(
                f"{i}\t{d}\t{s}\t{n}\t{k}\t{'held' if h else 'planned'}\t{r}\t{p}\t{v}\n"
                for i, d, s, n, k, h, r, p, v in zip(
                    session_id.tolist(), stamp_day, slot.tolist(), slots.tolist(), days.tolist(), held.tolist(),
                    session_region, session_plan.tolist(), session_venue.tolist(), strict=True,
                )
            )
        ],
    )  # fmt: skip
    rows += len(session_id)
    rows += _copy_groups(ctx, lay, tot, bim, session_id, session_plan, n_tot)
    first_fac = ctx.reserve("planner_sessionfacilitator", len(fac_session))
    copy_lines(
        ctx.cursor,
        "planner_sessionfacilitator",
        "id, person_id, session_id",
        [
            "".join(
                f"{first_fac + i}\t{ctx.first_person_id + p}\t{s}\n"
                for i, (p, s) in enumerate(
                    zip(fac_person.tolist(), session_id[fac_session].tolist(), strict=True)
                )
            )
        ],
    )
    return rows + len(fac_session)


def _village_hall_seats(code: str) -> int:
    from bimtek.planner.examples import village_hall_capacity  # the demo's balai desa: 30-60 seats

    return village_hall_capacity(code)


def _hall_word(kind: str) -> str:
    return "Kelurahan" if kind == "kelurahan" else "Desa"


def _summary(participants: int, groups: int, sessions: int, lower_bound: int) -> dict[str, Any]:
    """The keys the plan pages read (planner.solving.summary_of), for a plan nobody needs to re-solve."""
    return {
        "status": "feasible",
        "method": "synthetic",
        "participants": participants,
        "groups": groups,
        "sessions": sessions,
        "unplanned": [],
        "unplanned_participants": 0,
        "lower_bound_sessions": lower_bound,
        "gap": 0.0,
        "explanation": None,
        "violations": [],
        "warnings": [],
        "held_groups": 0,
        "moved": 0,
        "previous_groups": 0,
    }


def _copy_plans(
    ctx: SynthContext,
    lay: Layout,
    tot: training.Packing,
    bim: training.Packing,
    tot_plan: npt.NDArray[np.int64],
    bim_plan: npt.NDArray[np.int64],
    bim_kabupaten: npt.NDArray[np.int64],
) -> int:
    k_count = len(lay.kabupaten)
    stamp = ctx.created_at.isoformat()
    tot_end = TOT_START + dt.timedelta(days=TOT_DAYS - 1)
    bim_end = BIMTEK_START + dt.timedelta(days=BIMTEK_DAYS - 1)
    lines = []

    def per_kab(block_kab: npt.NDArray[np.int64], pack: training.Packing) -> tuple[Any, Any, Any]:
        session_kab = block_kab[pack.session_block]
        return (
            np.bincount(session_kab, weights=pack.participants, minlength=k_count).astype(int),
            np.bincount(session_kab[pack.session_of_group], minlength=k_count),
            np.bincount(session_kab, minlength=k_count),
        )

    people, groups, sessions = per_kab(np.arange(k_count), tot)
    for k, code in enumerate(lay.kabupaten):
        bound = -(-int(people[k]) // TOT_HALL_SEATS)
        summary = _summary(int(people[k]), int(groups[k]), int(sessions[k]), bound)
        lines.append(
            f"{tot_plan[k]}\ttot\t{TOT_START}\t{tot_end}\t{{}}\tf\tsolved\t{json_text(summary)}\t{stamp}\t"
            f"{NULL}\t{ctx.election_id}\t{NULL}\t{code}\n"
        )
    people, groups, sessions = per_kab(lay.block_kab, bim)
    for k in bim_kabupaten.tolist():
        summary = _summary(int(people[k]), int(groups[k]), int(sessions[k]), int(sessions[k]))
        lines.append(
            f"{bim_plan[k]}\tbimtek\t{BIMTEK_START}\t{bim_end}\t{json_text(BIMTEK_RULES)}\tt\tsolved\t"
            f"{json_text(summary)}\t{stamp}\t{NULL}\t{ctx.election_id}\t{NULL}\t{lay.kabupaten[k]}\n"
        )
    copy_lines(
        ctx.cursor,
        "planner_trainingplan",
        'id, tier, start, "end", rules, include_linmas, status, summary, created_at, created_by_id, '
        "election_id, job_id, region_code",
        ["".join(lines)],
    )
    return len(lines)


def _copy_plan_venues(
    ctx: SynthContext,
    lay: Layout,
    tot_plan: npt.NDArray[np.int64],
    bim_plan: npt.NDArray[np.int64],
    venue: npt.NDArray[np.int64],
    hall_first: npt.NDArray[np.int64],
    halls: npt.NDArray[np.int64],
) -> int:
    """Each plan's halls as the planner form stores them: the ToT ballroom on its three days, two sessions a
    day; each desa hall on every day of the bimtek window (days left empty), two sessions a day."""
    tot_days = json_text([(TOT_START + dt.timedelta(days=i)).isoformat() for i in range(TOT_DAYS)])
    pairs = [
        (int(tot_plan[k]), int(venue[hall_first[k] + h]), tot_days)
        for k in range(len(lay.kabupaten))
        for h in range(int(halls[k]))
    ]
    n_tot_halls = int(halls.sum())
    pairs += [
        (int(bim_plan[k]), int(venue[n_tot_halls + b]), "[]") for b, k in enumerate(lay.block_kab.tolist())
    ]
    first = ctx.reserve("planner_planvenue", len(pairs))
    copy_lines(
        ctx.cursor,
        "planner_planvenue",
        "id, days, sessions_per_day, plan_id, venue_id",
        [
            "".join(
                f"{first + i}\t{days}\t{SLOTS_PER_DAY}\t{p}\t{v}\n" for i, (p, v, days) in enumerate(pairs)
            )
        ],
    )
    return len(pairs)


def _copy_groups(
    ctx: SynthContext,
    lay: Layout,
    tot: training.Packing,
    bim: training.Packing,
    session_id: npt.NDArray[np.int64],
    session_plan: npt.NDArray[np.int64],
    n_tot: int,
) -> int:
    """SessionGroup rows: 'ppk-<kecamatan>' / 'pps-<desa>' in the ToT, 'tps-<id>' crews in the bimtek."""
    codes = ctx.people.unit_codes
    plan, ids = session_plan.tolist(), session_id.tolist()
    lines = []
    for u, n, s in zip(
        lay.tot_unit.tolist(), lay.tot_size[lay.tot_unit].tolist(), tot.session_of_group.tolist(), strict=True
    ):
        body = "ppk" if codes[u].count(".") == 2 else "pps"
        lines.append(f"{body}-{codes[u]}\t{body}\t{codes[u]}\t{n}\t{NULL}\t{plan[s]}\t{ids[s]}")
    tps_ids = (ctx.first_tps_id + np.arange(len(ctx.tps))).tolist()
    for d, n, t, s in zip(
        ctx.tps.desa.tolist(),
        lay.crew_size.tolist(),
        tps_ids,
        (n_tot + bim.session_of_group).tolist(),
        strict=True,
    ):
        lines.append(f"tps-{t}\tkpps\t{ctx.units.desa[d]}\t{n}\t{t}\t{plan[s]}\t{ids[s]}")
    first = ctx.reserve("planner_sessiongroup", len(lines))
    copy_lines(
        ctx.cursor,
        "planner_sessiongroup",
        "id, key, body, region_code, participants, tps_id, plan_id, session_id",
        (
            "".join(f"{first + i}\t{lines[i]}\n" for i in range(window.start, window.stop))
            for window in chunks(len(lines))
        ),
    )
    return len(lines)


# --- 2. Attendance -----------------------------------------------------------------------------------

METHODS = ("qr", "search", "paper", "manual")
METHOD_SHARES = (0.85, 0.09, 0.05, 0.01)
MANUAL_REASON = "Terlambat; dicatat manual oleh PPS"


@dataclass
class Attended:
    """Per person: attended at least one part / the first part of their (held) session."""

    any_part: npt.NDArray[np.bool_]
    first_part: npt.NDArray[np.bool_]


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


# The order the generator runs them in; each is a phase of its report.
HOOKS: list[tuple[str, Callable[[SynthContext], int]]] = [
    ("plans_and_sessions", plans_and_sessions),
    ("attendance", attendance),
    ("test_attempts", test_attempts),
    ("drill_attempts", drill_attempts),
]
