"""Reads of stored plans: who is in a session, the calendar of a plan, sessions per venue.

Sessions are visible to a user when the venue is in their region or when one of their region's groups trains
there (a PPS sees its desa's crews at the kecamatan hall); participants are always read through the
appointments' own scope.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import BigIntegerField, F, Q, QuerySet, Value
from django.utils.translation import gettext

from bimtek.accounts.scoping import region_filter
from bimtek.assessment.models import Module
from bimtek.assessment.selectors import modules_of, program_minutes_of
from bimtek.lib import clock
from bimtek.lib.lookups import keys_in
from bimtek.planner.calendar import group_labels
from bimtek.planner.extensions import completed_bimtek
from bimtek.planner.models import (
    GroupBody,
    Reply,
    SessionGroup,
    SessionReply,
    SessionStatus,
    Tier,
    TrainingPlan,
    TrainingSession,
    not_over_by,
    tiers_counting_for,
)
from bimtek.workforce.models import Appointment, Body
from bimtek.workforce.selectors import active_in, active_of_person, active_of_person_ids

MAKEUP_BODIES = (Body.KPPS, Body.LINMAS)  # the bimtek's people; a make-up session stands in for their bimtek


# A desa's seats without a TPS (its PPS) before its TPS crews, on every database (NULL sorts first on SQLite
# and last on PostgreSQL unless told).
NO_TPS_FIRST = F("tps__number").asc(nulls_first=True)


def session_participants(session: TrainingSession) -> QuerySet[Appointment]:
    """The active appointments behind a session's groups (a PAW replacement takes the seat's place)."""
    crew_bodies = [Body.KPPS, Body.LINMAS] if session.plan.include_linmas else [Body.KPPS]
    match = Q()
    for group in session.groups.all():
        if group.appointment_id is not None:
            match |= Q(pk=group.appointment_id)
        elif group.tps_id is not None:
            match |= Q(tps_id=group.tps_id, body__in=crew_bodies)
        elif group.body == GroupBody.DESA:
            match |= Q(region_id=group.region_code, body__in=crew_bodies, tps__isnull=False)
        else:
            match |= Q(body=group.body, region_id=group.region_code, tps__isnull=True)
    seats = active_in(session.plan.election_id)
    if not match:
        return seats.none()
    return (
        seats.filter(match)
        .select_related("person", "tps", "region")
        .order_by("region_id", NO_TPS_FIRST, "body", "seat")
    )


def untrained_replacements(
    election: Any, region_code: str, today: dt.date | None = None, *, seating_plan: int | None = None
) -> list[Appointment]:
    """Active KPPS/Linmas appointments in a region that need a make-up session (sesi susulan): those who
    replaced someone (PAW), said they cannot come to their session (`SessionReply`), or missed it (their
    crew's session was held without them, and none is planned ahead), and have not completed their bimtek, as
    the app that records attendance says (`extensions.completed_bimtek`; delivery's completion rule).
    Someone already seated in a make-up session planned ahead waits for it, so is not listed, unless that
    session is `seating_plan`'s own: the plan being solved again seats its people again.

    Two queries whatever the region's size: the appointments, then their attendance rows.
    """
    rows = list(
        _makeup_candidates(election, region_code, today, seating_plan)
        .select_related("person", "tps", "region")
        .order_by("region_id", NO_TPS_FIRST, "body", "seat")
    )
    done = completed_bimtek(election, rows)
    return [a for a in rows if a.pk not in done]


def untrained_replacement_counts(
    election: Any, region_code: str, *, tps_id: int, today: dt.date | None = None
) -> tuple[int, int]:
    """How many of `untrained_replacements(election, region_code)` there are, and how many serve at this TPS:
    what a TPS page says of its kecamatan, without building the kecamatan's list (the same two queries, on
    the four columns the rule reads)."""
    rows = list(
        _makeup_candidates(election, region_code, today).only("pk", "person_id", "body", "tps_id").order_by()
    )
    done = completed_bimtek(election, rows)
    left = [a for a in rows if a.pk not in done]
    return len(left), sum(1 for a in left if a.tps_id == tps_id)


def _makeup_candidates(
    election: Any, region_code: str, today: dt.date | None, seating_plan: int | None = None
) -> QuerySet[Appointment]:
    today = today or clock.today()
    declined = SessionReply.objects.filter(reply=Reply.CANNOT, session__plan__election=election).values(
        "person"
    )
    crews = (
        SessionGroup.objects.filter(
            tps__isnull=False,
            session__plan__election=election,
            session__plan__tier__in=tiers_counting_for(Body.KPPS),
        )
        .exclude(session__status=SessionStatus.CANCELLED)
        .filter(region_filter("region_code", region_code))
    )
    # Missed: the crew's session was held (its attendance is the record) and no later one is planned for it.
    missed = Q(tps__in=crews.filter(session__status=SessionStatus.HELD).values("tps")) & ~Q(
        tps__in=crews.filter(not_over_by(today, "session__"), session__status=SessionStatus.PLANNED).values(
            "tps"
        )
    )
    # Seated one by one in a make-up session planned ahead (a person's own group, not a crew's).
    seated = SessionGroup.objects.filter(
        not_over_by(today, "session__"),
        appointment__isnull=False,
        session__plan__election=election,
        session__status=SessionStatus.PLANNED,
    )
    if seating_plan is not None:
        seated = seated.exclude(plan_id=seating_plan)
    return (
        active_in(election, region_code, MAKEUP_BODIES)
        .filter(Q(replaces__isnull=False) | Q(person__in=declined) | missed)
        .exclude(pk__in=seated.values("appointment_id"))
    )


# The program a tier's sessions teach: a make-up session stands in for the bimtek; a pendalaman is short.
TIER_PROGRAM = {Tier.TOT: "tot", Tier.BIMTEK: "kpps", Tier.SUSULAN: "kpps"}


def program_minutes(election_id: int, tier: str) -> int | None:
    """Minutes of the program a plan of `tier` teaches (the sum of its modules); None without modules."""
    kind = TIER_PROGRAM.get(Tier(tier))
    if kind is None:
        return None
    return program_minutes_of(election_id, kind)


def session_modules(session: TrainingSession) -> QuerySet[Module]:
    """The modules of the program this session teaches (the ToT's, or the KPPS bimtek's for the other tiers)."""
    kind = "tot" if session.plan.tier == Tier.TOT else "kpps"
    return modules_of(session.plan.election_id, kind)


def held_session_ids(election: Any, tiers: Iterable[str]) -> QuerySet[TrainingSession]:
    """pk of the election's not cancelled sessions of these tiers: a subquery for the check-ins that count."""
    return (
        TrainingSession.objects.filter(plan__election=election, plan__tier__in=list(tiers))
        .exclude(status=SessionStatus.CANCELLED)
        .order_by()
        .values("pk")
    )


def sessions_visible(user: Any, plan: TrainingPlan) -> QuerySet[TrainingSession]:
    """A plan's sessions the user sees (`TrainingSession.objects.seen_by`)."""
    return (
        TrainingSession.objects.filter(plan=plan)
        .seen_by(user)
        .select_related("venue", "venue__region")
        .prefetch_related("groups", "facilitators__person")
        .order_by("date", "slot", "venue__region_id", "venue__name")
    )


def sessions_visible_in_election(user: Any, election: Any) -> QuerySet[TrainingSession]:
    """`sessions_visible` over every plan of an election the user sees (the API's session list)."""
    plans = TrainingPlan.objects.visible_to(user).filter(election=election)
    return (
        TrainingSession.objects.filter(plan__in=plans)
        .seen_by(user)
        .select_related("plan", "venue", "venue__region")
        .prefetch_related("groups", "facilitators__person")
        .order_by("date", "slot", "venue__region_id", "venue__name", "pk")
    )


@dataclass
class EditChoices:
    """What a session's edit forms offer: sessions to move into, people to add as facilitators."""

    targets: list[TrainingSession]
    facilitators: list[Appointment]


def edit_choices(session: TrainingSession) -> EditChoices:
    """Planned sessions of the same plan in the venue's kecamatan, and that kecamatan's active PPK/PPS.

    Bounded by the kecamatan so a kabupaten plan does not put thousands of options on one page.
    """
    kecamatan = ".".join(session.region_code.split(".")[:3])
    targets = (
        TrainingSession.objects.filter(region_filter("region_code", kecamatan), plan_id=session.plan_id)
        .filter(status=SessionStatus.PLANNED)
        .exclude(pk=session.pk)
        .select_related("venue")
        .order_by("date", "slot", "venue__name")[:300]
    )
    current = session.facilitators.values("person_id")
    people = (
        active_in(session.plan.election_id, kecamatan, [Body.PPK, Body.PPS])
        .exclude(person_id__in=current)
        .select_related("person", "region")
        .order_by("region_id", "body", "seat")[:300]
    )
    return EditChoices(list(targets), list(people))


def plan_group_choices(plan: TrainingPlan) -> list[tuple[str, str]]:
    """(key, label) of the groups a hand-made session may take: the unplanned ones first, then the planned."""
    unplanned = [
        (u["group"], f"{u['label']} · {gettext('belum terjadwal')}")
        for u in (plan.summary or {}).get("unplanned", [])
    ]
    planned = list(
        SessionGroup.objects.filter(plan=plan, session__status=SessionStatus.PLANNED)
        .select_related("session", "session__venue")
        .order_by("region_code", "key")[:500]
    )
    labels = group_labels(planned)
    return unplanned + [
        (
            g.key,
            f"{labels[g.key]} · {g.session.venue.name} {g.session.date:%d/%m} {gettext('sesi')} {g.session.slot}",
        )
        for g in planned
    ]


def sessions_of_person(person_id: int) -> QuerySet[TrainingSession]:
    """The sessions a person is a participant of: the inverse of `session_participants`, for their own page.

    One query: the person's active appointments decide which groups are theirs (their TPS crew, their desa's
    crews in a pendalaman, their PPK/PPS body in their unit, or themselves as a PAW replacement).
    """
    match = _groups_of(active_of_person(person_id))
    if not match:
        return TrainingSession.objects.none()
    groups = SessionGroup.objects.filter(match).values("session")
    return (
        TrainingSession.objects.filter(pk__in=groups)
        .select_related("plan", "plan__election", "venue", "venue__region")
        .prefetch_related("facilitators__person")
        .order_by("date", "slot", "pk")
    )


def _groups_of(appointments: Iterable[Appointment]) -> Q:
    """The session groups these active appointments train in (an empty Q: none)."""
    match = Q()
    for a in appointments:
        mine = Q(plan__election_id=a.election_id)
        if a.tps_id is not None:
            crew = Q(tps_id=a.tps_id) | Q(body=GroupBody.DESA, region_code=a.region_id)
            if a.body == Body.LINMAS:
                crew &= Q(plan__include_linmas=True)
            match |= mine & (crew | Q(appointment_id=a.pk))
        else:
            match |= mine & (
                Q(body=a.body, region_code=a.region_id, tps__isnull=True) | Q(appointment_id=a.pk)
            )
    return match


UNION_TERMS = 100  # people per UNION query of `next_sessions`


def next_sessions(election: Any, person_ids: Iterable[int], today: dt.date) -> dict[int, TrainingSession]:
    """Each person's next planned session that trains a KPPS or Linmas (bimtek or make-up), today or later.

    Three queries for a TPS's crew who are not trained yet (not two a person): their appointments in the
    election, their groups (one UNION ALL of each person's groups as `sessions_of_person` finds them, per 100
    people), then those groups' upcoming sessions in date order.
    """
    held: dict[int, list[Appointment]] = defaultdict(list)
    for a in active_of_person_ids(election, sorted(set(person_ids))):
        held[a.person_id].append(a)
    if not held:
        return {}
    parts = [
        SessionGroup.objects.filter(_groups_of(appointments))
        .order_by()
        .annotate(person=Value(person_id, output_field=BigIntegerField()))
        .values_list("person", "session_id")
        for person_id, appointments in held.items()
    ]
    theirs: dict[int, set[int]] = defaultdict(set)
    for start in range(0, len(parts), UNION_TERMS):  # SQLite takes at most 500 terms in one compound SELECT
        first, *rest = parts[start : start + UNION_TERMS]
        for person_id, session_id in first.union(*rest, all=True):
            theirs[session_id].add(person_id)
    upcoming = (
        TrainingSession.objects.filter(
            keys_in("pk", sorted(theirs)),
            plan__election=election,
            plan__tier__in=(Tier.BIMTEK, Tier.SUSULAN),
            status=SessionStatus.PLANNED,
        )
        .filter(not_over_by(today))
        .select_related("plan", "plan__election", "venue", "venue__region")
        .prefetch_related("facilitators__person")
        .order_by("date", "slot", "pk")
    )
    out: dict[int, TrainingSession] = {}
    for session in upcoming:
        for person_id in sorted(theirs[session.pk]):
            out.setdefault(person_id, session)
    return out
