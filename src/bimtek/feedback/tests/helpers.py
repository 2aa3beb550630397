"""The Gantung bimtek session of the delivery tests, held today, with a curriculum and two facilitators."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from bimtek.assessment.models import Module, Program
from bimtek.conftest import LENGGANG, SELINSING
from bimtek.delivery.services import participant_token
from bimtek.delivery.tests.helpers import Setup, gantung_session
from bimtek.elections.models import Election
from bimtek.feedback.services import Answers, response_submit
from bimtek.planner.models import SessionFacilitator, TrainingSession
from bimtek.workforce.models import Appointment, Person
from bimtek.workforce.nik import make_nik

TITLES = (
    "Pengantar dan komitmen belajar",
    "Tata kerja dan kode etik KPPS",
    "Pemungutan dan penghitungan suara",
)


@dataclass
class Survey:
    setup: Setup
    session: TrainingSession
    program: Program
    modules: list[Module]
    facilitators: list[Person]  # [PPS of Lenggang, PPS of Selingsing]

    @property
    def lenggang(self) -> list[Appointment]:
        return self.setup.lenggang

    @property
    def selingsing(self) -> list[Appointment]:
        return self.setup.selingsing


def _facilitator(name: str, village: str, serial: int) -> Person:
    birth = dt.date(1980, 5, 1)
    return Person.objects.create(
        nik=make_nik("19.06.02", birth, "P", serial), name=name, birth_date=birth, sex="P", region_id=village
    )


def survey_setup(election: Election) -> Survey:
    setup = gantung_session(election)
    session = setup.session
    session.date = timezone.localdate()  # open today; the closing rule is tested with an explicit day
    session.save(update_fields=["date"])
    program = Program.objects.create(election=election, kind="kpps", name="Bimtek KPPS")
    modules = [
        Module.objects.create(program=program, position=i, bank=f"m{i}", title=t, minutes=60)
        for i, t in enumerate(TITLES, start=1)
    ]
    people = [
        _facilitator("Bu Fasilitator Lenggang", LENGGANG, 901),
        _facilitator("Pak Fasilitator Selingsing", SELINSING, 902),
    ]
    for p in people:
        SessionFacilitator.objects.create(session=session, person=p)
    return Survey(setup, session, program, modules, people)


def answers(
    s: Survey, satisfaction: int, modules: list[int], facilitators: list[int], remarks: str = ""
) -> Answers:
    return Answers(
        satisfaction=satisfaction,
        modules={m.pk: score for m, score in zip(s.modules, modules, strict=True)},
        facilitators={p.pk: score for p, score in zip(s.facilitators, facilitators, strict=True)},
        remarks=remarks,
    )


def answer(
    s: Survey,
    a: Appointment,
    satisfaction: int,
    modules: list[int],
    facilitators: list[int],
    remarks: str = "",
) -> None:
    response_submit(
        session=s.session,
        person_id=a.person_id,
        answers=answers(s, satisfaction, modules, facilitators, remarks),
    )


def code_of(a: Appointment) -> str:
    return participant_token(a.person_id)
