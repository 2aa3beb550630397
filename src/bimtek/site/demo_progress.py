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

from django.db.models import DateTimeField, ExpressionWrapper, OuterRef, Q, Subquery, Value
from django.utils import timezone

from bimtek.accounts.scoping import Scope
from bimtek.assessment.attempts import attempt_submit, attempts_issue, versions_of
from bimtek.assessment.models import Attempt, ProgramKind, Stage, TestForm
from bimtek.delivery.models import Attendance, Method
from bimtek.drill.core.form import boxes
from bimtek.drill.models import DrillAttempt
from bimtek.drill.services import drill_attempt_record, drill_for
from bimtek.elections.models import Election
from bimtek.lib import clock
from bimtek.planner.models import SessionStatus, TrainingSession
from bimtek.planner.selectors import session_participants
from bimtek.planner.services import session_mark_held
from bimtek.workforce.models import Appointment

ACTOR = "demo"
HELD_UNTIL = dt.date(2024, 1, 28)  # the last bimtek day
# The second wave (27-28 January) of these kecamatan is not recorded yet: their TPS are the demo's untrained ones.
NOT_RECORDED = ("19.06.06", "19.06.07")
ABSENT = 0.01  # share of participants who did not come
LEFT_AT_NOON = 0.005  # share who signed the morning only
PASS_RATE = 0.97  # share of trainees who answer everything right
NOT_TAKEN = 0.03  # share who have not taken the post-test yet
DRILL_PASS_RATE = 0.8
DRILLS_FROM = dt.date(2024, 1, 29)  # the day after the last bimtek day: ketua practise from then on
DRILL_DAYS = 9  # ... until 6 February, the day before the demo's today
# Gantung's PAW replacements and absentees have a make-up session (sesi susulan) on the demo's today and the
# day after, so a facilitator there has a session to check in at, on the phone and offline.
MAKEUP_KECAMATAN = "19.06.02"


# The seed of the demo's chance: with it some of Lenggang's crew miss their bimtek, so pps-lenggang has a make-up
# session to check in at on the demo's today (test_demo says so).
def demo_progress(election: Election, *, region_code: str = "19.06", seed: int = 11) -> dict[str, int]:
    rng = random.Random(seed)
    held = _hold_sessions(election, region_code)
    _attend(election, region_code, rng)
    tests = _post_tests(election, region_code, rng)
    drills = _drills(election, region_code, rng)
    _on_the_demo_clock(election)
    makeup = _makeup(election)
    return {"sessions_held": held, "post_tests": tests, "drills": drills, "makeup_sessions": makeup}


def _makeup(election: Election) -> int:
    """A sesi susulan plan for Gantung's untrained people over the demo's today and tomorrow, solved as the
    `bimtek plan makeup` command solves it; the number of its sessions."""
    from bimtek.planner.makeup import makeup_plan_create
    from bimtek.planner.services import plan_solve
    from bimtek.regions.models import Region
    from bimtek.site.demo import DEMO_TODAY

    plan = makeup_plan_create(
        election=election,
        kecamatan=Region.objects.get(code=MAKEUP_KECAMATAN),
        start=DEMO_TODAY,
        end=DEMO_TODAY + dt.timedelta(days=1),
        actor=ACTOR,
    )
    return int(plan_solve(plan=plan, actor=ACTOR, time_limit=30)["sessions"])


def _on_the_demo_clock(election: Election) -> None:
    """Tests and drills are recorded by the product's services at the real clock's time; the demo's story is
    January and February 2024 (BIMTEK_TODAY), so their times move there, like the attendance rows: a pre-test
    half an hour before the person's first check-in of that tier, a post-test an hour after their last, and
    each drill on one of the days between the end of the bimtek and the demo's today."""
    for form in TestForm.objects.filter(program__election=election).select_related("program"):
        tiers = ["tot"] if form.program.kind == ProgramKind.TOT else ["bimtek", "susulan"]
        seen = Attendance.objects.filter(
            person_id=OuterRef("person_id"), session__plan__election=election, session__plan__tier__in=tiers
        ).order_by("checked_in_at" if form.stage == Stage.PRE else "-checked_in_at")
        shift = dt.timedelta(minutes=-30) if form.stage == Stage.PRE else dt.timedelta(hours=1)
        when = ExpressionWrapper(
            Subquery(seen.values("checked_in_at")[:1]) + Value(shift), output_field=DateTimeField()
        )
        Attempt.objects.filter(form=form, submitted_at__isnull=False).update(
            submitted_at=when, started_at=when, created_at=when
        )
    # A drill's time is stored as the product stores it (the real moment) and shown on the app's calendar
    # (`clock.shown`, the `app_clock` filter): the story's moment minus the pinned clock's offset.
    first = timezone.make_aware(dt.datetime.combine(DRILLS_FROM, dt.time(10))) - clock.offset()
    ids = list(DrillAttempt.objects.filter(election=election).order_by("id").values_list("id", flat=True))
    for day in range(DRILL_DAYS):
        DrillAttempt.objects.filter(id__in=ids[day::DRILL_DAYS]).update(
            created_at=first + dt.timedelta(days=day, minutes=7 * day)
        )


def _hold_sessions(election: Election, region_code: str) -> int:
    """The region's ToT and bimtek sessions that ended by HELD_UNTIL (a two-day session ends on its second day)."""
    sessions = TrainingSession.objects.filter(
        Q(region_code__startswith=f"{region_code}.") | Q(region_code=region_code),
        plan__election=election,
        plan__tier__in=["tot", "bimtek"],
        status=SessionStatus.PLANNED,
        date__lte=HELD_UNTIL,
    )
    count = 0
    for session in sessions:
        late = session.date > dt.date(2024, 1, 26) and session.region_code.startswith(NOT_RECORDED)
        if session.last_date <= HELD_UNTIL and not late:
            session_mark_held(session=session, actor=ACTOR)
            count += 1
    return count


def _attend(election: Election, region_code: str, rng: random.Random) -> int:
    rows = []
    for session in (
        TrainingSession.objects.filter(
            Q(region_code__startswith=f"{region_code}.") | Q(region_code=region_code),
            plan__election=election,
            status=SessionStatus.HELD,
        )
        .select_related("plan")
        .order_by("pk")
    ):
        start = timezone.make_aware(dt.datetime.combine(session.date, dt.time(8, 0)))
        # In the order of their ids: the page's order puts a TPS-less seat first on SQLite and last on
        # PostgreSQL, and the demo is to be the same on both.
        for a in sorted(session_participants(session), key=lambda a: a.pk):
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
    """The ToT's pre- and post-test of the PPK/PPS first, then the KPPS and Linmas post-tests. A desa whose PPS
    did well in the ToT has KPPS who do well too (`_desa_skill`), so cascade analytics has a relation to find."""
    # Only who came takes the tests: nobody in a session not held yet has a post-test to contradict it.
    attended = set(
        Attendance.objects.filter(session__plan__election=election).values_list("person_id", flat=True)
    )
    submitted = 0
    for kind, stage in (
        (ProgramKind.TOT, Stage.PRE),
        (ProgramKind.TOT, Stage.POST),
        (ProgramKind.KPPS, Stage.POST),
        (ProgramKind.LINMAS, Stage.POST),
    ):
        form = TestForm.objects.filter(program__election=election, program__kind=kind, stage=stage).first()
        if form is not None:
            submitted += _take(form, region_code, rng, attended, before=stage == Stage.PRE)
    return submitted


def _desa_skill(region_code: str) -> float:
    """How well a desa's cascade works, the same for its PPS and its KPPS: 0 to 1, fixed by the desa's code."""
    desa = ".".join(region_code.split(".")[:4])
    return random.Random(desa).random()


def _take(
    form: TestForm, region_code: str, rng: random.Random, attended: set[int], *, before: bool = False
) -> int:
    attempts_issue(form=form, region_code=region_code, mode="online", actor=ACTOR, scope=Scope(None, None))
    submitted = 0
    for attempt in Attempt.objects.filter(form=form, status="issued").order_by("id"):
        if attempt.person_id not in attended or rng.random() < NOT_TAKEN:
            continue
        # 99.5 % answer everything right in the best desa, 95 % in the weakest: about PASS_RATE on average.
        chance = 0.995 - 0.045 * (1 - _desa_skill(attempt.region_id))
        good = rng.random() < (chance * 0.3 if before else chance)  # before the training most get some wrong
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
        truth = dict(boxes(drill_for(kind=election.kind, level="easy", seed=seed).truth))  # type: ignore[arg-type]  # the demo's election kind is a TextChoices str the core reads as its Literal
        if rng.random() > DRILL_PASS_RATE:
            truth["V.B"] = (truth.get("V.B") or 0) + 1  # the classic slip: invalid votes one too many
        drill_attempt_record(
            person=appointment.person, election=election, level="easy", seed=seed, values=truth, actor=ACTOR
        )
        recorded += 1
    return recorded
