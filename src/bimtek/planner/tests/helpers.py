"""Small instances and the check every test runs on every plan: the independent validator."""

from __future__ import annotations

from datetime import date, timedelta

from bimtek.planner.core.schema import Facilitator, Group, Instance, Plan, Result, Rules, Venue, Window
from bimtek.planner.core.validation import validate

MONDAY = date(2024, 1, 22)


def days(count: int, start: date = MONDAY) -> tuple[date, ...]:
    return tuple(start + timedelta(days=i) for i in range(count))


def hall(
    venue_id: str = "aula", region: str = "33.03.01", capacity: int = 30, per_day: int = 1, n_days: int = 2
) -> Venue:
    return Venue(venue_id, region, capacity, per_day, days(n_days))


def crews(
    count: int, region: str = "33.03.01.2001", size: int = 7, prefix: str = "kpps"
) -> tuple[Group, ...]:
    return tuple(Group(f"{prefix}-{region}-{i}", region, size) for i in range(1, count + 1))


def instance(
    groups: tuple[Group, ...],
    venues: tuple[Venue, ...],
    *,
    n_days: int = 2,
    facilitators: tuple[Facilitator, ...] = (),
    rules: Rules | None = None,
) -> Instance:
    window = days(n_days)
    return Instance(Window(window[0], window[-1]), venues, groups, facilitators, rules or Rules())


def assert_valid(inst: Instance, plan: Plan) -> None:
    violations = validate(inst, plan)
    assert violations == [], violations


def assert_solved(inst: Instance, result: Result) -> None:
    assert result.status in ("OPTIMAL", "FEASIBLE")
    assert result.plan.unplanned == ()
    assert_valid(inst, result.plan)
