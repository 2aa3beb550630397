"""Reads for the budget: unit costs by region, the session facts of an estimate, and the actuals.

Why it is built this way:
- One grouped query per fact, whatever the number of sessions (a kabupaten has 50-300): the sessions, their
  participants (sum of the groups), their speakers, their facilitators; then the core computes every line and
  every child region in memory.
- Sessions are counted where they are held (the venue's region, `TrainingSession.region_code`) and seen through
  the region scope (`in_scope`), so a PPS sees the budget of sessions in its own desa only.
- Actuals are the attendance pay list that already exists (`documents.selectors.attendees` and
  `documents.honorarium`, verified attendance and the completion rule) plus the costs finance enters. The pay
  list is chosen by the sessions' dates (and the session, when one is asked for), as the documents page does;
  it has no tier filter, so a plan's actuals assume its days do not overlap another tier's (the demo's ToT is
  22-24 January, the bimtek 25-28 January).
- Venues carry no rented/free flag yet (the planner's `Venue` has none): every venue is counted as rented; the
  core already takes `venue_rented`, for when the planner records it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, Sum

from bimtek.accounts.scoping import Scope, region_filter
from bimtek.budget.core import (
    AKUN_SOURCE,
    AMOUNT_SOURCE,
    DEFAULTS,
    Item,
    Line,
    Row,
    SessionFacts,
    Totals,
    UnitCost,
    estimate,
    reconcile,
    totals_of,
)
from bimtek.budget.models import ActualCost
from bimtek.budget.models import UnitCost as UnitCostRow
from bimtek.documents import honorarium
from bimtek.documents.selectors import attendees, covering_codes, rates_for
from bimtek.planner.models import SessionStatus
from bimtek.planner.sessions import (
    facilitators_per_session,
    live_sessions,
    participants_per_session,
    plan_tier,
    sessions_in_scope,
)
from bimtek.regions.models import Region
from bimtek.speakers.selectors import speaker_fees


@dataclass(frozen=True)
class Focus:
    """What the budget is of: a region, narrowed to a plan, a tier, a wave (the sessions that start on one day,
    as the planner's waves do) or a session."""

    region_code: str
    plan_id: int | None = None
    tier: str = ""
    session_id: int | None = None
    wave: dt.date | None = None


@dataclass(frozen=True)
class CostRow:
    item: Item
    cost: UnitCost
    origin: str | None  # the region code of the row that set it ('' national), None: the built-in default

    @property
    def akun_source(self) -> str:
        return AKUN_SOURCE if self.origin is None else self.cost.source or AKUN_SOURCE


def _resolve(rows: list[tuple[str, str, int, str, str]], code: str) -> dict[Item, CostRow]:
    """item -> cost for a region: the default, overridden by the national row, then by each narrower region."""
    out = {item: CostRow(item, cost, None) for item, cost in DEFAULTS.items()}
    covering = set(covering_codes(code))
    for region_code, item, amount, akun, source in sorted(rows, key=lambda r: len(r[0])):
        if region_code in covering:
            out[Item(item)] = CostRow(
                Item(item), UnitCost(amount, akun, source or AMOUNT_SOURCE), region_code
            )
    return out


def _cost_rows(election: Any, code: str) -> list[tuple[str, str, int, str, str]]:
    """The saved rows covering the region and those below it, in one query."""
    qs = UnitCostRow.objects.filter(election=election)
    if code:
        qs = qs.filter(region_filter("region_code", code) | Q(region_code__in=covering_codes(code)))
    return list(qs.values_list("region_code", "item", "amount", "akun", "source"))


def unit_costs_for(election: Any, region_code: str) -> dict[Item, CostRow]:
    return _resolve(_cost_rows(election, region_code), region_code)


def sessions_of(*, election: Any, scope: Scope, focus: Focus) -> Any:
    qs = live_sessions(election).in_scope(scope)
    if focus.region_code:
        qs = qs.filter(region_filter("region_code", focus.region_code))
    if focus.plan_id is not None:
        qs = qs.filter(plan_id=focus.plan_id)
    if focus.tier:
        qs = qs.filter(plan__tier=focus.tier)
    if focus.session_id is not None:
        qs = qs.filter(pk=focus.session_id)
    if focus.wave is not None:
        qs = qs.filter(date=focus.wave)
    return qs


def session_facts(sessions: Any) -> list[SessionFacts]:
    """The typed facts of the sessions: four queries, whatever their number."""
    ids = sessions.values("pk")
    people = participants_per_session(ids)
    speakers: dict[int, list[int]] = defaultdict(list)
    for sid, fee in speaker_fees(ids):
        speakers[sid].append(fee)
    facilitators = facilitators_per_session(ids)
    rows = sessions.order_by().values_list(
        "pk", "region_code", "plan__tier", "venue_id", "date", "days", "slots"
    )
    return [
        SessionFacts(
            session_id=pk,
            region_code=code,
            tier=tier,
            venue_id=venue,
            date=date,
            days=days,
            parts=slots,
            participants=people.get(pk, 0),
            speaker_honoraria=tuple(sorted(speakers.get(pk, ()))),
            facilitators=facilitators.get(pk, 0),
        )  # fmt: skip
        for pk, code, tier, venue, date, days, slots in rows
    ]


@dataclass(frozen=True)
class PayList:
    people: int
    transport: int
    honorarium: int


def pay_list(
    *, election: Any, scope: Scope, region_code: str, facts: list[SessionFacts], session_id: int | None
) -> PayList:
    """The attendance pay list of the sessions' days in the region (documents' own computation)."""
    if not facts:
        return PayList(0, 0, 0)
    first = min(f.date for f in facts)
    last = max(f.date + dt.timedelta(days=f.days - 1) for f in facts)
    people = attendees(
        scope=scope, region_code=region_code, date_from=first, date_to=last,
        session_id=session_id, election_id=election.pk,
    )  # fmt: skip
    totals = honorarium.totals_of(honorarium.lines_of(people, rates_for(region_code)))
    return PayList(totals.people, totals.transport, totals.honorarium)


def entered(*, election: Any, scope: Scope, focus: Focus) -> Any:
    qs = ActualCost.objects.in_scope(scope).filter(election=election)
    if focus.region_code:
        qs = qs.filter(region_filter("region_code", focus.region_code))
    if focus.session_id is not None:
        qs = qs.filter(session_id=focus.session_id)
    elif focus.plan_id is not None:
        qs = qs.filter(session__plan_id=focus.plan_id) | qs.filter(session__isnull=True, tier=_tier_of(focus))
    elif focus.tier:
        qs = qs.filter(tier=focus.tier)
    if focus.wave is not None:
        qs = qs.filter(session__date=focus.wave)  # a wave's costs are those entered against its sessions
    return qs


def waves_of(*, scope: Scope, plan_id: int) -> list[dt.date]:
    """The days a plan's sessions start on: its waves."""
    rows = sessions_in_scope(scope).filter(plan_id=plan_id).exclude(status=SessionStatus.CANCELLED)
    return list(rows.order_by("date").values_list("date", flat=True).distinct())


def _tier_of(focus: Focus) -> str:
    return plan_tier(focus.plan_id)


def _entered_by_item(qs: Any) -> list[tuple[str, str, int]]:
    """(region_code, item, amount) summed in one query."""
    return list(
        qs.order_by()
        .values("region_code", "item")
        .annotate(n=Sum("amount"))
        .values_list("region_code", "item", "n")
    )


def actuals_of(pay: PayList, entries: list[tuple[str, str, int]]) -> dict[Item, int]:
    out: dict[Item, int] = defaultdict(int)
    out[Item.TRANSPORT] += pay.transport
    out[Item.PARTICIPANT_HONOR] += pay.honorarium
    for _code, item, amount in entries:
        out[Item(item)] += amount
    return dict(out)


@dataclass(frozen=True)
class Child:
    code: str
    name: str
    sessions: int
    estimate: int
    actual: int


@dataclass
class Budget:
    focus: Focus
    sessions: int
    lines: list[Line]
    rows: list[Row]
    totals: Totals
    costs: dict[Item, CostRow]
    pay: PayList
    children: list[Child] = field(default_factory=list)


def _child_code(session_code: str, parent: str) -> str | None:
    depth = len(parent.split(".")) + 1 if parent else 1
    parts = session_code.split(".")
    return ".".join(parts[:depth]) if len(parts) >= depth else None


def budget_of(*, election: Any, scope: Scope, focus: Focus, with_children: bool = True) -> Budget:
    """The estimate and the actuals of a region (and of each child region), narrowed by the focus."""
    sessions = sessions_of(election=election, scope=scope, focus=focus)
    facts = session_facts(sessions)
    cost_rows = _cost_rows(election, focus.region_code)
    costs = _resolve(cost_rows, focus.region_code)
    plain = {item: row.cost for item, row in costs.items()}
    lines = estimate(facts, plain)
    pay = pay_list(election=election, scope=scope, region_code=focus.region_code, facts=facts,
                   session_id=focus.session_id)  # fmt: skip
    entries = _entered_by_item(entered(election=election, scope=scope, focus=focus))
    rows = reconcile(lines, actuals_of(pay, entries), plain)
    budget = Budget(focus, len(facts), lines, rows, totals_of(rows), costs, pay)
    if with_children:
        budget.children = _children(election, scope, focus, facts, cost_rows, entries)
    return budget


def _children(
    election: Any,
    scope: Scope,
    focus: Focus,
    facts: list[SessionFacts],
    cost_rows: list[tuple[str, str, int, str, str]],
    entries: list[tuple[str, str, int]],
) -> list[Child]:
    by_child: dict[str, list[SessionFacts]] = defaultdict(list)
    for f in facts:
        code = _child_code(f.region_code, focus.region_code)
        if code:
            by_child[code].append(f)
    entered_by: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
    for entry in entries:
        code = _child_code(entry[0], focus.region_code)
        if code:
            entered_by[code].append(entry)
    codes = sorted(set(by_child) | set(entered_by))
    names = dict(Region.objects.filter(code__in=codes).values_list("code", "name"))
    out = []
    for code in codes:
        child_facts = by_child.get(code, [])
        costs = {item: row.cost for item, row in _resolve(cost_rows, code).items()}
        # The pay list over the parent's days: people are paid where they live, not where the venue is.
        pay = pay_list(election=election, scope=scope, region_code=code, facts=facts,
                       session_id=focus.session_id)  # fmt: skip
        rows = reconcile(estimate(child_facts, costs), actuals_of(pay, entered_by.get(code, [])), costs)
        totals = totals_of(rows)
        out.append(Child(code, names.get(code, code), len(child_facts), totals.estimate, totals.actual))
    return out
