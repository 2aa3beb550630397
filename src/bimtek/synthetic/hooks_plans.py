"""The first training hook: plans and sessions, generated and written.

`plans_and_sessions` lays the run's units out as the plans see them (`Layout`), packs the ToT groups of
each kabupaten/kota and the TPS crews of each desa into sessions (`training.py`), places them on the
calendar, ensures the halls, picks the facilitators, leaves `Sessions` in `ctx.state` for the later
hooks, and COPYs the plans, plan venues, sessions, session groups and facilitators (`_copy_plans`,
`_copy_plan_venues`, `_copy_groups`), as `planner.services.plan_create` and its store would.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from bimtek.synthetic import training
from bimtek.synthetic.country import KPPS, LINMAS, PPK, PPS
from bimtek.synthetic.hooks_context import (
    BIMTEK_DAYS,
    BIMTEK_RULES,
    BIMTEK_START,
    CREW_NORM,
    SESSION_NOT_HELD,
    SLOTS_PER_DAY,
    TOT_DAYS,
    TOT_HALL_SEATS,
    TOT_START,
    Sessions,
    SynthContext,
    program_length,
)
from bimtek.synthetic.load_training import (
    NULL,
    SYNTH_VENUE_SUFFIX,
    chunks,
    copy_lines,
    display_name,
    json_text,
    region_names,
    venues_ensure,
)

# --- 1. Plans and sessions ---------------------------------------------------------------------------


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
