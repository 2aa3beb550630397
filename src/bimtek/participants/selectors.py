"""What a participant's own page reads: their sessions, tests, results, drills, certificates and reminders.

Everything starts from the signed-in person, never from a URL parameter, so nobody reaches another's data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import QuerySet

from bimtek.assessment.models import Attempt, AttemptStatus, Program, Stage
from bimtek.assessment.selectors import attempts_of_person, programs_in
from bimtek.delivery.certificates import completed, rule_of, sign
from bimtek.delivery.models import Certificate
from bimtek.delivery.selectors import certificate_of, parts_attended, parts_attended_for
from bimtek.drill.models import DrillAttempt
from bimtek.drill.selectors import recent_drills
from bimtek.feedback.selectors import survey_states
from bimtek.feedback.services import survey_token
from bimtek.messaging.models import Message
from bimtek.messaging.render import DEFAULT_BRING
from bimtek.messaging.selectors import messages_to
from bimtek.planner.models import SessionReply, SessionStatus, TrainingSession, tiers_counting_for
from bimtek.planner.selectors import sessions_of_person
from bimtek.planner.sessions import replies_of_person
from bimtek.speakers.selectors import ModuleTalk, talks_of
from bimtek.workforce.models import Person
from bimtek.workforce.selectors import active_of_person


@dataclass
class MySession:
    session: TrainingSession
    time: str
    facilitators: list[str]
    bring: str
    reply: SessionReply | None
    attended: list[str]
    is_past: bool
    survey_token: str  # the evaluation form of a session that has begun
    speakers: list[ModuleTalk] = field(default_factory=list)  # by module: name and institution, no contact


def my_sessions(person: Person, today: dt.date) -> list[MySession]:
    sessions = list(sessions_of_person(person.pk).exclude(status=SessionStatus.CANCELLED))
    replies = {r.session_id: r for r in replies_of_person(person)}
    attended: dict[int, list[str]] = {}
    for session_id, part in parts_attended(person, sessions):
        attended.setdefault(session_id, []).append(part)
    talks = talks_of([s.pk for s in sessions])
    surveys = survey_states(sessions, today)
    return [
        MySession(
            session=s,
            time=s.time_label,
            facilitators=[f.person.name for f in s.facilitators.all()],
            bring=DEFAULT_BRING,
            reply=replies.get(s.pk),
            attended=attended.get(s.pk, []),
            is_past=s.last_date < today,
            survey_token=survey_token(s.pk) if surveys[s.pk].open else "",
            speakers=talks.get(s.pk, []),
        )
        for s in sessions
    ]


STAGE_ORDER = {Stage.PRE: 0, Stage.POST: 1}


def my_attempts(person: Person) -> list[Attempt]:
    """Pre-test before post-test, the latest try first."""
    rows = attempts_of_person(person)
    return sorted(rows, key=lambda a: (a.form.program.kind, STAGE_ORDER.get(a.form.stage, 9), -a.number))


@dataclass
class MyProgram:
    program: Program
    certificate: Certificate | None
    verify_token: str
    missing: str  # '' when complete; else the first unmet condition's code
    missing_label: str
    attempts: list[Attempt] = field(default_factory=list)


MISSING_LABELS = {
    "attendance_incomplete": "Kehadiran belum lengkap di semua bagian sesi",
    "post_test_not_passed": "Tes akhir belum lulus",
}


def my_programs(person: Person) -> list[MyProgram]:
    """Per program the person takes: their attempts, certificate, or what still stands between them and it."""
    bodies = set(active_of_person(person).values_list("body", flat=True))
    election_ids = set(active_of_person(person).values_list("election_id", flat=True))
    out = []
    attempts = list(my_attempts(person))
    for program in programs_in(election_ids).order_by("kind"):
        if not bodies & set(program.bodies):
            continue
        cert = certificate_of(program, person)
        required, require_post = rule_of(program)
        parts = parts_attended_for(person, program.election_id, tiers_counting_for(program.kind))
        passed = any(
            a.form.program_id == program.pk
            and a.form.stage == Stage.POST
            and a.status == AttemptStatus.SUBMITTED
            and a.passed
            for a in attempts
        )
        missing = completed(
            required=required, attended=parts, post_test_passed=passed, require_post_test=require_post
        )
        out.append(
            MyProgram(
                program=program,
                certificate=cert,
                verify_token=sign(cert.code) if cert else "",
                missing=missing,
                missing_label=MISSING_LABELS.get(missing, ""),
                attempts=[a for a in attempts if a.form.program_id == program.pk],
            )
        )
    return out


def my_drills(person: Person) -> QuerySet[DrillAttempt]:
    return recent_drills(person)


def my_messages(person: Person) -> QuerySet[Message]:
    return messages_to(person)
