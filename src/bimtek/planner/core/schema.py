"""The planner's typed input (an `Instance`) and output (a `Plan`), free of Django and of OR-Tools.

A *slot* is one session time at one venue: (venue, date, slot number). Slot numbers start at 1 and mean the same
time of day at every venue, so a facilitator cannot take slot 1 at two venues on the same date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Literal

Locality = Literal["prefer", "strict", "desa", "any"]
Area = Literal["any", "provinsi", "kabupaten", "kecamatan", "desa"]


@dataclass(frozen=True)
class Group:
    """People who train together (a kecamatan's PPK, a desa's PPS, a TPS's KPPS crew)."""

    id: str
    region: str
    size: int
    splittable: bool = False
    not_before: date | None = None  # e.g. the crew's pelantikan date


@dataclass(frozen=True)
class Venue:
    id: str
    region: str
    capacity: int
    sessions_per_day: int
    days: tuple[date, ...]


@dataclass(frozen=True)
class Facilitator:
    id: str
    region: str
    available_from: date | None = None  # the day after their own ToT
    max_sessions_per_day: int | None = None  # overrides the rule for this person
    busy_days: tuple[date, ...] = ()  # days another plan already has this person facilitating


@dataclass(frozen=True)
class Rules:
    facilitators_per_session: int = 0
    facilitator_area: Area = "any"
    facilitator_max_sessions_per_day: int = 2
    not_before: date | None = None
    deadline: date | None = None
    voting_day: date | None = None
    min_days_before_voting: int | None = None
    locality: Locality = "prefer"

    def last_allowed_day(self) -> date | None:
        """The stricter of `deadline` and `voting_day - min_days_before_voting`."""
        limits = [self.deadline] if self.deadline else []
        if self.voting_day and self.min_days_before_voting is not None:
            limits.append(date.fromordinal(self.voting_day.toordinal() - self.min_days_before_voting))
        return min(limits) if limits else None


@dataclass(frozen=True)
class Window:
    start: date
    end: date

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class Instance:
    window: Window
    venues: tuple[Venue, ...]
    groups: tuple[Group, ...]
    facilitators: tuple[Facilitator, ...] = ()
    rules: Rules = field(default_factory=Rules)

    def total_participants(self) -> int:
        return sum(group.size for group in self.groups)

    @cached_property
    def venue_kecamatans(self) -> frozenset[str]:
        """Kecamatan codes that hold at least one venue (computed once: filters ask it per slot)."""
        return frozenset(".".join(venue.region.split(".")[:3]) for venue in self.venues)

    @cached_property
    def venue_region_prefixes(self) -> frozenset[str]:
        """Every venue region and every region above it, so 'is there a venue for X' is a set lookup."""
        parts = [venue.region.split(".") for venue in self.venues]
        return frozenset(".".join(p[:n]) for p in parts for n in range(1, len(p) + 1))

    @cached_property
    def filter_memo(self) -> dict[tuple[str, date | None, str, date], bool]:
        """Answers of the slot filters: groups of one desa ask the same question many times."""
        return {}

    @cached_property
    def venue_regions(self) -> frozenset[str]:
        return frozenset(venue.region for venue in self.venues)


@dataclass(frozen=True, order=True)
class Slot:
    date: date
    number: int
    venue: str


@dataclass(frozen=True)
class Session:
    venue: str
    date: date
    slot: int
    allocation: tuple[tuple[str, int], ...]  # (group id, participants of that group in this session)
    facilitators: tuple[str, ...] = ()
    slots: int = 1  # slots in a row from `slot` on each day (length.py); the solver's sessions are one slot
    days: int = 1  # days in a row from `date`

    @property
    def key(self) -> Slot:
        return Slot(self.date, self.slot, self.venue)

    @property
    def participants(self) -> int:
        return sum(count for _, count in self.allocation)

    @property
    def group_ids(self) -> tuple[str, ...]:
        return tuple(group_id for group_id, _ in self.allocation)


@dataclass(frozen=True)
class Plan:
    sessions: tuple[Session, ...]
    unplanned: tuple[tuple[str, int], ...] = ()  # (group id, participants left out)

    def unplanned_participants(self) -> int:
        return sum(count for _, count in self.unplanned)


Status = Literal["OPTIMAL", "FEASIBLE", "INFEASIBLE", "UNKNOWN"]


@dataclass(frozen=True)
class Score:
    """The objective, most important first: compare scores as tuples."""

    unplanned: int
    sessions: int
    travel: int
    imbalance: int

    def as_tuple(self) -> tuple[int, int, int, int]:
        return (self.unplanned, self.sessions, self.travel, self.imbalance)


@dataclass(frozen=True)
class Result:
    status: Status
    plan: Plan
    score: Score
    lower_bound_sessions: int
    method: str  # "cp-sat", "greedy" or "greedy-fallback"
    objective: int | None = None
    objective_bound: int | None = None
    stats: dict[str, float | int | str] = field(default_factory=dict)
    explanation: Explanation | None = None

    @property
    def gap(self) -> float:
        """Relative distance of the session count from the proven lower bound (0.0 = provably minimal)."""
        sessions = self.score.sessions
        if self.plan.unplanned or sessions == 0:
            return 0.0 if sessions == self.lower_bound_sessions else 1.0
        return max(0.0, (sessions - self.lower_bound_sessions) / sessions)


@dataclass(frozen=True)
class Relaxation:
    code: str
    description: str
    works: bool


@dataclass(frozen=True)
class Shortage:
    """The window's seats counted against the people: why it cannot hold everyone, in numbers anyone can check.

    Counted over the window's slots only (venue days × sessions per day), before locality, dates or facilitators;
    `sessions_needed` is at the roomiest venue's size, so it is a lower bound when venues differ."""

    groups: int
    seats_needed: int  # the participants
    seats_per_session: int  # the roomiest venue's capacity
    sessions_needed: int
    days: int  # days in the window
    venues: int  # venues open on at least one of them
    sessions_per_day: int  # the most any of those venues holds a day
    sessions_available: int
    seats_available: int

    @property
    def shortfall(self) -> int:
        return self.seats_needed - self.seats_available


@dataclass(frozen=True)
class Explanation:
    rules: tuple[str, ...]  # the smallest conflicting set found, as rule codes
    message: str
    details: tuple[str, ...]  # each rule of `rules` in words, in the same order (no codes: people read these)
    relaxations: tuple[Relaxation, ...]
    shortage: Shortage | None = None  # set when the window's seats alone are too few
