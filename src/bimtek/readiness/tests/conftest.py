"""A desa whose TPS tell every story: Lenggang (19.06.02.2009) in Belitung Timur, Pemilu 2024, 12 TPS.

- TPS 001: full crew, bimtek held (with Linmas), everyone passed the post-test, the ketua passed the
  drill, KPPS 4 operates Sirekap: ready;
- TPS 002: full crew, nothing done yet: at risk (untrained, post-test, drill);
- TPS 003: crew without its ketua (seat 1 vacant) and no operator;
- TPS 004-012: nobody appointed.
Time is pinned: `TODAY` is 20 days before voting day.
"""

import datetime as dt
import io

import pytest

from bimtek.accounts.scoping import Scope
from bimtek.conftest import LENGGANG
from bimtek.elections.models import TPS, Election
from bimtek.workforce.models import Appointment
from bimtek.workforce.people_import import people_import
from bimtek.workforce.tests.factories import crew_rows, csv_bytes

TODAY = dt.date(2024, 1, 25)


def _import(election: Election, rows: list[list[str]]) -> None:
    report = people_import(
        election=election,
        source=io.BytesIO(csv_bytes(rows)),
        filename="p.csv",
        actor="test",
        scope=Scope(None, None),
    )
    assert report.stored and not report.rejected, report.as_dict()


@pytest.fixture
def lenggang_story(beltim_tps: Election) -> dict[str, TPS]:
    from bimtek.assessment.models import Attempt, Program, TestForm
    from bimtek.drill.models import DrillAttempt
    from bimtek.planner.models import SessionGroup, TrainingPlan, TrainingSession, Venue

    election = beltim_tps
    rows = crew_rows(LENGGANG, [1, 2, 3])
    rows = [r for r in rows if not (r[6] in ("003", "3", "TPS 003") and r[7].lower() == "ketua")]
    _import(election, rows)
    tps = {n: TPS.objects.get(election=election, village_id=LENGGANG, number=n) for n in range(1, 13)}
    assert Appointment.objects.filter(tps=tps[3]).count() == 8, "TPS 003 has no ketua"
    Appointment.objects.filter(tps__in=[tps[1], tps[2]], body="kpps", seat=4).update(sirekap_operator=True)

    venue = Venue.objects.create(name="Balai Desa Lenggang", region_id=LENGGANG, capacity=40)
    plan = TrainingPlan.objects.create(
        election=election,
        tier="bimtek",
        region_id="19.06.02",
        start=dt.date(2024, 1, 20),
        end=dt.date(2024, 1, 24),
        include_linmas=True,
    )
    for n, status in ((1, "held"), (2, "planned")):
        session = TrainingSession.objects.create(
            plan=plan, venue=venue, date=dt.date(2024, 1, 20 + n), slot=1, status=status, region_code=LENGGANG
        )
        if status == "held":  # TPS 001's crew came to both parts: trained; TPS 002's session is still ahead
            _attend(session, Appointment.objects.filter(tps=tps[n]))
        SessionGroup.objects.create(
            plan=plan,
            session=session,
            key=f"tps-{tps[n].pk}",
            body="kpps",
            region_code=LENGGANG,
            tps=tps[n],
            participants=9,
        )

    kpps_program = Program.objects.create(election=election, kind="kpps", name="Bimtek KPPS")
    linmas_program = Program.objects.create(election=election, kind="linmas", name="Briefing Linmas")
    forms = {
        "kpps": TestForm.objects.create(program=kpps_program, stage="post"),
        "linmas": TestForm.objects.create(program=linmas_program, stage="post"),
    }
    for i, a in enumerate(Appointment.objects.filter(tps=tps[1])):
        Attempt.objects.create(
            form=forms[a.body],
            person_id=a.person_id,
            region_id=LENGGANG,
            code=f"T{i:04d}",
            seed=i,
            items=b"",
            answers=b"",
            status="submitted",
            score=9,
            percent=90.0,
            passed=True,
        )
    ketua = Appointment.objects.get(tps=tps[1], body="kpps", seat=1)
    DrillAttempt.objects.create(
        person_id=ketua.person_id, election=election, seed=1, level="easy", kind="pemilu", form={}, score=100
    )
    ketua2 = Appointment.objects.get(tps=tps[2], body="kpps", seat=1)
    DrillAttempt.objects.create(
        person_id=ketua2.person_id, election=election, seed=2, level="easy", kind="pemilu", form={}, score=60
    )
    return tps


def _attend(session: object, crew: object) -> None:
    from django.utils import timezone

    from bimtek.delivery.models import Attendance

    Attendance.objects.bulk_create(
        Attendance(
            session=session,
            person_id=a.person_id,
            part=part,
            key=f"s{session.pk}-{a.person_id}-{part}",
            method="qr",
            region_code=a.region_id,
            checked_in_at=timezone.now(),
        )  # fmt: skip
        for a in crew
        for part in ("pagi", "siang")
    )
