"""What a plan asks for (its region, window, venues and rules), stored or not: the input of `instance.build` and
of the group builders (`groups`), in a module of its own so that both can import it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from bimtek.elections.models import Election


@dataclass(frozen=True)
class VenueSpec:
    id: str
    region: str
    capacity: int
    sessions_per_day: int
    days: tuple[dt.date, ...]


@dataclass(frozen=True)
class PlanSpec:
    """What a plan asks for, stored or not (the CLI's `scenario` builds one without saving it)."""

    election: Election
    tier: str
    region_code: str
    start: dt.date
    end: dt.date
    venues: tuple[VenueSpec, ...]
    rules: dict[str, Any] = field(default_factory=dict)
    include_linmas: bool = False
    plan_id: int | None = None
