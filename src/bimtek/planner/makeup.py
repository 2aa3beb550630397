"""Sesi susulan: make-up sessions for PAW replacements who missed their kecamatan's bimtek.

`selectors.untrained_replacements` lists them; `makeup_plan_create` stores a plan of tier `susulan` over the
kecamatan with all of its stored venues, and the ordinary solve (`services.plan_solve`, as a job from the page,
in process from the command) seats them: one group per person, so nobody waits for a whole crew, facilitated by
the kecamatan's PPK and PPS. The list is read again when the plan is solved, so a person trained meanwhile is
not seated twice. Delivery counts attendance in a make-up session like the bimtek's (`TIERS_COUNTING`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from bimtek.elections.models import Election
from bimtek.lib.errors import DomainError
from bimtek.planner.models import Tier, TrainingPlan, Venue
from bimtek.planner.selectors import untrained_replacements
from bimtek.planner.services import VenueUse, plan_create
from bimtek.regions.models import Level, Region

ERR_NOT_KECAMATAN = "Sesi susulan direncanakan per kecamatan: pilih kode kecamatan"
ERR_NOBODY = (
    "Tidak ada pengganti (PAW) di {name} yang belum mengikuti bimtek dan belum terjadwal di sesi susulan"
)
ERR_NO_VENUE = "Belum ada tempat di {name}; tambahkan tempat dulu"

# One facilitator from the kecamatan (its PPK or a desa's PPS) in every make-up session.
MAKEUP_RULES = {"facilitators_per_session": 1, "facilitator_area": "kecamatan", "locality": "prefer"}


def makeup_plan_create(
    *,
    election: Election,
    kecamatan: Region,
    start: dt.date,
    end: dt.date,
    sessions_per_day: int = 2,
    facilitators_per_session: int = 1,
    actor: Any,
) -> TrainingPlan:
    """A `susulan` plan for the kecamatan's untrained replacements, ready to be solved."""
    if kecamatan.level != Level.KECAMATAN:
        raise DomainError("wilayah_tingkat", ERR_NOT_KECAMATAN)
    if not untrained_replacements(election, kecamatan.code):
        raise DomainError("tidak_ada_pengganti", ERR_NOBODY.format(name=kecamatan.display_name))
    venues = [VenueUse(v, sessions_per_day) for v in Venue.objects.within_region(kecamatan.code)]
    if not venues:
        raise DomainError("tanpa_tempat", ERR_NO_VENUE.format(name=kecamatan.display_name))
    rules = {**MAKEUP_RULES, "facilitators_per_session": facilitators_per_session}
    return plan_create(
        election=election,
        tier=Tier.SUSULAN,
        region=kecamatan,
        start=start,
        end=end,
        venues=venues,
        rules=rules,
        actor=actor,
    )
