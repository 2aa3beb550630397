"""Proven lower bounds on the number of sessions a complete plan needs (nobody left out).

Groups are classed by the venues they may use (locality). When those venue sets do not overlap, each class needs
its own sessions, so the bounds add up; otherwise only the whole-instance bound holds.
"""

from __future__ import annotations

from collections import defaultdict
from math import ceil

from .eligibility import group_may_use, is_travel
from .schema import Group, Instance, Venue


def lower_bound_sessions(instance: Instance) -> int:
    classes = _classes_by_usable_venues(instance)
    whole = _class_bound(instance, list(instance.groups), {v.id for v in instance.venues})
    venue_sets = list(classes)
    if _pairwise_disjoint(venue_sets):
        return max(whole, sum(_class_bound(instance, classes[vs], vs) for vs in venue_sets))
    return whole


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
    seated = 0
    for count, capacity in enumerate(capacities, start=1):
        seated += capacity
        if seated >= participants:
            return count
    return len(capacities) + 1  # even every slot is too few: no complete plan exists


def sessions_needed_at(capacity: int, participants: int) -> int:
    """The plain bound people can check by hand: ceil(participants / capacity)."""
    return ceil(participants / capacity) if capacity > 0 else 0
