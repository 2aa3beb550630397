"""Reads of stored plans: who is in a session, the calendar of a plan, sessions per venue.

Sessions are visible to a user when the venue is in their region or when one of their region's groups trains
there (a PPS sees its desa's crews at the kecamatan hall); participants are always read through the
appointments' own scope.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet

from bimtek.elections.models import TPS
from bimtek.planner.models import SessionGroup, TrainingPlan, TrainingSession, Venue
from bimtek.regions.models import Region
from bimtek.workforce.models import Appointment, Body


def session_participants(session: TrainingSession) -> QuerySet[Appointment]:
    """The active appointments behind a session's groups (a PAW replacement takes the seat's place)."""
    crew_bodies = [Body.KPPS, Body.LINMAS] if session.plan.include_linmas else [Body.KPPS]
    match = Q()
    for group in session.groups.all():
        if group.tps_id is not None:
            match |= Q(tps_id=group.tps_id, body__in=crew_bodies)
        else:
            match |= Q(body=group.body, region_id=group.region_code, tps__isnull=True)
    if not match:
        return Appointment.objects.none()
    return (
        Appointment.objects.active()
        .filter(match, election_id=session.plan.election_id)
        .select_related("person", "tps", "region")
        .order_by("region_id", "tps__number", "body", "seat")
    )


def sessions_visible(user: Any, plan: TrainingPlan) -> QuerySet[TrainingSession]:
    own = TrainingSession.objects.visible_to(user).filter(plan=plan).values("pk")
    theirs = SessionGroup.objects.visible_to(user).filter(plan=plan).values("session")
    return (
        TrainingSession.objects.filter(plan=plan)
        .filter(Q(pk__in=own) | Q(pk__in=theirs))
        .select_related("venue", "venue__region")
        .prefetch_related("groups", "facilitators__person")
        .order_by("date", "slot", "venue__region_id", "venue__name")
    )


@dataclass
class Card:
    session: TrainingSession
    participants: int
    capacity: int
    groups: list[str]

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
        days.setdefault(s.date, Day(s.date)).cards.append(card)
        by_venue[s.venue_id].append(card)
        venues[s.venue_id] = s.venue
    ordered_days = [days[d] for d in sorted(days)]
    index = {day.date: i for i, day in enumerate(ordered_days)}
    venue_rows = []
    for venue_id in sorted(venues, key=lambda v: (venues[v].region_id, venues[v].name)):
        cells: list[list[Card]] = [[] for _ in ordered_days]
        for card in by_venue[venue_id]:
            cells[index[card.session.date]].append(card)
        venue_rows.append(VenueRow(venues[venue_id], cells, by_venue[venue_id]))
    return Calendar(ordered_days, venue_rows, sum(d.participants for d in ordered_days))
