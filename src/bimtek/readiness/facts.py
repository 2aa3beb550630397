"""Facts for the readiness rules, from the database in bulk.

Each condition is a `Q` over `workforce.Appointment` (an active KPPS or Linmas seat), so one grouped
query per region counts, per TPS, how many crew members meet it. Nothing here loops over TPS or
people in Python.

**Trained** means attendance, as delivery's completion rule counts it: the crew member checked in to
every required part (the program's `CompletionRule.parts`, by default pagi and siang) of sessions
that count for their program (bimtek or a make-up session; not cancelled). A session marked held is
not enough: nobody knows who came. `trained_q` is the one place that says so; facts, refresh, the TPS
page, the CLI and the API follow it. `trained_person_ids(election, person_ids)` is the same rule for a
given set of people.

Each `*_q` takes `among`: person ids that bound its subquery. The TPS page asks for nine people, and an
unbounded subquery would read the whole election's attendance, attempts and drills to answer.
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.apps import apps
from django.db import connection
from django.db.models import Count, Q, QuerySet

from bimtek.accounts.scoping import region_filter
from bimtek.drill.selectors import PASS_MARK as DRILL_PASS_MARK
from bimtek.elections.models import TPS, Election
from bimtek.readiness.core import TPSFacts
from bimtek.workforce.models import Appointment, Body, Status

CREW_BODIES = (Body.KPPS, Body.LINMAS)
# Person ids per query: PostgreSQL takes a kabupaten's crew in one list (each query joins the election's
# sessions once); SQLite stays under its variable limit.
ID_CHUNK = {"postgresql": 50_000}
SMALL = 2_000
# Person ids that bound a fact's subquery: a list (the TPS page's nine) or a subquery (a kabupaten's crew).
Among = Sequence[int] | QuerySet | None


def crew_appointments(election: Election) -> QuerySet[Appointment]:
    return Appointment.objects.filter(election=election, status=Status.ACTIVE, body__in=CREW_BODIES)


def trained_q(election: Election, among: Among = None) -> Q:
    """An appointment whose holder attended every required part of a session counting for their program."""
    if not apps.is_installed("bimtek.delivery"):
        return Q(pk__in=[])
    q = Q(pk__in=[])
    for body, kind in ((Body.KPPS, "kpps"), (Body.LINMAS, "linmas")):
        q |= Q(body=body, person_id__in=_attended_every_part(election, kind, among))
    return q


def _attended_every_part(election: Election, kind: str, among: Among) -> QuerySet:
    from bimtek.delivery.models import DEFAULT_PARTS, Attendance, CompletionRule
    from bimtek.planner.models import SessionStatus, tiers_counting_for

    rule = CompletionRule.objects.filter(program__election=election, program__kind=kind).first()
    parts = sorted(set(rule.parts if rule and rule.parts else DEFAULT_PARTS))
    rows = Attendance.objects.filter(
        session__plan__election=election, session__plan__tier__in=tiers_counting_for(kind), part__in=parts
    ).exclude(session__status=SessionStatus.CANCELLED)
    if among is not None:
        rows = rows.filter(person_id__in=among)
    return (
        rows.order_by()
        .values("person_id")
        .annotate(n=Count("part", distinct=True))
        .filter(n__gte=len(parts))
        .values("person_id")
    )


def _trained_among(election: Election, kind: str, ids: Sequence[int]) -> set[int]:
    """`_attended_every_part` for a short id list, in two index lookups: the people's check-ins, then
    which of those sessions count. Joining the sessions in SQL makes PostgreSQL hash every session of
    the election (225,000 for a Pemilu) for each call."""
    from bimtek.delivery.models import DEFAULT_PARTS, Attendance, CompletionRule
    from bimtek.planner.models import SessionStatus, TrainingSession, tiers_counting_for

    rule = CompletionRule.objects.filter(program__election=election, program__kind=kind).first()
    parts = set(rule.parts if rule and rule.parts else DEFAULT_PARTS)
    rows = list(
        Attendance.objects.filter(person_id__in=ids, part__in=parts).values_list(
            "person_id", "session_id", "part"
        )
    )
    counting = set(
        TrainingSession.objects.filter(
            pk__in={s for _, s, _ in rows}, plan__election=election, plan__tier__in=tiers_counting_for(kind)
        )
        .exclude(status=SessionStatus.CANCELLED)
        .values_list("pk", flat=True)
    )
    seen: dict[int, set[str]] = {}
    for person_id, session_id, part in rows:
        if session_id in counting:
            seen.setdefault(person_id, set()).add(part)
    return {p for p, got in seen.items() if got >= parts}


def trained_person_ids(election: Election, person_ids: Iterable[int]) -> set[int]:
    """Those of `person_ids` who count as trained for this election (see the module's seam note)."""
    ids = list(person_ids)
    rows = (
        crew_appointments(election)
        .filter(person_id__in=ids)
        .filter(trained_q(election, among=ids))
        .values_list("person_id")
    )
    return {pid for (pid,) in rows}


def post_test_bodies(election: Election) -> set[str]:
    """Bodies held to a post-test: those whose program in this election has a post-test form."""
    from bimtek.assessment.models import PROGRAM_BODIES, Program, ProgramKind

    kinds = Program.objects.filter(election=election, forms__stage="post").values_list("kind", flat=True)
    return {body for kind in kinds for body in PROGRAM_BODIES[ProgramKind(kind)]}


def post_test_passed_q(election: Election, among: Among = None) -> Q:
    """The holder passed a submitted post-test of this election (any attempt: a retake that passes counts)."""
    return Q(person_id__in=_post_test_passers(election, among))


def _post_test_passers(election: Election, among: Among) -> QuerySet:
    from bimtek.assessment.models import Attempt, AttemptStatus

    passed = Attempt.objects.filter(
        form__program__election=election, form__stage="post", status=AttemptStatus.SUBMITTED, passed=True
    )
    if among is not None:
        passed = passed.filter(person_id__in=among)
    return passed.order_by().values("person_id")


def drill_passed_q(election: Election, among: Among = None) -> Q:
    """The holder reached the drill's pass mark in this election: `drill.selectors.drill_passed`, in bulk."""
    return Q(person_id__in=_drill_passers(election, among))


def _drill_passers(election: Election, among: Among) -> QuerySet:
    from bimtek.drill.models import DrillAttempt

    passed = DrillAttempt.objects.filter(election=election, score__gte=DRILL_PASS_MARK)
    if among is not None:
        passed = passed.filter(person_id__in=among)
    return passed.order_by().values("person_id")


KETUA = Q(body=Body.KPPS, seat=1)
OPERATOR = Q(body=Body.KPPS, sirekap_operator=True)


def days_left(election: Election, today: dt.date) -> int:
    return (election.voting_day - today).days


@dataclass(frozen=True)
class RegionFacts:
    facts: list[TPSFacts]
    village_of: dict[int, str]  # TPS id -> desa code


def region_facts(
    *, election: Election, region_code: str, today: dt.date, tps_id: int | None = None
) -> RegionFacts:
    """The core's input for every TPS in a region (or the one TPS `tps_id` of it, for its page)."""
    tps = TPS.objects.filter(election=election)
    crew = crew_appointments(election)
    if region_code:
        tps = tps.filter(region_filter("village__code", region_code))
        crew = crew.filter(region_filter("region__code", region_code))
    if tps_id is not None:
        tps, crew = tps.filter(pk=tps_id), crew.filter(tps_id=tps_id)
    village_of = dict(tps.values_list("id", "village_id"))
    # A region's facts read only its own people's attendance, attempts and drills (a semi-join on their
    # person index), not the whole election's once per kabupaten.
    counts = (
        _crew_counts_of_region(election, crew) if region_code else _crew_counts(election, crew, among=None)
    )
    left = days_left(election, today)
    facts = []
    for tps_id in village_of:
        c = counts.get(tps_id)
        facts.append(
            TPSFacts(
                tps_id=tps_id,
                days_left=left,
                kpps_required=election.kpps_per_tps,
                linmas_required=election.linmas_per_tps,
                **(c or {}),
            )
        )
    return RegionFacts(facts=facts, village_of=village_of)


def _crew_counts_of_region(election: Election, crew: QuerySet[Appointment]) -> dict[int, dict[str, object]]:
    """The same counts as `_crew_counts` for a region (a kabupaten at most: bounded memory), each person
    fact read once. In one grouped query every FILTER repeats its subquery (trained twice, per body);
    here four small queries over the region's own people and a pass in Python do it in a fraction."""
    rows = list(crew.order_by().values_list("tps_id", "body", "seat", "person_id", "sirekap_operator"))
    trained: dict[str, set[int]] = {Body.KPPS: set(), Body.LINMAS: set()}
    passed: set[int] = set()
    drilled: set[int] = set()
    # The ids as literal chunks, not a subquery: PostgreSQL then probes the person indexes instead of
    # hashing a whole election's attendance (14 million rows) for one kabupaten's 26,000 people.
    ids = sorted({r[3] for r in rows})
    size = ID_CHUNK.get(connection.vendor, 400)  # SQLite: two session ids per person stay under 999
    for start in range(0, len(ids), size):
        chunk = ids[start : start + size]
        for body, kind in ((Body.KPPS, "kpps"), (Body.LINMAS, "linmas")):
            if len(ids) <= SMALL:  # a desa or kecamatan: two index lookups beat hashing the sessions
                trained[body] |= _trained_among(election, kind, chunk)
            else:
                trained[body].update(
                    _attended_every_part(election, kind, chunk).values_list("person_id", flat=True)
                )
        passed.update(_post_test_passers(election, chunk).values_list("person_id", flat=True))
        drilled.update(_drill_passers(election, chunk).values_list("person_id", flat=True))
    tested = post_test_bodies(election)
    out: dict[int, dict[str, object]] = {}
    for tps_id, body, seat, person_id, operator in rows:
        c = out.setdefault(tps_id, _empty_counts())
        is_trained = person_id in trained.get(body, ())
        c["kpps"] += body == Body.KPPS  # type: ignore[operator]
        c["linmas"] += body == Body.LINMAS  # type: ignore[operator]
        c["untrained"] += not is_trained  # type: ignore[operator]
        if body in tested:
            c["post_test_expected"] += 1  # type: ignore[operator]
            c["post_test_not_passed"] += person_id not in passed  # type: ignore[operator]
        if body == Body.KPPS and seat == 1:
            c["ketua"] = True
            c["ketua_drill_passed"] = c["ketua_drill_passed"] or person_id in drilled
        if body == Body.KPPS and operator:
            c["operator"] = True
            c["operator_trained"] = c["operator_trained"] or is_trained
    return out


def _empty_counts() -> dict[str, object]:
    return {
        "kpps": 0,
        "linmas": 0,
        "untrained": 0,
        "post_test_expected": 0,
        "post_test_not_passed": 0,
        "ketua": False,
        "ketua_drill_passed": False,
        "operator": False,
        "operator_trained": False,
    }


def _crew_counts(
    election: Election, crew: QuerySet[Appointment], among: Among
) -> dict[int, dict[str, object]]:
    trained = trained_q(election, among)
    passed = post_test_passed_q(election, among)
    tested = Q(body__in=sorted(post_test_bodies(election)))
    rows = (
        crew.order_by()
        .values("tps_id")
        .annotate(
            n_kpps=Count("id", filter=Q(body=Body.KPPS)),
            n_linmas=Count("id", filter=Q(body=Body.LINMAS)),
            n_untrained=Count("id", filter=~trained),
            n_expected=Count("id", filter=tested),
            n_not_passed=Count("id", filter=tested & ~passed),
            n_ketua=Count("id", filter=KETUA),
            n_ketua_drilled=Count("id", filter=KETUA & drill_passed_q(election, among)),
            n_operator=Count("id", filter=OPERATOR),
            n_operator_trained=Count("id", filter=OPERATOR & trained),
        )
        .values_list(
            "tps_id",
            "n_kpps",
            "n_linmas",
            "n_untrained",
            "n_expected",
            "n_not_passed",
            "n_ketua",
            "n_ketua_drilled",
            "n_operator",
            "n_operator_trained",
        )
    )
    out: dict[int, dict[str, object]] = {}
    for tps_id, kpps, linmas, untrained, expected, not_passed, ketua, drilled, operator, op_trained in rows:
        out[tps_id] = {
            "kpps": kpps,
            "linmas": linmas,
            "untrained": untrained,
            "post_test_expected": expected,
            "post_test_not_passed": not_passed,
            "ketua": ketua > 0,
            "ketua_drill_passed": drilled > 0,
            "operator": operator > 0,
            "operator_trained": op_trained > 0,
        }
    return out


def crew_with_checks(*, election: Election, tps: TPS) -> list[Appointment]:
    """The TPS's active crew, each with `trained`, `post_test_passed`, `drill_passed` (for the TPS page)."""
    crew = list(crew_appointments(election).filter(tps=tps).select_related("person").order_by("body", "seat"))
    ids = [a.person_id for a in crew]  # nine people: every lookup is bounded to them
    trained = {
        body: _trained_among(election, kind, ids)
        for body, kind in ((Body.KPPS, "kpps"), (Body.LINMAS, "linmas"))
    }
    passed = set(_post_test_passers(election, ids).values_list("person_id", flat=True))
    drilled = set(_drill_passers(election, ids).values_list("person_id", flat=True))
    for a in crew:
        a.trained = a.person_id in trained.get(a.body, set())  # type: ignore[attr-defined]
        a.post_test_passed = a.person_id in passed  # type: ignore[attr-defined]
        a.drill_passed = a.person_id in drilled  # type: ignore[attr-defined]
    return crew
