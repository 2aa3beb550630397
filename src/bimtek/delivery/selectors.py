"""Reads for delivery: the session a user may check in at, its participants, who has checked in."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import Case, Count, JSONField, OuterRef, Q, QuerySet, Subquery, Value, When

from bimtek.accounts.access import Ability, may
from bimtek.accounts.scoping import Scope, region_filter
from bimtek.delivery.models import DEFAULT_PARTS, Attendance, Certificate, CompletionRule
from bimtek.lib.lookups import keys_in
from bimtek.planner.models import (
    MAX_SESSION_DAYS,
    Reply,
    SessionStatus,
    Tier,
    TrainingSession,
    tiers_counting_for,
)
from bimtek.planner.selectors import held_session_ids, session_participants, sessions_visible_in_election
from bimtek.planner.sessions import (
    live_sessions,
    replies_seen_by,
    sessions_seen_by,
    sessions_training_region,
)
from bimtek.workforce.models import Appointment, Body
from bimtek.workforce.selectors import appointments_visible_to

MAX_KEPT = 30  # sessions a phone keeps offline at most: a PPS facilitates a handful in a week
UPCOMING_DAYS = 7  # the coming week: the sessions a facilitator's list shows and the phone keeps


def can_check_in(user: Any) -> bool:
    """KPU staff and the PPK/PPS who facilitate record attendance; a KPPS member checks nobody in."""
    return may(user, Ability.FACILITATE)


def session_visible(user: Any, pk: int) -> TrainingSession | None:
    """The session if the user may see it (its venue in their region, or one of their groups trains there).

    One query, because the phone's scan and sync endpoints ask it on every request: the rule of
    `TrainingSession.objects.seen_by` (two EXISTS on the session's own row and its groups), and the
    completion rule's parts as an annotation that `session_parts` reads instead of querying again.
    """
    rows = with_completion_parts(
        sessions_seen_by(user).select_related("plan", "plan__election", "plan__region", "venue").filter(pk=pk)
    )
    return next(iter(rows), None)


def with_completion_parts(sessions: QuerySet[TrainingSession]) -> QuerySet[TrainingSession]:
    """The sessions, unordered, annotated with their program's completion rule parts (`completion_parts`,
    None when the program has no rule), which `session_parts` reads instead of querying again."""
    rule = CompletionRule.objects.filter(
        program__election_id=OuterRef("plan__election_id"), program__kind=OuterRef("program_kind")
    ).order_by("pk")
    return (
        sessions.order_by()
        .annotate(program_kind=Case(When(plan__tier=Tier.TOT, then=Value("tot")), default=Value("kpps")))
        .annotate(completion_parts=Subquery(rule.values("parts")[:1], output_field=JSONField()))
    )


def participants_in_scope(user: Any, session: TrainingSession) -> QuerySet[Appointment]:
    """The session's participants that this user may see (and so check in)."""
    return session_participants(session) & appointments_visible_to(user)


def program_kind_of(session: TrainingSession, body: str) -> str:
    if session.plan.tier == Tier.TOT:
        return "tot"
    return "linmas" if body == "linmas" else "kpps"


def session_parts(session: TrainingSession) -> tuple[str, ...]:
    """The parts of the day a session is attended in: the completion rule's parts for its program, or the default."""
    if "completion_parts" in session.__dict__:  # read with the session by `session_visible`
        parts = session.__dict__["completion_parts"]
        return tuple(parts) if parts else DEFAULT_PARTS
    kind = "tot" if session.plan.tier == Tier.TOT else "kpps"
    rule = CompletionRule.objects.filter(
        program__election_id=session.plan.election_id, program__kind=kind
    ).first()
    return tuple(rule.parts) if rule and rule.parts else DEFAULT_PARTS


def checked_in(session: TrainingSession, user: Any) -> dict[int, set[str]]:
    """person id -> the parts already recorded, for what this user may see."""
    rows = Attendance.objects.visible_to(user).filter(session=session).values_list("person_id", "part")
    out: dict[int, set[str]] = {}
    for person_id, part in rows:
        out.setdefault(person_id, set()).add(part)
    return out


def sessions_to_keep(user: Any, today: dt.date, days: int) -> list[TrainingSession]:
    """The not cancelled sessions a facilitator may check in at from `today` for `days` days: what the phone
    keeps for offline use. Only sessions with a venue or a group in their region, as `session_visible`."""
    if not can_check_in(user):
        return []
    rows = (
        sessions_seen_by(user)
        .filter(
            date__gte=today - dt.timedelta(days=MAX_SESSION_DAYS - 1),
            date__lt=today + dt.timedelta(days=days),
        )
        .exclude(status=SessionStatus.CANCELLED)
        .select_related("venue", "plan")
        .order_by("date", "slot", "pk")
    )
    # A session that began earlier but runs today (its second day) is still kept.
    return [s for s in rows[: MAX_KEPT + 50] if s.last_date >= today][:MAX_KEPT]


def late_entries(session: TrainingSession, user: Any) -> set[tuple[int, str]]:
    """(person id, part) recorded as late entries after the session's day, for what this user may see."""
    rows = (
        Attendance.objects.visible_to(user)
        .filter(session=session, late=True)
        .values_list("person_id", "part")
    )
    return set(rows)


def sessions_in_region(
    user: Any, election_id: int, code: str, day: dt.date | None = None
) -> list[TrainingSession]:
    """The sessions the user may see (`planner.selectors.sessions_visible`), not cancelled, held in a region or
    training its people (a group of the region), optionally on one day."""
    return list(batch_sessions(user, election_id, region_code=code, day=day))


def batch_sessions(
    user: Any,
    election_id: int,
    *,
    region_code: str = "",
    day: dt.date | None = None,
    plan_id: int | None = None,
) -> QuerySet[TrainingSession]:
    qs = sessions_visible_in_election(user, election_id).exclude(status=SessionStatus.CANCELLED)
    if plan_id is not None:
        qs = qs.filter(plan_id=plan_id)
    if region_code:
        groups = sessions_training_region(region_code)
        qs = qs.filter(region_filter("region_code", region_code) | Q(pk__in=groups))
    if day:
        qs = qs.filter(date=day)
    return qs.select_related("plan", "plan__election", "plan__region", "venue").order_by(
        "date", "slot", "venue__name", "pk"
    )


def replies_to(session: TrainingSession, user: Any) -> dict[str, Any]:
    """The participants' answers to the session's invitation that this user may see: counts, and who cannot
    come with their reason (to plan a make-up session for them)."""
    rows = replies_seen_by(user, session)
    coming = sum(1 for r in rows if r.reply == Reply.COMING)
    cannot = [r for r in rows if r.reply == Reply.CANNOT]
    return {"coming": coming, "cannot": sorted(cannot, key=lambda r: r.person.name)}


COMPLETION_BODIES = (Body.KPPS, Body.LINMAS)


# Up to this many people (a TPS, a kecamatan's make-up list) their check-ins are read first and the sessions
# checked after, by id: two index lookups. For more, one join: PostgreSQL hashes the election's sessions once.
FEW_PEOPLE = 2_000


def bimtek_completed(election: Any, appointments: list[Appointment]) -> set[int]:
    """The appointments (KPPS, Linmas) whose holder attended every part of their program's completion rule in
    sessions that count for their body (bimtek or make-up, not cancelled). One or two queries for their
    attendance, whatever their number.

    Registered as the planner's completion hook (`planner.extensions.register_completion`), so a make-up plan
    reads this rule without the planner importing delivery."""
    tiers = {t for kind in ("kpps", "linmas") for t in tiers_counting_for(kind)}
    people = sorted({a.person_id for a in appointments})
    attended: dict[tuple[int, str], set[str]] = defaultdict(set)
    for person_id, tier, part in attended_in_tiers(election, people, tiers):
        attended[(person_id, tier)].add(part)
    required = crew_required_parts(election)
    return {a.pk for a in appointments if a.body in required and required[a.body] <= _parts_of(attended, a)}


def attended_in_tiers(election: Any, people: list[int], tiers: set[str]) -> list[tuple[int, str, str]]:
    """(person, tier, part) of these people's check-ins at the election's live sessions of these tiers."""
    if not people:
        return []
    if len(people) > FEW_PEOPLE:
        rows = Attendance.objects.filter(
            keys_in("person_id", people), session__plan__election=election, session__plan__tier__in=tiers
        ).exclude(session__status=SessionStatus.CANCELLED)
        return list(rows.order_by().values_list("person_id", "session__plan__tier", "part"))
    # Few people: joining the sessions would make PostgreSQL hash all of them (100 ms for a Pemilu's 135,000,
    # on a TPS page); their own check-ins and then those few sessions by id take a millisecond.
    checkins = list(
        Attendance.objects.filter(keys_in("person_id", people))
        .order_by()
        .values_list("person_id", "session_id", "part")
    )
    sessions = sorted({s for _, s, _ in checkins})
    tier_of = dict(
        live_sessions(election, tiers)
        .filter(keys_in("pk", sessions))
        .order_by()
        .values_list("pk", "plan__tier")
    )
    return [(p, tier_of[s], part) for p, s, part in checkins if s in tier_of]


def _parts_of(attended: dict[tuple[int, str], set[str]], appointment: Appointment) -> set[str]:
    tiers = tiers_counting_for(appointment.body)
    return set().union(*(attended[(appointment.person_id, t)] for t in tiers))


def crew_required_parts(election: Any) -> dict[str, set[str]]:
    """KPPS and Linmas -> the parts its program's completion rule asks for (the program kind is named after the body)."""
    rules = dict(
        CompletionRule.objects.filter(
            program__election=election, program__kind__in=COMPLETION_BODIES
        ).values_list("program__kind", "parts")
    )
    return {body: set(rules.get(body) or DEFAULT_PARTS) for body in COMPLETION_BODIES}


# What the apps above read of attendance, completion rules and certificates (issue 14).


def required_parts(election: Any, kind: str) -> set[str]:
    """The parts (pagi, siang, ...) a program of the election requires to count as trained."""
    rule = CompletionRule.objects.filter(program__election=election, program__kind=kind).first()
    return set(rule.parts if rule and rule.parts else DEFAULT_PARTS)


def completion_parts(election_ids: Iterable[int]) -> dict[tuple[int, str], tuple[str, ...]]:
    """(election id, program kind) -> its required parts (the default parts where the rule names none)."""
    rows = CompletionRule.objects.filter(program__election_id__in=list(election_ids)).values_list(
        "program__election_id", "program__kind", "parts"
    )
    return {(eid, kind): tuple(parts) or DEFAULT_PARTS for eid, kind, parts in rows}


def attendance_in_scope(scope: Scope) -> QuerySet[Attendance]:
    return Attendance.objects.in_scope(scope)


def attended_every_part(
    election: Any, ids: Sequence[int] | QuerySet[Any, Any] | None, parts: set[str], tiers: Iterable[str]
) -> QuerySet[Attendance]:
    """person_id of those of `ids` (a list, a subquery, or None: everyone) checked in at every one of
    `parts` in the election's not cancelled sessions of these tiers: one grouped join."""
    rows = Attendance.objects.all() if ids is None else Attendance.objects.filter(keys_in("person_id", ids))
    # The sessions as a subquery of their own, not joined: joined, PostgreSQL could cross the people with
    # the election's plans before it looked up a check-in (readiness.bulk_facts).
    return (
        rows.filter(part__in=parts, session__in=held_session_ids(election, tiers))
        .order_by()
        .values("person_id")
        .annotate(n=Count("part", distinct=True))
        .filter(n__gte=len(parts))
        .values_list("person_id", flat=True)
    )


def parts_attended(person: Any, sessions: Iterable[Any]) -> QuerySet[Attendance]:
    """(session_id, part) of the person's check-ins at these sessions, by part."""
    return (
        Attendance.objects.filter(person=person, session__in=list(sessions))
        .order_by("part")
        .values_list("session_id", "part")
    )


def parts_attended_for(person: Any, election_id: int, tiers: Iterable[str]) -> set[str]:
    """The parts the person checked in at in the election's not cancelled sessions of these tiers."""
    return set(
        Attendance.objects.filter(
            person=person, session__plan__election_id=election_id, session__plan__tier__in=list(tiers)
        )
        .exclude(session__status=SessionStatus.CANCELLED)
        .values_list("part", flat=True)
    )


def latest_attended_session(election: Any, tier: str, scope: Scope) -> dict[int, int]:
    """person -> the latest not cancelled session of the tier they checked in at, within the scope."""
    rows = (
        Attendance.objects.in_scope(scope)
        .filter(session__plan__election=election, session__plan__tier=tier)
        .exclude(session__status=SessionStatus.CANCELLED)
        .order_by("session__date", "session_id")
        .values_list("person_id", "session_id")
    )
    return dict(rows)  # later sessions overwrite earlier ones


def certificate_of(program: Any, person: Any) -> Certificate | None:
    return Certificate.objects.filter(program=program, person=person).first()
