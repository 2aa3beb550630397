"""Training progress for the demo: some bimtek sessions held, post-tests taken, counting drills done.

Everything goes through the product's own services (marking a session held, issuing and submitting
a test, recording a drill), so the readiness dashboard of the demo shows what real use would show:
ready TPS, TPS at risk and why, and TPS not trained yet. Attendance is the exception: check-in needs a
facilitator's account, which the demo creates afterwards, so the rows are written as the phones would
have left them (a few absent, a few who left at noon).
"""

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from bimtek.accounts.scoping import Scope
from bimtek.assessment.attempts import attempt_submit, attempts_issue, versions_of
from bimtek.assessment.models import Attempt, ProgramKind, Stage, TestForm
from bimtek.delivery.models import Attendance, Method
from bimtek.drill.core.form import boxes
from bimtek.drill.services import drill_attempt_record, drill_for
from bimtek.elections.models import Election
from bimtek.planner.models import SessionStatus, TrainingSession
from bimtek.planner.selectors import session_participants
from bimtek.planner.services import session_mark_held
from bimtek.workforce.models import Appointment

ACTOR = "demo"
HELD_UNTIL = dt.date(2024, 1, 27)  # the last bimtek day, 28 January, has not happened yet in the demo
ABSENT = 0.01  # share of participants who did not come
LEFT_AT_NOON = 0.005  # share who signed the morning only
PASS_RATE = 0.97  # share of trainees who answer everything right
NOT_TAKEN = 0.03  # share who have not taken the post-test yet
DRILL_PASS_RATE = 0.8


def demo_progress(election: Election, *, region_code: str = "19.06", seed: int = 2024) -> dict[str, int]:
    rng = random.Random(seed)
    held = _hold_sessions(election, region_code)
    _attend(election, region_code, rng)
    tests = _post_tests(election, region_code, rng)
    drills = _drills(election, region_code, rng)
    return {"sessions_held": held, "post_tests": tests, "drills": drills}


def _hold_sessions(election: Election, region_code: str) -> int:
    sessions = TrainingSession.objects.filter(
        plan__election=election,
        plan__tier="bimtek",
        region_code__startswith=f"{region_code}.",
        status=SessionStatus.PLANNED,
        date__lte=HELD_UNTIL,
    )
    count = 0
    for session in sessions:
        session_mark_held(session=session, actor=ACTOR)
        count += 1
    return count


def _attend(election: Election, region_code: str, rng: random.Random) -> int:
    rows = []
    for session in TrainingSession.objects.filter(
        plan__election=election, region_code__startswith=f"{region_code}.", status=SessionStatus.HELD
    ).select_related("plan"):
        start = timezone.make_aware(dt.datetime.combine(session.date, dt.time(8, 0)))
        for a in session_participants(session):
            luck = rng.random()
            parts = () if luck < ABSENT else ("pagi",) if luck < ABSENT + LEFT_AT_NOON else ("pagi", "siang")
            for part in parts:
                at = start + dt.timedelta(hours=5 if part == "siang" else 0, minutes=rng.randint(0, 40))
                rows.append(
                    Attendance(
                        session=session,
                        person_id=a.person_id,
                        part=part,
                        method=Method.QR,
                        key=f"demo-{session.pk}-{a.person_id}-{part}",
                        region_code=a.region_id,
                        checked_in_at=at,
                    )  # fmt: skip
                )
    Attendance.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def _post_tests(election: Election, region_code: str, rng: random.Random) -> int:
    submitted = 0
    for kind in (ProgramKind.KPPS, ProgramKind.LINMAS):
        form = TestForm.objects.get(program__election=election, program__kind=kind, stage=Stage.POST)
        submitted += _take(form, region_code, rng)
    return submitted


def _take(form: TestForm, region_code: str, rng: random.Random) -> int:
    attempts_issue(form=form, region_code=region_code, mode="online", actor=ACTOR, scope=Scope(None, None))
    submitted = 0
    for attempt in Attempt.objects.filter(form=form, status="issued").order_by("id"):
        if rng.random() < NOT_TAKEN:
            continue
        good = rng.random() < PASS_RATE
        answers = {
            i: _answer(v, right=good or rng.random() < 0.4) for i, v in enumerate(versions_of(attempt))
        }
        attempt_submit(code=attempt.code, answers=answers, actor=ACTOR)
        submitted += 1
    return submitted


def _answer(version: Any, *, right: bool) -> int:
    if right:
        return int(version.answer)
    if version.kind == "num":
        return int(version.answer) + 1
    return (int(version.answer) + 1) % max(2, len(version.options))


def _drills(election: Election, region_code: str, rng: random.Random) -> int:
    ketua = Appointment.objects.filter(
        election=election, body="kpps", seat=1, status="active", region__code__startswith=f"{region_code}."
    ).select_related("person")
    recorded = 0
    for appointment in ketua.order_by("id"):
        if rng.random() < 0.2:
            continue  # has not practised yet
        seed = rng.randint(1, 10**6)
        truth = dict(boxes(drill_for(kind=election.kind, level="easy", seed=seed).truth))  # type: ignore[arg-type]
        if rng.random() > DRILL_PASS_RATE:
            truth["V.B"] = (truth.get("V.B") or 0) + 1  # the classic slip: invalid votes one too many
        drill_attempt_record(
            person=appointment.person, election=election, level="easy", seed=seed, values=truth, actor=ACTOR
        )
        recorded += 1
    return recorded
