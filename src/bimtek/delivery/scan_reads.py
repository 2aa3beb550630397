"""The phone's hot reads: what the scan and sync endpoints ask on every request, each compiled once per shape.

A scan is one request per participant, a million over a morning, so these two reads skip the ORM's
per-call work (building the queryset, compiling it, making model instances of every joined table): their
SQL is kept per shape by `lib.prepared` and bound to each call's values. Each keeps the rule it stands for
in one place and a test keeps the two in step: `checkin_session` is `selectors.session_visible` (the rule of
`TrainingSession.objects.seen_by`), `participants_among` the planner's `session_participants`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import router
from django.db.models import Exists, OuterRef, Q, QuerySet

from bimtek.accounts.scoping import Scope, scope_of
from bimtek.delivery.selectors import with_completion_parts
from bimtek.lib.prepared import Prepared
from bimtek.planner.models import TrainingPlan, TrainingSession
from bimtek.planner.sessions import groups_of_session, sessions_seen_in
from bimtek.workforce.models import Body
from bimtek.workforce.selectors import active_in

# The session's own columns and those of its plan that a check-in reads (`Roster`, `_record`, the answers).
SESSION_COLUMNS = ("id", "plan_id", "venue_id", "date", "slot", "slots", "days", "status", "region_code")
PLAN_COLUMNS = ("election_id", "tier", "include_linmas")


def _session_query(scope: Scope, *, pk: int) -> QuerySet[Any]:
    return with_completion_parts(sessions_seen_in(scope).filter(pk=pk)).values_list(
        *SESSION_COLUMNS, *(f"plan__{c}" for c in PLAN_COLUMNS), "completion_parts"
    )


_SESSION = Prepared(_session_query)


def checkin_session(user: Any, pk: int) -> TrainingSession | None:
    """The session if the user may see it, as `selectors.session_visible` reads it, with its plan's election,
    tier and Linmas flag and the completion rule's parts; the plan's other fields, the venue and the election
    load on access. One prepared query."""
    rows = _SESSION.rows(scope_of(user), pk=pk)
    if not rows:
        return None
    row = rows[0]
    db = router.db_for_read(TrainingSession)
    n = len(SESSION_COLUMNS)
    session = TrainingSession.from_db(db, list(SESSION_COLUMNS), list(row[:n]))
    plan_values = [session.plan_id, *row[n : n + len(PLAN_COLUMNS)]]
    session.plan = TrainingPlan.from_db(db, ["id", *PLAN_COLUMNS], plan_values)
    session.__dict__["completion_parts"] = row[-1]  # what `selectors.session_parts` reads
    return session


def participants_among(
    user: Any, session: TrainingSession, person_ids: Iterable[int]
) -> dict[int, tuple[str, str]]:
    """person id -> (unit code, name) for those of `person_ids` who are participants the user may check in.

    The rule of `planner.selectors.session_participants` (a TPS group brings its crew, a PPK/PPS group its
    body in its unit; active appointments of the plan's election), written as one query that starts from the
    people of a batch (the person index) and joins the session's groups, instead of one OR clause per group
    over the whole election. `test_participants_among` keeps the two in step. Every scan asks it, so its SQL
    is compiled once per shape (the user's scope, whether Linmas come, the batch's size: `lib.prepared`).
    """
    ids = sorted(set(person_ids))
    if not ids:
        return {}
    rows = _PARTICIPANTS.rows(
        (scope_of(user), session.plan.include_linmas),
        session_id=session.pk,
        election_id=session.plan.election_id,
        ids=ids,
    )
    return {pid: (region, name) for pid, region, name in rows}


def _participants_query(
    key: tuple[Scope, bool], *, session_id: int, election_id: int, ids: list[int]
) -> QuerySet[Any]:
    scope, include_linmas = key
    crew_bodies = [Body.KPPS, Body.LINMAS] if include_linmas else [Body.KPPS]
    groups = groups_of_session(session_id)
    crew = Q(tps_id__in=groups.filter(tps__isnull=False).values("tps_id"), body__in=crew_bodies)
    unit = Q(tps__isnull=True) & Exists(
        groups.filter(tps__isnull=True, body=OuterRef("body"), region_code=OuterRef("region_id"))
    )
    desa = Q(tps__isnull=False, body__in=crew_bodies) & Q(  # pendalaman: a desa's crews together
        region_id__in=groups.filter(body="desa").values("region_code")
    )
    person = Q(pk__in=groups.filter(appointment__isnull=False).values("appointment_id"))  # sesi susulan
    return (
        active_in(election_id)
        .in_scope(scope)
        # One parameter per person, not an array: with the count known PostgreSQL sees that the one plan it
        # keeps is as good as one for the values, and stops planning the read on every scan (`lib.prepared`).
        .filter(crew | unit | desa | person, person_id__in=ids)
        .order_by()
        .values_list("person_id", "region_id", "person__name")
    )


_PARTICIPANTS = Prepared(_participants_query)
