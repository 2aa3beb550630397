"""Why nothing fits, in plain Indonesian, and what would make it fit.

The conflict is found, not guessed: every rule's hard constraints hang on one literal, the literals go in as
CP-SAT assumptions, `sufficient_assumptions_for_infeasibility()` gives a conflicting set, and a deletion pass
shrinks it to an irreducible one.

When the window's seats alone are too few (`bounds.window_shortage`), the headline says so in numbers: sessions
and seats needed, what the window holds, the shortfall. Relaxations (more days, more venues, bigger halls, more
sessions a day, ...) are sized by counting to cover that shortfall, then solved for real and reported with
whether they work: first by greedy (a complete greedy plan proves it works, at once), else by CP-SAT.

Every solve here has the same fixed work budget (`effort.WORK_PER_RELAXATION`, deterministic time, one worker,
seed 0), so the explanation of a scenario is the same on a loaded CI machine and an idle laptop.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta

from ortools.graph.python import max_flow
from ortools.sat.python import cp_model

from .bounds import (
    copies_enough,
    days_in_window,
    sessions_per_day_enough,
    whole_groups_fill,
    window_shortage,
)
from .effort import WORK_PER_RELAXATION, Effort
from .eligibility import GROUP_FILTERS
from .greedy import greedy_plan
from .model import PlanModel, Unit, UnitSlot
from .rules import Rule, all_rules
from .rules.no_split import CODE as NO_SPLIT
from .rules.window import sessions_in_window
from .schema import Explanation, Instance, Relaxation, Shortage, Slot, Venue
from .text import angka, rentang, tanggal

COVERAGE, CAPACITY = "semua_terjadwal", "kapasitas"


class _ConflictFinder:
    """Finds an irreducible set of rules that cannot all hold.

    Most parts that cannot seat everyone simply lack seats. In explain mode the model's seats are whole
    numbers free of group sizes, so under "everyone planned", "capacity" and the slot filters (window,
    start, deadline, locality) alone, planning is a transportation problem: the units' people flow to
    the slots they may use, each slot up to its capacity. A maximum flow (OR-Tools' max-flow) short of
    everyone proves those rules conflict without a search; a flow that seats everyone is a plan, checked
    by CP-SAT against the whole model with every variable fixed (no presolve, no search). The deletion
    pass thus mostly runs on counting, and CP-SAT searches only where neither settles a question.
    """

    def __init__(self, instance: Instance, effort: Effort) -> None:
        self.pm = PlanModel(instance, explain=True)
        self.rules = [rule for rule in all_rules() if rule.relaxable]
        for rule in self.rules:
            rule.add(self.pm)
        self.pm.forbid_filtered_pairs()
        self.effort = effort
        self.total = instance.total_participants()
        self._flows: dict[tuple[tuple[str, ...], bool, bool], tuple[int, dict[UnitSlot, int]]] = {}

    def _on(self, codes: list[str]) -> list[str]:
        return [c for c in codes if c in self.pm.literals]

    def seat_flow(self, codes: list[str]) -> tuple[int, dict[UnitSlot, int]]:
        """The most people seated under `codes`' slot filters (and capacities, when capacity is among
        them, each cut to what whole groups can fill when "not split" is too), and how many of each unit sit
        in each slot."""
        on = self._on(codes)
        filters = tuple(sorted(c for c in on if c in GROUP_FILTERS))
        key = (filters, CAPACITY in on, CAPACITY in on and NO_SPLIT in on)
        if key in self._flows:
            return self._flows[key]
        pm, flow = self.pm, max_flow.SimpleMaxFlow()
        units, slots = list(pm.units.values()), pm.slots
        slot_node = {slot: 2 + len(units) + i for i, slot in enumerate(slots)}
        pairs: dict[int, UnitSlot] = {}
        comers: dict[Slot, list[Unit]] = defaultdict(list)  # slot -> the units that may sit there
        for i, unit in enumerate(units):
            flow.add_arc_with_capacity(0, 2 + i, unit.people)
            for slot in pm.slots_of_unit[unit.id]:
                venue = pm.venues[slot.venue]
                if all(GROUP_FILTERS[c](pm.instance, unit.group, venue, slot.date) for c in filters):
                    pairs[flow.add_arc_with_capacity(2 + i, slot_node[slot], unit.people)] = (unit.id, slot)
                    comers[slot].append(unit)
        for slot, node in slot_node.items():
            seats = pm.venues[slot.venue].capacity if key[1] else self.total
            if key[2]:
                seats = whole_groups_fill(seats, comers[slot])
            flow.add_arc_with_capacity(node, 1, seats)
        if flow.solve(0, 1) != flow.OPTIMAL:
            self._flows[key] = (0, {})
        else:
            seated = {pair: flow.flow(arc) for arc, pair in pairs.items() if flow.flow(arc) > 0}
            self._flows[key] = (flow.optimal_flow(), seated)
        return self._flows[key]

    def counted_infeasible(self, codes: list[str]) -> bool:
        """Proven by counting alone that `codes` conflict: everyone planned and capacity are among them,
        and the most people their slot filters and capacities can seat are fewer than everyone."""
        on = self._on(codes)
        return COVERAGE in on and CAPACITY in on and self.seat_flow(on)[0] < self.total

    def witnessed_feasible(self, codes: list[str]) -> bool:
        """A plan exists under `codes`, shown by a candidate CP-SAT checks with every variable fixed: nobody
        planned, or (with everyone planned) the seat flow. True is a proof; False only means the candidate
        does not fit, and the search must decide."""
        on = self._on(codes)
        values = {lit.index: int(code in on) for code, lit in self.pm.literals.items()}
        if COVERAGE in on:
            seated_total, seated = self.seat_flow(on)
            if seated_total < self.total:
                return False
            for (unit_id, slot), seats in seated.items():
                unit, key = self.pm.units[unit_id], (unit_id, slot)
                chosen = (
                    (self.pm.assign[key], 1),
                    (self.pm.open[slot], 1),
                    (self.pm.count[key], min(unit.count, -(-seats // unit.size))),
                    (self.pm.seats[key], seats),
                )
                for var, value in chosen:
                    if not isinstance(var, cp_model.IntVar):
                        return False  # an expression, not a variable: not this model's explain mode
                    values[var.index] = value
        return self._fits(on, values)

    def _fits(self, codes: list[str], values: dict[int, int]) -> bool:
        model = self.pm.model
        count = len(model.proto.variables)
        hint = model.proto.solution_hint  # every variable, written straight into the proto (add_hint is slow)
        hint.vars.clear()
        hint.values.clear()
        hint.vars.extend(range(count))
        hint.values.extend(values.get(index, 0) for index in range(count))
        model.clear_assumptions()
        model.add_assumptions([self.pm.literals[c] for c in codes if c in self.pm.literals])
        solver = cp_model.CpSolver()
        parameters = solver.parameters  # a check, not a search: skip everything that prepares one
        parameters.fix_variables_to_their_hinted_value = True
        parameters.cp_model_presolve = False
        parameters.cp_model_probing_level = 0
        parameters.symmetry_level = 0
        parameters.linearization_level = 0
        parameters.stop_after_first_solution = True
        parameters.search_branching = cp_model.FIXED_SEARCH
        parameters.num_workers = 1
        parameters.max_deterministic_time = self.effort.work
        status = solver.solve(model)
        hint.vars.clear()
        hint.values.clear()
        return status in (cp_model.OPTIMAL, cp_model.FEASIBLE)

    def infeasible_with(self, codes: list[str]) -> bool | None:
        """True: proven infeasible; False: a plan exists; None: the work budget ran out."""
        model = self.pm.model
        model.clear_assumptions()
        model.add_assumptions([self.pm.literals[c] for c in codes if c in self.pm.literals])
        self.solver = self.effort.solver()
        # With assumptions CP-SAT searches sequentially; the full LP relaxation is what proves
        # "too few seats" at once instead of packing groups into rooms for minutes.
        self.solver.parameters.linearization_level = 2
        status = self.solver.solve(model)
        if status == cp_model.INFEASIBLE:
            return True
        return False if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else None

    def core(self, proven: bool = False) -> list[str] | None:
        """The conflicting rules, or None when none was proven. `proven`: the caller's own solve already proved
        that not everyone can be seated under all the rules (CP-SAT optimal with people left out), so when the
        search here runs out of budget the whole set is the conflict to shrink."""
        codes = [r.code for r in self.rules if r.code in self.pm.literals]
        if self.counted_infeasible(codes):  # too few seats: these rules alone conflict; shrink them
            counted = (COVERAGE, CAPACITY, NO_SPLIT)
            return self._shrink([c for c in codes if c in counted or c in GROUP_FILTERS])
        found = self.infeasible_with(codes)
        if found is None and proven:
            # Crews that fit the seats only if split (the count seats everyone) leave CP-SAT packing halls.
            return self._shrink(codes)
        if found is not True:
            return None
        by_index = {v.index: c for c, v in self.pm.literals.items()}
        conflict = [
            by_index[i] for i in self.solver.sufficient_assumptions_for_infeasibility() if i in by_index
        ]
        return self._shrink(conflict or codes)

    def _shrink(self, conflict: list[str]) -> list[str]:
        """Drop each rule in turn; keep it out when the rest still conflict. A rule whose removal is not
        settled in budget stays: the set is then a proven conflict, but maybe not an irreducible one."""
        kept = list(conflict)
        for code in list(conflict):
            trial = [c for c in kept if c != code]
            if not trial or self.witnessed_feasible(trial):
                continue  # without this rule a plan exists: the rule stays in the conflict
            if self.counted_infeasible(trial) or self.infeasible_with(trial) is True:
                kept = trial
        return kept


def explain_infeasibility(
    instance: Instance,
    *,
    time_limit: float | None = None,
    workers: int = 1,
    work: float = WORK_PER_RELAXATION,
    relaxations: bool = True,
    proven: bool = False,
) -> Explanation | None:
    """None when everyone fits after all (or the work budget ran out before a conflict was proven).

    `work` is each solve's budget in deterministic time; `time_limit`, when given, is only each solve's wall-clock
    safety net. `relaxations=False` names the conflict without trying the fixes (the national summary).
    `proven`: the caller's solve proved that people must be left out (see `_ConflictFinder.core`).
    """
    effort = Effort(work=work, workers=workers, wall=time_limit)
    finder = _ConflictFinder(instance, effort)
    conflict = finder.core(proven=proven)
    if conflict is None:
        return None
    rules = {r.code: r for r in finder.rules}
    shortage = window_shortage(instance)
    return Explanation(
        rules=tuple(conflict),
        message=_headline(instance, conflict, rules, shortage),
        details=tuple(rules[code].describe(instance) for code in conflict),
        relaxations=tuple(_try_relaxations(instance, conflict, effort, shortage)) if relaxations else (),
        shortage=shortage,
    )


def _headline(
    instance: Instance, conflict: list[str], rules: dict[str, Rule], shortage: Shortage | None
) -> str:
    if shortage is not None:
        return shortage_message(instance, shortage)
    reasons = "; ".join(rules[code].describe(instance) for code in conflict)
    return f"Tidak semua peserta dapat dijadwalkan, karena aturan ini saling bertentangan: {reasons}."


def shortage_message(instance: Instance, shortage: Shortage) -> str:
    """'Butuh 3 sesi (807 peserta, 300 kursi per sesi), jendela 2 hari (22-23 Januari 2024) di 1 tempat dengan
    1 sesi per hari hanya memuat 2 sesi (600 kursi): kurang 207 kursi.'"""
    s, window = shortage, instance.window
    days = f"jendela {s.days} hari ({rentang(window.start, window.end)})"
    if s.venues == 0 or s.seats_per_session == 0:
        return (
            f"{angka(s.seats_needed)} peserta butuh tempat, tetapi {days} tidak memuat satu sesi pun: "
            f"tidak ada tempat yang dipakai pada tanggal itu."
        )
    open_venues = [v for v in instance.venues if days_in_window(instance, v)]
    most = "" if len({v.capacity for v in open_venues}) == 1 else "paling banyak "
    busiest = "" if len({v.sessions_per_day for v in open_venues}) == 1 else "paling banyak "
    return (
        f"Butuh {s.sessions_needed} sesi ({angka(s.seats_needed)} peserta, {most}{angka(s.seats_per_session)} "
        f"kursi per sesi), {days} di {s.venues} tempat dengan {busiest}{s.sessions_per_day} sesi per hari "
        f"hanya memuat {s.sessions_available} sesi ({angka(s.seats_available)} kursi): "
        f"kurang {angka(s.shortfall)} kursi."
    )


def _try_relaxations(
    instance: Instance, conflict: list[str], effort: Effort, shortage: Shortage | None
) -> list[Relaxation]:
    """Each fix sized by counting to cover the shortfall (one step when seats are not what is short), then
    solved for real: the count says how much at least, the solve says whether it is enough."""
    shortfall = shortage.shortfall if shortage else 0
    days = copies_enough(shortfall, _seats_per_extra_day(instance))
    venues = copies_enough(shortfall, _seats_per_extra_venue(instance))
    options: list[tuple[str, str, Callable[[Instance], Instance]]] = [
        ("tambah_hari", _more_days_text(instance, days), lambda i: _more_days(i, days)),
        ("tempat_kedua", _more_venues_text(instance, venues), lambda i: _more_venues(i, venues)),
    ]
    seats = _bigger_capacity(instance)
    if any(v.capacity < seats for v in instance.venues):  # else it is no change: nothing to try
        options.append(("kapasitas_lebih_besar", f"kapasitas tiap tempat {angka(seats)} kursi", _more_seats))
    per_day = sessions_per_day_enough(instance)
    if per_day is not None:
        options.append(
            (
                "sesi_per_hari_lebih_banyak",
                f"{per_day} sesi per hari di tiap tempat",
                lambda i: _busier_venues(i, per_day),
            )
        )
    if any(code.startswith("fasilitator") for code in conflict):
        options.append(
            ("fasilitator_lebih_banyak", "fasilitator boleh 1 sesi lebih banyak per hari", _busier_staff)
        )
    relaxations = []
    for code, text, change in options:
        relaxations.append(Relaxation(code, text, _fits(change(instance), effort)))
    return relaxations


def _fits(instance: Instance, effort: Effort) -> bool:
    """Everyone can be planned: shown by a complete greedy plan, else by CP-SAT within the budget."""
    if not greedy_plan(instance).unplanned:
        return True
    finder = _ConflictFinder(instance, effort)
    return finder.infeasible_with([r.code for r in finder.rules]) is False


def _last_day_venues(instance: Instance) -> list[Venue]:
    """The venues open on the window's last day (all of them when none is): an added day extends these."""
    last = [v for v in instance.venues if instance.window.end in v.days]
    return last or list(instance.venues)


def _seats_per_extra_day(instance: Instance) -> int:
    return sum(v.capacity * v.sessions_per_day for v in _last_day_venues(instance))


def _more_days(instance: Instance, count: int) -> Instance:
    extra = tuple(instance.window.end + timedelta(days=n) for n in range(1, count + 1))
    extended = {v.id for v in _last_day_venues(instance)}
    venues = tuple(replace(v, days=(*v.days, *extra)) if v.id in extended else v for v in instance.venues)
    return replace(instance, window=replace(instance.window, end=extra[-1]), venues=venues)


def _more_days_text(instance: Instance, count: int) -> str:
    end = instance.window.end
    if count == 1:
        return f"tambah satu hari ({tanggal(end + timedelta(days=1))})"
    return f"tambah {count} hari ({rentang(end + timedelta(days=1), end + timedelta(days=count))})"


def _roomiest(instance: Instance) -> Venue | None:
    return max(instance.venues, key=lambda v: v.capacity, default=None)


def _seats_per_extra_venue(instance: Instance) -> int:
    roomiest = _roomiest(instance)
    if roomiest is None:
        return 0
    return roomiest.capacity * roomiest.sessions_per_day * days_in_window(instance, roomiest)


def _more_venues(instance: Instance, count: int) -> Instance:
    """`count` more venues like the roomiest, on its days."""
    roomiest = _roomiest(instance)
    if roomiest is None:
        return instance
    suffixes = ["tambahan"] if count == 1 else [f"tambahan-{n}" for n in range(1, count + 1)]
    added = tuple(replace(roomiest, id=f"{roomiest.id}-{suffix}") for suffix in suffixes)
    return replace(instance, venues=(*instance.venues, *added))


def _more_venues_text(instance: Instance, count: int) -> str:
    roomiest = _roomiest(instance)
    size = angka(roomiest.capacity) if roomiest else "0"
    if count == 1:
        return f"tempat kedua berkapasitas {size} pada hari yang sama"
    return f"{count} tempat lagi berkapasitas {size} pada hari yang sama"


def _bigger_capacity(instance: Instance) -> int:
    slots = max(1, sessions_in_window(instance))
    biggest_group = max((g.size for g in instance.groups), default=0)
    current = max((v.capacity for v in instance.venues), default=0)
    return max(current, biggest_group, -(-instance.total_participants() // slots))


def _more_seats(instance: Instance) -> Instance:
    seats = _bigger_capacity(instance)
    return replace(
        instance, venues=tuple(replace(v, capacity=max(v.capacity, seats)) for v in instance.venues)
    )


def _busier_venues(instance: Instance, per_day: int) -> Instance:
    venues = tuple(replace(v, sessions_per_day=max(v.sessions_per_day, per_day)) for v in instance.venues)
    return replace(instance, venues=venues)


def _busier_staff(instance: Instance) -> Instance:
    rules = instance.rules
    return replace(
        instance,
        rules=replace(rules, facilitator_max_sessions_per_day=rules.facilitator_max_sessions_per_day + 1),
    )
