"""Staffing: how many seats the norms require in a region, how many are filled, how many are vacant.

Every figure is a count by code prefix, so a desa, a kabupaten and the whole country are the same
query. Seats are unique per body and unit (a database constraint), so a unit can never have more
appointed than its norm and `vacant = required - appointed` holds per unit as well as in sum.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Substr

from bimtek.accounts.scoping import Scope, region_filter
from bimtek.elections.models import TPS, Election
from bimtek.lib.lookups import keys_in
from bimtek.regions.models import Level, Region, level_of
from bimtek.workforce.models import (
    Appointment,
    AppointmentQuerySet,
    Body,
    Person,
    PersonQuerySet,
    Status,
)

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


# What the apps above read of the workforce (issue 14: through these, not through the models' managers).
# Region codes follow the project's convention: "" is the whole country.
KETUA_SEAT = 1


def active_in(
    election: Any, region_code: str = "", bodies: Iterable[str] | None = None
) -> AppointmentQuerySet:
    """The active appointments of an election (an instance or its id) in a region, of some bodies (all if None)."""
    qs = Appointment.objects.active().filter(election=election)
    if region_code:
        qs = qs.filter(region_filter("region__code", region_code))
    if bodies is not None:
        qs = qs.filter(body__in=list(bodies))
    return qs


def active_of_person(person: Any) -> AppointmentQuerySet:
    """A person's (an instance or an id) active appointments, in every election."""
    return Appointment.objects.active().filter(person=person)


def active_of_person_ids(election: Any, person_ids: Sequence[int]) -> AppointmentQuerySet:
    """These people's active appointments in one election."""
    return Appointment.objects.active().filter(keys_in("person_id", person_ids), election=election)


def appointments_of_people(person_ids: Iterable[int], election_ids: Iterable[int]) -> QuerySet[Appointment]:
    """Every appointment, active or ended, of these people in these elections."""
    return Appointment.objects.filter(person_id__in=person_ids, election_id__in=election_ids)


def departed_people(
    election: Any, region_code: str, bodies: Iterable[str], statuses: Iterable[str]
) -> QuerySet[Appointment]:
    """person_id of those whose appointment in the region ended with one of `statuses` (dismissal, PAW) and
    who hold no active seat in the election any more, as a subquery."""
    qs = Appointment.objects.filter(election=election, body__in=list(bodies), status__in=list(statuses))
    if region_code:
        qs = qs.filter(region_filter("region__code", region_code))
    return qs.exclude(
        person__appointments__election=election, person__appointments__status=Status.ACTIVE
    ).values("person_id")


def appointments_visible_to(user: Any) -> AppointmentQuerySet:
    """Every appointment (any election, any status) the user's scope covers."""
    return Appointment.objects.visible_to(user)  # type: ignore[return-value]  # ScopedQuerySet keeps its subclass at run time


def appointments_in_scope(scope: Scope) -> AppointmentQuerySet:
    return Appointment.objects.in_scope(scope)  # type: ignore[return-value]  # ScopedQuerySet keeps its subclass at run time


def kpps_crew(tps: Any) -> QuerySet[Appointment]:
    """The TPS's active KPPS in seat order (the ketua first), with their person."""
    return (
        Appointment.objects.active().filter(tps=tps, body=Body.KPPS).select_related("person").order_by("seat")
    )


def kpps_ketua(tps: Any) -> Person | None:
    """The active ketua (seat 1) of the TPS's KPPS, if the seat is filled."""
    first = kpps_crew(tps).filter(seat=KETUA_SEAT).first()
    return first.person if first else None


def crewed_tps(election: Any) -> QuerySet[Appointment]:
    """tps_id of the election's TPS with at least one active KPPS member, as a subquery."""
    return Appointment.objects.active().filter(election=election, body=Body.KPPS).values("tps_id")


def tps_served_by(person: Any) -> QuerySet[Appointment]:
    """tps_id of every KPPS crew the person served in (ended seats too: a replaced ketua's drills stay hers)."""
    return Appointment.objects.filter(person=person, body=Body.KPPS).values("tps_id")


def people_visible_to(user: Any) -> PersonQuerySet:
    return Person.objects.visible_to(user)  # type: ignore[return-value]  # ScopedQuerySet keeps its subclass at run time


def people_in_scope(scope: Scope) -> PersonQuerySet:
    return Person.objects.in_scope(scope)  # type: ignore[return-value]  # ScopedQuerySet keeps its subclass at run time


def person_visible_to(user: Any, pk: Any) -> Person | None:
    """The person with this id, with their region, if the user's scope covers them; None otherwise."""
    return Person.objects.visible_to(user).select_related("region").filter(pk=pk).first()


def person_by_id(pk: int) -> Person:
    """The person with this id (Person.DoesNotExist otherwise): for a signed-in participant's own record."""
    return Person.objects.get(pk=pk)


def person_with_nik(nik: str) -> Person | None:
    return Person.objects.filter(nik=nik).first()


def people_with_ids(ids: Iterable[int]) -> list[Person]:
    return list(Person.objects.filter(pk__in=list(ids)))


def names_of(person_ids: Iterable[int]) -> dict[int, str]:
    """person id -> name."""
    return dict(Person.objects.filter(pk__in=list(person_ids)).values_list("pk", "name"))
