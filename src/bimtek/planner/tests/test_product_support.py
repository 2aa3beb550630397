"""Helpers shared by the product tests (no tests here): a quick workforce.

`people_import` is the real path for people, and the registry's own tests exercise it; here a plan needs
hundreds of appointments in a blink, so they are written directly (synthetic NIKs, as everywhere).
"""

import datetime as dt

from bimtek.elections.models import TPS, Election
from bimtek.regions.models import Level, Region
from bimtek.workforce.models import Appointment, Person
from bimtek.workforce.nik import make_nik

BIRTH = dt.date(1985, 3, 12)


class Serials:
    """NIK serials per kecamatan, so every made-up person is unique."""

    def __init__(self) -> None:
        self.next: dict[str, int] = {}

    def take(self, kecamatan: str) -> int:
        self.next[kecamatan] = self.next.get(kecamatan, 0) + 1
        return self.next[kecamatan]


def appoint(
    election: Election,
    *,
    body: str,
    region: str,
    count: int,
    serials: Serials,
    tps: TPS | None = None,
    name: str = "Petugas",
) -> list[Appointment]:
    kecamatan = ".".join(region.split(".")[:3])
    people = Person.objects.bulk_create(
        Person(
            nik=make_nik(kecamatan, BIRTH, "L", serial := serials.take(kecamatan)),
            name=f"{name} {region} {serial}",
            birth_date=BIRTH,
            sex="L",
            region_id=region,
        )
        for _ in range(count)
    )
    return Appointment.objects.bulk_create(
        Appointment(election=election, person=p, body=body, region_id=region, tps=tps, seat=seat)
        for seat, p in enumerate(people, start=1)
    )


def tot_workforce(election: Election, regency: str, *, skip: set[str] = frozenset()) -> Serials:  # type: ignore[assignment]  # a frozenset default for a set parameter, never mutated
    """Full PPK (5) and PPS (3) of every kecamatan and desa of a regency, except the units in `skip`."""
    serials = Serials()
    for region in Region.objects.within(regency).filter(level__in=[Level.KECAMATAN, Level.DESA]):
        if region.code in skip:
            continue
        body = "ppk" if region.level == Level.KECAMATAN else "pps"
        appoint(election, body=body, region=region.code, count=election.norm(body), serials=serials)
    return serials


def crews(election: Election, region: str, serials: Serials, *, linmas: bool = False) -> int:
    """Full KPPS crews (and Linmas) for every TPS in a region; returns the number of TPS."""
    rows = list(TPS.objects.filter(election=election, village__code__startswith=f"{region}."))
    for tps in rows:
        appoint(election, body="kpps", region=tps.village_id, count=7, serials=serials, tps=tps)
        if linmas:
            appoint(election, body="linmas", region=tps.village_id, count=2, serials=serials, tps=tps)
    return len(rows)
