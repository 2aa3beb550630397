"""A small world with one object behind every URL: a bimtek session of desa Lenggang, its crew, their tests.

- `member`: Ketua KPPS of Lenggang TPS 001, a participant of the session, with a pre- and a post-test
  (passed), a counting drill, a certificate and a reminder;
- a speaker of Lenggang's session (`speaker`, named after SECRET_NAME) on the program's first module;
- `pps_lenggang`'s desa holds everything; nothing here belongs to Selingsing, so the PPS of the neighbouring
  desa must get no page of it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from bimtek.accounts.models import User
from bimtek.accounts.scoping import Scope
from bimtek.accounts.services import user_create
from bimtek.assessment.attempts import attempt_submit, attempts_issue, versions_of
from bimtek.assessment.bank import questions_import_starter
from bimtek.assessment.curriculum import programs_seed
from bimtek.assessment.models import Attempt, Module, Program, TestForm
from bimtek.budget.models import ActualCost
from bimtek.conftest import LENGGANG, PASSWORD
from bimtek.delivery.models import Attendance, Certificate
from bimtek.delivery.tests.helpers import DAY, GANTUNG, crew
from bimtek.drill.core.form import boxes
from bimtek.drill.crew_services import crew_drill_enter, crew_drill_start
from bimtek.drill.models import CrewDrill, DrillAttempt
from bimtek.drill.services import drill_for
from bimtek.elections.models import TPS, Election
from bimtek.jobs.models import Job
from bimtek.messaging.models import Message
from bimtek.planner.models import (
    SessionFacilitator,
    SessionGroup,
    Tier,
    TrainingPlan,
    TrainingSession,
    Venue,
)
from bimtek.speakers.models import SessionSpeaker, Speaker
from bimtek.workforce.models import Appointment

SECRET_NAME = "Peserta Lenggang"  # every person of the world is called this; no outsider page may show it


@dataclass
class World:
    election: Election
    session: TrainingSession
    plan: TrainingPlan
    crew: list[Appointment]
    member: User
    pre: Attempt
    post: Attempt
    form: TestForm
    program: Program
    module: Module
    tps: TPS
    certificate: Certificate
    drill: DrillAttempt
    crew_drill: CrewDrill
    job: Job
    message: Message
    speaker: Speaker
    actual_cost: ActualCost


def build(election: Election, *, post_test_taken: bool = True) -> World:
    """The world; with `post_test_taken=False` the member has yet to take the post-test (and has no certificate)."""
    programs_seed(election=election, actor="test")
    questions_import_starter(election=election, actor="test")
    tps = TPS.objects.get(election=election, village_id=LENGGANG, number=1)
    people = crew(election, tps, 1, SECRET_NAME)
    plan = TrainingPlan.objects.create(
        election=election, tier=Tier.BIMTEK, region_id=GANTUNG, start=DAY, end=DAY + dt.timedelta(days=2)
    )
    venue = Venue.objects.create(
        name="Balai Desa Lenggang", region_id=LENGGANG, capacity=40, address="Jl. Raya Lenggang 1"
    )
    session = TrainingSession.objects.create(plan=plan, venue=venue, date=DAY, slot=1, region_code=LENGGANG)
    SessionGroup.objects.create(
        plan=plan,
        session=session,
        key=f"tps-{tps.pk}",
        body="kpps",
        region_code=LENGGANG,
        tps=tps,
        participants=7,
    )
    ketua = people[0]
    SessionFacilitator.objects.create(session=session, person=people[6].person)
    member = user_create(
        username="kpps-lenggang-001",
        password=PASSWORD,
        role="kpps",
        region_code=LENGGANG,
        actor="test",
        person_id=ketua.person_id,
    )
    program = Program.objects.get(election=election, kind="kpps")
    forms = {f.stage: f for f in TestForm.objects.filter(program=program)}
    for form in forms.values():
        attempts_issue(form=form, region_code=LENGGANG, mode="online", actor="test", scope=Scope(None, None))
    pre = Attempt.objects.get(form=forms["pre"], person=ketua.person)
    post = Attempt.objects.get(form=forms["post"], person=ketua.person)
    if post_test_taken:
        attempt_submit(code=post.code, answers={i: v.answer for i, v in enumerate(versions_of(post))})
    for part in ("pagi", "siang"):
        Attendance.objects.create(
            session=session,
            person=ketua.person,
            region_code=LENGGANG,
            part=part,
            checked_in_at=dt.datetime(2024, 1, 26, 8, tzinfo=dt.UTC),
            method="qr",
            key=uuid.uuid4().hex,
        )
    certificate = Certificate(
        program=program, person=ketua.person, region_code=LENGGANG, code="ABCDEFGHJK", completed_on=DAY
    )
    if post_test_taken:
        certificate.save()
    drill = DrillAttempt.objects.create(
        person=ketua.person, election=election, seed=7, level="easy", kind="pemilu", form={}, score=80
    )
    crew_drill = crew_drill_start(election=election, tps=tps, level="easy", seed=7, actor="test")
    typed = boxes(drill_for(kind="pemilu", level="easy", seed=7).truth)
    for typist in people[1:3]:
        crew_drill_enter(drill=crew_drill, person=typist.person, values=typed, actor="test")
    job = Job.objects.create(kind="import.people", title="Impor Lenggang", region_code=LENGGANG)
    message = Message.objects.create(
        session=session,
        person=ketua.person,
        region_code=LENGGANG,
        kind="undangan",
        channel="sms",
        status="sent",
        sent_at=dt.datetime(2024, 1, 20, 9, tzinfo=dt.UTC),
        body=f"Yth. {ketua.person.name}, undangan bimtek",
    )
    module = Module.objects.filter(program=program).order_by("position").first()
    speaker = Speaker.objects.create(
        name=f"Narasumber {SECRET_NAME}",
        institution="KPU Kabupaten Belitung Timur",
        division="teknis",
        phone="+6281299990000",
        region_code=LENGGANG,
    )
    SessionSpeaker.objects.create(session=session, module=module, speaker=speaker, region_code=LENGGANG)
    actual_cost = ActualCost.objects.create(
        election=election, region_code=LENGGANG, session=session, tier="bimtek", item="konsumsi",
        akun="521211", amount=350_000, note=f"Konsumsi {SECRET_NAME}",
    )  # fmt: skip
    return World(
        election=election,
        session=session,
        plan=plan,
        crew=people,
        member=member,
        pre=Attempt.objects.get(pk=pre.pk),
        post=Attempt.objects.get(pk=post.pk),
        form=forms["post"],
        program=program,
        module=module,  # type: ignore[arg-type]  # seeded above
        tps=tps,
        certificate=certificate,
        drill=drill,
        crew_drill=CrewDrill.objects.get(pk=crew_drill.pk),
        job=job,
        message=message,
        speaker=speaker,
        actual_cost=actual_cost,
    )
