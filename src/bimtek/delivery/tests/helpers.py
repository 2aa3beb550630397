"""A bimtek session in kecamatan Gantung (Beltim) with the crews of Lenggang TPS 001-002 and Selingsing TPS 001.

People are written directly, as the planner's product tests do (synthetic NIKs); the check-in is what is
under test here, not the people import.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from bimtek.conftest import LENGGANG, SELINSING
from bimtek.elections.models import TPS, Election
from bimtek.planner.models import SessionGroup, Tier, TrainingPlan, TrainingSession, Venue
from bimtek.workforce.models import Appointment, Person
from bimtek.workforce.nik import make_nik

GANTUNG = "19.06.02"
BIRTH = dt.date(1985, 3, 12)
DAY = dt.date(2024, 1, 26)


@dataclass
class Setup:
    election: Election
    session: TrainingSession
    lenggang: list[Appointment]  # 14 KPPS of Lenggang TPS 001 and 002
    selingsing: list[Appointment]  # 7 KPPS of Selingsing TPS 001


def crew(election: Election, tps: TPS, first_serial: int, prefix: str) -> list[Appointment]:
    people = Person.objects.bulk_create(
        Person(
            nik=make_nik(GANTUNG, BIRTH, "L", first_serial + i),
            name=f"{prefix} {first_serial + i}",
            birth_date=BIRTH,
            sex="L",
            phone=f"+62812{first_serial + i:07d}",
            region_id=tps.village_id,
        )
        for i in range(7)
    )
    return Appointment.objects.bulk_create(
        Appointment(election=election, person=p, body="kpps", region_id=tps.village_id, tps=tps, seat=seat)
        for seat, p in enumerate(people, start=1)
    )


def on_the_day(session: TrainingSession) -> dt.datetime:
    """A check-in made during a session: nine in the morning of its day, Jakarta time."""
    return dt.datetime.combine(session.date, dt.time(9), tzinfo=timezone.get_current_timezone())


def gantung_session(election: Election) -> Setup:
    plan = TrainingPlan.objects.create(
        election=election, tier=Tier.BIMTEK, region_id=GANTUNG, start=DAY, end=DAY + dt.timedelta(days=2)
    )
    venue = Venue.objects.create(name="Balai Kecamatan Gantung", region_id=GANTUNG, capacity=150)
    session = TrainingSession.objects.create(plan=plan, venue=venue, date=DAY, slot=1, region_code=GANTUNG)
    crews: dict[str, list[Appointment]] = {LENGGANG: [], SELINSING: []}
    serial = 1
    for village, numbers in ((LENGGANG, (1, 2)), (SELINSING, (1,))):
        for number in numbers:
            tps = TPS.objects.get(election=election, village_id=village, number=number)
            prefix = "Peserta Lenggang" if village == LENGGANG else "Peserta Selingsing"
            crews[village] += crew(election, tps, serial, prefix)
            serial += 7
            SessionGroup.objects.create(
                plan=plan,
                session=session,
                key=f"tps-{tps.pk}",
                body="kpps",
                region_code=village,
                tps=tps,
                participants=7,
            )
    return Setup(election, session, crews[LENGGANG], crews[SELINSING])
