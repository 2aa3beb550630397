"""Which slots a group or a facilitator may use: the filters shared by the model, greedy and the validator.

Each filter belongs to a rule code, so the explanation can switch a rule off and see whether the plan then fits.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

from .regions import kecamatan_of, prefix, within
from .schema import Facilitator, Group, Instance, Slot, Venue

GroupFilter = Callable[[Instance, Group, Venue, date], bool]
FacilitatorFilter = Callable[[Instance, Facilitator, Venue, date], bool]


def all_slots(instance: Instance) -> list[Slot]:
    """Every session a venue offers, in time order, whether or not inside the window."""
    slots = [
        Slot(day, number, venue.id)
        for venue in instance.venues
        for day in sorted(set(venue.days))
        for number in range(1, venue.sessions_per_day + 1)
    ]
    return sorted(slots)


def in_window(instance: Instance, group: Group, venue: Venue, day: date) -> bool:
    return instance.window.contains(day)


def on_or_after_start(instance: Instance, group: Group, venue: Venue, day: date) -> bool:
    starts = [d for d in (instance.rules.not_before, group.not_before) if d is not None]
    return not starts or day >= max(starts)


def before_deadline(instance: Instance, group: Group, venue: Venue, day: date) -> bool:
    last = instance.rules.last_allowed_day()
    return last is None or day <= last


def home_venues(instance: Instance, group: Group) -> list[Venue]:
    home = kecamatan_of(group.region)
    return [v for v in instance.venues if kecamatan_of(v.region) == home]


def is_travel(group: Group, venue: Venue) -> bool:
    return kecamatan_of(venue.region) != kecamatan_of(group.region)


def serves_region(venue_region: str, region: str) -> bool:
    """A venue serves a region inside its own area, or the whole area of a higher-level hall it sits in."""
    return within(region, venue_region) or within(venue_region, region)


def locality_allows(instance: Instance, group: Group, venue: Venue, day: date) -> bool:
    locality = instance.rules.locality
    if locality == "desa":
        return serves_region(venue.region, group.region) or not _has_venue_serving(instance, group.region)
    if locality == "any" or not is_travel(group, venue):
        return True
    if locality == "strict":
        return False
    return not _has_home_venue(instance, kecamatan_of(group.region))


def _has_venue_serving(instance: Instance, region: str) -> bool:
    parts = region.split(".")
    above = (".".join(parts[:n]) for n in range(1, len(parts) + 1))
    return region in instance.venue_region_prefixes or any(r in instance.venue_regions for r in above)


def _has_home_venue(instance: Instance, kecamatan: str) -> bool:
    return kecamatan in instance.venue_kecamatans


def facilitator_available(instance: Instance, facilitator: Facilitator, venue: Venue, day: date) -> bool:
    if day in facilitator.busy_days:
        return False
    return facilitator.available_from is None or day >= facilitator.available_from


def facilitator_works_at(instance: Instance, facilitator: Facilitator, venue: Venue, day: date) -> bool:
    """With an area rule, facilitators work only at venues of their own area or halls above it."""
    rules = instance.rules
    if rules.facilitators_per_session <= 0 or rules.facilitator_area == "any":
        return True
    return serves_region(venue.region, prefix(facilitator.region, rules.facilitator_area))


def facilitator_serves(instance: Instance, facilitator: Facilitator, group: Group) -> bool:
    """A facilitator serves a group when the group lies in the facilitator's area at the rule's level."""
    area = instance.rules.facilitator_area
    if area == "any":
        return True
    return within(prefix(group.region, area), prefix(facilitator.region, area))


def facilitator_daily_limit(instance: Instance, facilitator: Facilitator) -> int:
    if facilitator.max_sessions_per_day is not None:
        return facilitator.max_sessions_per_day
    return instance.rules.facilitator_max_sessions_per_day


GROUP_FILTERS: dict[str, GroupFilter] = {
    "jendela": in_window,
    "mulai": on_or_after_start,
    "batas_akhir": before_deadline,
    "lokalitas": locality_allows,
}
_GROUP_FILTER_LIST = tuple(GROUP_FILTERS.values())
FACILITATOR_FILTERS: dict[str, FacilitatorFilter] = {
    "fasilitator_tersedia": facilitator_available,
    "fasilitator_wilayah": facilitator_works_at,
}


def facilitator_may_use(instance: Instance, facilitator: Facilitator, venue: Venue, day: date) -> bool:
    return all(ok(instance, facilitator, venue, day) for ok in FACILITATOR_FILTERS.values())


def group_may_use(instance: Instance, group: Group, venue: Venue, day: date) -> bool:
    key = (group.region, group.not_before, venue.id, day)  # all the filters read of a group
    memo = instance.filter_memo
    if key not in memo:
        memo[key] = all(ok(instance, group, venue, day) for ok in GROUP_FILTERS.values())
    return memo[key]


def failed_group_filters(instance: Instance, group: Group, venue: Venue, day: date) -> Iterator[str]:
    return (code for code, ok in GROUP_FILTERS.items() if not ok(instance, group, venue, day))


def venue_index(instance: Instance) -> dict[str, Venue]:
    return {venue.id: venue for venue in instance.venues}
