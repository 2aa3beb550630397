"""Staffing: how many seats the norms require in a region, how many are filled, how many are vacant.

Every figure is a count by code prefix, so a desa, a kabupaten and the whole country are the same
query. Seats are unique per body and unit (a database constraint), so a unit can never have more
appointed than its norm and `vacant = required - appointed` holds per unit as well as in sum.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Substr

from bimtek.accounts.scoping import region_filter
from bimtek.elections.models import TPS, Election
from bimtek.regions.models import Level, Region, level_of
from bimtek.workforce.models import Appointment, Body, Status

BODIES = ("ppk", "pps", "kpps", "linmas")
# The length of a region code at each level: 33, 33.03, 33.03.01, 33.03.01.2001.
CODE_LENGTH = {1: 2, 2: 5, 3: 8, 4: 13}


@dataclass
class Staffing:
    region: str
    name: str
    kecamatan: int
    desa: int
    tps: int
    required: dict[str, int]
    appointed: dict[str, int]

    @property
    def vacant(self) -> dict[str, int]:
        return {body: self.required[body] - self.appointed.get(body, 0) for body in BODIES}

    @property
    def complete(self) -> bool:
        return all(v == 0 for v in self.vacant.values())

    def as_dict(self) -> dict[str, Any]:
        return {
            "region": self.region,
            "name": self.name,
            "kecamatan": self.kecamatan,
            "desa": self.desa,
            "tps": self.tps,
            "required": self.required,
            "appointed": self.appointed,
            "vacant": self.vacant,
            "trainees_tot": self.required["ppk"] + self.required["pps"],
        }


def _appointed_counts(election: Election) -> dict[str, Any]:
    # A seat number above the norm can exist only if the norm was lowered later; it is not counted.
    return {body: Count("id", filter=Q(body=body, seat__lte=election.norm(body))) for body in BODIES}


def _required(election: Election, kecamatan: int, desa: int, tps: int) -> dict[str, int]:
    return {
        "ppk": election.ppk_per_kecamatan * kecamatan,
        "pps": election.pps_per_desa * desa,
        "kpps": election.kpps_per_tps * tps,
        "linmas": election.linmas_per_tps * tps,
    }


def active_appointments(election: Election) -> QuerySet[Appointment]:
    return Appointment.objects.filter(election=election, status=Status.ACTIVE)


def staffing(*, election: Election, region_code: str) -> Staffing:
    """The staffing of one region ('' for the whole country)."""
    level = level_of(region_code) if region_code else 0
    regions = Region.objects.within(region_code) if region_code else Region.objects.all()
    counts = regions.aggregate(
        kecamatan=Count("code", filter=Q(level=Level.KECAMATAN)),
        desa=Count("code", filter=Q(level=Level.DESA)),
    )
    tps = TPS.objects.filter(election=election)
    appointments = active_appointments(election)
    if region_code:
        tps = tps.filter(region_filter("village__code", region_code))
        appointments = appointments.filter(region_filter("region__code", region_code))
    appointed = appointments.aggregate(**_appointed_counts(election))
    tps_count = tps.count()
    name = (
        Region.objects.filter(code=region_code).values_list("name", flat=True).first()
        if level
        else "Indonesia"
    )
    return Staffing(
        region=region_code,
        name=name or "",
        kecamatan=counts["kecamatan"],
        desa=counts["desa"],
        tps=tps_count,
        required=_required(election, counts["kecamatan"], counts["desa"], tps_count),
        appointed=appointed,
    )


def staffing_of_children(*, election: Election, region_code: str) -> list[Staffing]:
    """One row per child region, in four grouped queries whatever the number of children."""
    child_level = (level_of(region_code) if region_code else 0) + 1
    if child_level > Level.DESA:
        return []
    length = CODE_LENGTH[child_level]
    children = list(Region.objects.below(region_code, child_level).values_list("code", "name"))
    scope = Region.objects.within(region_code) if region_code else Region.objects.all()
    region_counts = _grouped(
        scope.filter(level__gte=child_level),
        "code",
        length,
        kecamatan=Count("code", filter=Q(level=Level.KECAMATAN)),
        desa=Count("code", filter=Q(level=Level.DESA)),
    )
    tps_qs = TPS.objects.filter(election=election)
    appt_qs = active_appointments(election)
    if region_code:
        tps_qs = tps_qs.filter(region_filter("village__code", region_code))
        appt_qs = appt_qs.filter(region_filter("region__code", region_code))
    tps_counts = _grouped(tps_qs, "village_id", length, tps=Count("id"))
    appt_counts = _grouped(appt_qs, "region_id", length, **_appointed_counts(election))
    rows = []
    for code, name in children:
        rc = region_counts.get(code, {})
        kecamatan, desa = rc.get("kecamatan", 0), rc.get("desa", 0)
        tps_count = tps_counts.get(code, {}).get("tps", 0)
        appointed = {body: appt_counts.get(code, {}).get(body, 0) for body in BODIES}
        rows.append(
            Staffing(
                code,
                name,
                kecamatan,
                desa,
                tps_count,
                _required(election, kecamatan, desa, tps_count),
                appointed,
            )
        )
    return rows


def _grouped(qs: QuerySet[Any], field: str, length: int, **aggregates: Any) -> dict[str, dict[str, int]]:
    grouped = qs.annotate(prefix=Substr(field, 1, length)).values("prefix").annotate(**aggregates).order_by()
    return {row.pop("prefix"): row for row in grouped}


def body_label(body: str) -> str:
    return Body(body).label
