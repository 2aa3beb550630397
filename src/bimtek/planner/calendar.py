"""A plan's calendar as its page shows it: each day's sessions, and each venue's row of days, with the groups
labelled for people ('TPS 003 Lenggang', 'PPS Karangbanjar')."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field, replace

from django.db.models import QuerySet

from bimtek.elections.models import TPS
from bimtek.planner.models import GroupBody, SessionGroup, TrainingPlan, TrainingSession, Venue
from bimtek.regions.models import Region


@dataclass
class Card:
    session: TrainingSession
    participants: int
    capacity: int
    groups: list[str]
    day: int = 1  # which of the session's days this card stands for: a two-day session has a card on each

    @property
    def fill(self) -> int:
        return round(100 * self.participants / self.capacity) if self.capacity else 0


@dataclass
class Day:
    date: dt.date
    cards: list[Card] = field(default_factory=list)

    @property
    def participants(self) -> int:
        return sum(c.participants for c in self.cards)


@dataclass
class VenueRow:
    venue: Venue
    cells: list[list[Card]]  # one list per day of the window
    cards: list[Card]

    @property
    def participants(self) -> int:
        return sum(c.participants for c in self.cards)


@dataclass
class Calendar:
    days: list[Day]
    venues: list[VenueRow]
    total_participants: int


def group_labels(groups: list[SessionGroup]) -> dict[str, str]:
    """'PPK Kec. Bojongsari', 'PPS Karangbanjar', 'TPS 003 Lenggang' for group keys, in two queries."""
    codes = {g.region_code for g in groups}
    names = {r.code: r.display_name for r in Region.objects.filter(code__in=codes)}
    numbers = dict(
        TPS.objects.filter(pk__in={g.tps_id for g in groups if g.tps_id}).values_list("pk", "number")
    )
    labels = {}
    for g in groups:
        place = names.get(g.region_code, g.region_code)
        if g.tps_id is not None:
            labels[g.key] = f"TPS {numbers.get(g.tps_id, 0):03d} {place}"
        elif g.body == GroupBody.DESA:
            labels[g.key] = f"KPPS {place}"
        elif g.body == GroupBody.PERSON:
            labels[g.key] = f"PAW {place} #{g.appointment_id}"  # no name: labels reach every page of the plan
        else:
            labels[g.key] = f"{g.body.upper()} {place}"
    return labels


def plan_calendar(plan: TrainingPlan, sessions: QuerySet[TrainingSession]) -> Calendar:
    rows = list(sessions)
    labels = group_labels([g for s in rows for g in s.groups.all()])
    window = [plan.start + dt.timedelta(days=i) for i in range((plan.end - plan.start).days + 1)]
    days = {d: Day(d) for d in window}
    by_venue: dict[int, list[Card]] = defaultdict(list)
    venues: dict[int, Venue] = {}
    for s in rows:
        groups = sorted(s.groups.all(), key=lambda g: (g.region_code, labels[g.key]))
        card = Card(s, sum(g.participants for g in groups), s.venue.capacity, [labels[g.key] for g in groups])
        # A session of several days is in the hall, with its people, on each of them.
        for k in range(s.days):
            date = s.date + dt.timedelta(days=k)
            days.setdefault(date, Day(date)).cards.append(card if k == 0 else replace(card, day=k + 1))
        by_venue[s.venue_id].append(card)
        venues[s.venue_id] = s.venue
    ordered_days = [days[d] for d in sorted(days)]
    index = {day.date: i for i, day in enumerate(ordered_days)}
    venue_rows = []
    for venue_id in sorted(venues, key=lambda v: (venues[v].region_id, venues[v].name)):
        cells: list[list[Card]] = [[] for _ in ordered_days]
        for card in by_venue[venue_id]:
            for k in range(card.session.days):
                cells[index[card.session.date + dt.timedelta(days=k)]].append(card)
        venue_rows.append(VenueRow(venues[venue_id], cells, by_venue[venue_id]))
    # Each person once, however many days their session has.
    return Calendar(ordered_days, venue_rows, sum(row.participants for row in venue_rows))
