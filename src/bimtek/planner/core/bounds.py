"""Proven lower bounds on the number of sessions a complete plan needs (nobody left out).

Groups are classed by the venues they may use (locality). When those venue sets do not overlap, each class needs
its own sessions, so the bounds add up. When they overlap only in halls every class may use (each desa's own
balai plus the one kecamatan hall), `_own_and_shared_bound` chooses exactly how many whole groups of each class
the shared halls take (a small dynamic programme); otherwise only the whole-instance bound holds. Facilitators
are ignored, so every bound here is a relaxation.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from math import ceil
from typing import Protocol

from .eligibility import group_may_use, is_travel
from .schema import Group, Instance, Shortage, Venue


def lower_bound_sessions(instance: Instance) -> int:
    classes = _classes_by_usable_venues(instance)
    whole = _class_bound(instance, list(instance.groups), {v.id for v in instance.venues})
    venue_sets = list(classes)
    if _pairwise_disjoint(venue_sets):
        return max(whole, sum(_class_bound(instance, classes[vs], vs) for vs in venue_sets))
    shared_bound = _own_and_shared_bound(instance, classes)
    return max(whole, shared_bound if shared_bound < INFINITE else 0)


INFINITE = 10**9


def _own_and_shared_bound(instance: Instance, classes: dict[frozenset[str], list[Group]]) -> int:
    """Classes that share exactly the same halls and own the rest: fewest own sessions plus shared sessions over
    every split of whole groups between them. 0 (no information) when the structure does not hold."""
    split = _best_split(instance, classes)
    return 0 if split is None else split[0]


def shared_hall_split(instance: Instance) -> tuple[dict[str, int], frozenset[str]] | None:
    """How many whole groups of each class (by region) the best split sends to the shared halls, and those halls;
    None when the own-halls-plus-shared-hall structure does not hold. Greedy follows it (`greedy.guided_plan`)."""
    classes = _classes_by_usable_venues(instance)
    split = _best_split(instance, classes)
    if split is None or split[0] >= INFINITE:
        return None
    sent = {groups[0].region: n for groups, n in zip(classes.values(), split[1], strict=True)}
    return sent, frozenset.intersection(*classes)


def _best_split(
    instance: Instance, classes: dict[frozenset[str], list[Group]]
) -> tuple[int, list[int]] | None:
    if not classes or any(g.splittable for groups in classes.values() for g in groups):
        return None
    if len({g.region for groups in classes.values() for g in groups}) != len(classes):
        return None  # a class per region keeps the split readable by region
    shared = frozenset.intersection(*classes)
    owned = [vs - shared for vs in classes]
    if not shared or not _pairwise_disjoint(owned):
        return None
    everyone = [g for groups in classes.values() for g in groups]
    shared_slots = _usable_slot_capacities(instance, everyone, shared)
    if any(_usable_slot_capacities(instance, groups, shared) != shared_slots for groups in classes.values()):
        return None  # some class may use fewer shared slots (a later start): keep it simple and claim nothing
    smallest = min(g.size for g in everyone)
    shared_crews = [capacity // smallest for capacity in shared_slots]
    reach = sum(shared_crews)
    best = [0] + [INFINITE] * reach  # best[x]: fewest own sessions with x groups sent to the shared halls
    choices: list[list[int]] = []  # per class, per x: the groups this class sent
    for vs, groups in classes.items():
        options = _own_options(instance, groups, vs - shared)
        row, chosen = [INFINITE] * (reach + 1), [0] * (reach + 1)
        for x in range(reach + 1):
            for sent, sessions in options:
                if sent <= x and best[x - sent] + sessions < row[x]:
                    row[x], chosen[x] = best[x - sent] + sessions, sent
        best = row
        choices.append(chosen)
    total, x = min(
        ((own + _fewest_slots_seating(shared_crews, x), x) for x, own in enumerate(best) if own < INFINITE),
        default=(INFINITE, 0),  # no split seats every whole group: no complete plan exists
    )
    sent_per_class = [0] * len(choices)
    for i in range(len(choices) - 1, -1, -1):
        sent_per_class[i] = choices[i][x]
        x -= sent_per_class[i]
    return total, sent_per_class


def _own_options(instance: Instance, groups: list[Group], own: frozenset[str]) -> list[tuple[int, int]]:
    """(groups sent to the shared halls, own sessions for the rest), one per count of own sessions."""
    smallest = min(g.size for g in groups)
    per_slot = [c // smallest for c in _usable_slot_capacities(instance, groups, own)]  # roomiest first
    options, seated = [(len(groups), 0)], 0
    for sessions, crews in enumerate(per_slot, start=1):
        if crews == 0:
            break
        seated += crews
        options.append((max(0, len(groups) - seated), sessions))
        if seated >= len(groups):
            break
    return options


def seats_fall_short(instance: Instance) -> bool:
    """Proven by counting alone that nobody can plan everyone (too few usable seats, or whole groups, even with
    the shared halls split at best): searching longer for a complete plan is then pointless."""
    classes = _classes_by_usable_venues(instance)
    if any(not vs for vs in classes):
        return True
    everyone = list(instance.groups)
    whole = _usable_slot_capacities(instance, everyone, {v.id for v in instance.venues})
    if _fewest_slots_seating(whole, instance.total_participants()) > len(whole):
        return True
    if _pairwise_disjoint(list(classes)):
        return any(_class_impossible(instance, groups, vs) for vs, groups in classes.items())
    return _own_and_shared_bound(instance, classes) >= INFINITE


def _class_impossible(instance: Instance, groups: list[Group], venue_ids: frozenset[str]) -> bool:
    capacities = _usable_slot_capacities(instance, groups, venue_ids)
    return _fewest_slots_seating(capacities, sum(g.size for g in groups)) > len(capacities)


def _classes_by_usable_venues(instance: Instance) -> dict[frozenset[str], list[Group]]:
    classes: dict[frozenset[str], list[Group]] = defaultdict(list)
    for group in instance.groups:
        usable = frozenset(venue.id for venue in instance.venues if _may_use_some_day(instance, group, venue))
        classes[usable].append(group)
    return classes


def _may_use_some_day(instance: Instance, group: Group, venue: Venue) -> bool:
    return any(group_may_use(instance, group, venue, day) for day in venue.days)


def _pairwise_disjoint(sets: list[frozenset[str]]) -> bool:
    seen: set[str] = set()
    for venue_ids in sets:
        if seen & venue_ids:
            return False
        seen |= venue_ids
    return True


def _class_bound(instance: Instance, groups: list[Group], venue_ids: set[str] | frozenset[str]) -> int:
    """Fewest of the roomiest usable slots that seat everyone, sharpened for whole groups that cannot share."""
    if not groups:
        return 0
    capacities = _usable_slot_capacities(instance, groups, venue_ids)
    if not capacities:
        return 0  # nothing can be planned; the unplanned count reports it
    capacity = capacities[0]
    by_seats = _fewest_slots_seating(capacities, sum(g.size for g in groups))
    whole = [g for g in groups if not g.splittable]
    big = sum(1 for g in whole if 2 * g.size > capacity)
    smallest = min((g.size for g in whole), default=capacity)
    per_session = max(1, capacity // smallest)
    by_count = ceil(len(whole) / per_session)
    return max(by_seats, big, by_count)


def travel_lower_bound(instance: Instance) -> int:
    """Participants whose group cannot train in its own kecamatan at all."""
    return sum(
        group.size for group in instance.groups if all(is_travel(group, venue) for venue in instance.venues)
    )


def _usable_slot_capacities(
    instance: Instance, groups: list[Group], venue_ids: set[str] | frozenset[str]
) -> list[int]:
    capacities = [
        venue.capacity
        for venue in instance.venues
        if venue.id in venue_ids
        for day in set(venue.days)
        if instance.window.contains(day)
        and any(group_may_use(instance, group, venue, day) for group in groups)
        for _ in range(venue.sessions_per_day)
    ]
    return sorted(capacities, reverse=True)


def _fewest_slots_seating(capacities: list[int], participants: int) -> int:
    if participants <= 0:
        return 0
    seated = 0
    for count, capacity in enumerate(capacities, start=1):
        seated += capacity
        if seated >= participants:
            return count
    return len(capacities) + 1  # even every slot is too few: no complete plan exists


def sessions_needed_at(capacity: int, participants: int) -> int:
    """The plain bound people can check by hand: ceil(participants / capacity)."""
    return ceil(participants / capacity) if capacity > 0 else 0


MAX_SESSIONS_PER_DAY = 6  # what a venue may hold a day (the plan venue's database constraint says the same)


def days_in_window(instance: Instance, venue: Venue) -> int:
    return sum(1 for day in set(venue.days) if instance.window.contains(day))


def window_seats(instance: Instance, *, sessions_per_day: int = 0) -> int:
    """Seats of every slot in the window; `sessions_per_day` raises each venue's sessions a day to at least it."""
    return sum(
        venue.capacity * max(venue.sessions_per_day, sessions_per_day) * days_in_window(instance, venue)
        for venue in instance.venues
    )


def window_shortage(instance: Instance) -> Shortage | None:
    """The window's seats against its people when they are too few, so no plan can seat everyone; else None."""
    people, seats = instance.total_participants(), window_seats(instance)
    if seats >= people:
        return None
    open_venues = [v for v in instance.venues if days_in_window(instance, v)]
    roomiest = max((v.capacity for v in open_venues or instance.venues), default=0)
    window = instance.window
    return Shortage(
        groups=len(instance.groups),
        seats_needed=people,
        seats_per_session=roomiest,
        sessions_needed=sessions_needed_at(roomiest, people),
        days=(window.end - window.start).days + 1,
        venues=len(open_venues),
        sessions_per_day=max((v.sessions_per_day for v in open_venues), default=0),
        sessions_available=sum(v.sessions_per_day * days_in_window(instance, v) for v in open_venues),
        seats_available=seats,
    )


def sessions_per_day_enough(instance: Instance) -> int | None:
    """The fewest sessions a day at every venue whose window seats everyone (at least one more than today's
    most, so it is a change); None when even `MAX_SESSIONS_PER_DAY` is too few."""
    people = instance.total_participants()
    current = max((v.sessions_per_day for v in instance.venues), default=0)
    for per_day in range(current + 1, MAX_SESSIONS_PER_DAY + 1):
        if window_seats(instance, sessions_per_day=per_day) >= people:
            return per_day
    return None


def copies_enough(shortfall: int, seats_per_copy: int) -> int:
    """How many more of something holding `seats_per_copy` cover `shortfall` (at least one: it is a change)."""
    if shortfall <= 0 or seats_per_copy <= 0:
        return 1
    return max(1, ceil(shortfall / seats_per_copy))


class SeatUnit(Protocol):
    """What the seat count needs of a planning unit: `count` groups of `size` people, splittable or not."""

    @property
    def size(self) -> int: ...
    @property
    def count(self) -> int: ...
    @property
    def splittable(self) -> bool: ...


def whole_groups_fill(capacity: int, units: Sequence[SeatUnit]) -> int:
    """The most seats of a session of `capacity` that whole groups of these units can fill (a subset sum over
    their sizes; a splittable group fills any remainder). With crews of 7 a hall of 50 seats holds 49."""
    if any(u.splittable for u in units):
        return capacity
    per_size: dict[int, int] = defaultdict(int)
    for unit in units:
        per_size[unit.size] += unit.count
    full = (1 << (capacity + 1)) - 1
    reachable = 1  # bit n: n seats can be filled exactly
    for size, count in per_size.items():
        for _ in range(min(count, capacity // size) if size else 0):
            grown = (reachable | (reachable << size)) & full
            if grown == reachable:
                break
            reachable = grown
    return reachable.bit_length() - 1
