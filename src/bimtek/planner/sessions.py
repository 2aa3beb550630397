"""What the apps above read of plans, sessions, their groups, facilitators and replies, and the one write they make
(a participant's reply to an invitation). Issue 14: through these, not through the planner's model managers.
The planner's own pages read through `selectors.py`.

Every visibility rule stays on the models' querysets (`TrainingSession.objects.seen_by`, `in_scope`), so a page,
the phone and the API that start here see what they saw before.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from bimtek.accounts.scoping import Scope, region_filter
from bimtek.planner.models import (
    SessionFacilitator,
    SessionGroup,
    SessionReply,
    SessionStatus,
    TrainingPlan,
    TrainingPlanQuerySet,
    TrainingSession,
    TrainingSessionQuerySet,
)

# --- sessions


def sessions_seen_by(user: Any) -> TrainingSessionQuerySet:
    """Every session the user may see: its venue in their region, or one of its groups theirs."""
    return TrainingSession.objects.seen_by(user)


def sessions_seen_in(scope: Scope) -> TrainingSessionQuerySet:
    """`sessions_seen_by` for a scope (the phone's prepared read, kept per scope)."""
    return TrainingSession.objects.seen_in(scope)


def sessions_in_scope(scope: Scope) -> TrainingSessionQuerySet:
    return TrainingSession.objects.in_scope(scope)  # type: ignore[return-value]  # ScopedQuerySet keeps its subclass at run time


def live_sessions(election: Any, tiers: Iterable[str] | None = None) -> TrainingSessionQuerySet:
    """The election's sessions that are not cancelled, of some tiers (all if None)."""
    qs = TrainingSession.objects.filter(plan__election=election).exclude(status=SessionStatus.CANCELLED)
    if tiers is not None:
        qs = qs.filter(plan__tier__in=list(tiers))
    return qs


def sessions_among(ids: Any) -> TrainingSessionQuerySet:
    """The sessions with these ids (a list or a subquery), any election, any status."""
    return TrainingSession.objects.filter(pk__in=ids)


def session_with_plan(pk: Any) -> TrainingSession | None:
    """One session with its plan, election and venue (for a command or a public form); None if there is none."""
    return TrainingSession.objects.select_related("plan", "plan__election", "venue").filter(pk=pk).first()


def session_lock(session: TrainingSession) -> None:
    """Inside a transaction: hold the session's row until it ends, so two senders of one session take turns."""
    TrainingSession.objects.select_for_update().filter(pk=session.pk).first()


def has_session(election: Any, pk: int, scope: Scope | None = None) -> bool:
    """Whether the session exists in the election (and, with a scope, is within it)."""
    qs = TrainingSession.objects.in_scope(scope) if scope is not None else TrainingSession.objects.all()
    return qs.filter(plan__election=election, pk=pk).exists()


def sessions_on(scope: Scope, region_code: str, day: Any) -> TrainingSessionQuerySet:
    """A region's not cancelled sessions on a day, held at a venue in the region or training one of its groups,
    as the scope sees them (`seen_in`), with plan, election and venue."""
    return (
        TrainingSession.objects.filter(date=day, plan__election__isnull=False)
        .exclude(status=SessionStatus.CANCELLED)
        .filter(region_filter("region_code", region_code) | Q(pk__in=sessions_training_region(region_code)))
        .seen_in(scope)
        .select_related("plan", "plan__election", "venue")
        .order_by("date", "slot", "pk")
    )


def sessions_training_region(region_code: str) -> QuerySet[SessionGroup]:
    """`session` of every group of the region (a crew, a desa's PPS, a kecamatan's PPK), as a subquery."""
    return SessionGroup.objects.filter(region_filter("region_code", region_code)).values("session")


# --- plans


def plans_visible_to(user: Any) -> TrainingPlanQuerySet:
    return TrainingPlan.objects.visible_to(user)  # type: ignore[return-value]  # ScopedQuerySet keeps its subclass at run time


def plans_in_scope(scope: Scope) -> TrainingPlanQuerySet:
    return TrainingPlan.objects.in_scope(scope)


def has_plan(election: Any, pk: int, scope: Scope | None = None) -> bool:
    """Whether the plan exists in the election (and, with a scope, is one the scope sees)."""
    qs = TrainingPlan.objects.in_scope(scope) if scope is not None else TrainingPlan.objects.all()
    return qs.filter(election=election, pk=pk).exists()


def plan_tier(pk: Any) -> str:
    """The plan's tier ('' when there is no such plan)."""
    return TrainingPlan.objects.filter(pk=pk).values_list("tier", flat=True).first() or ""


# --- groups


def groups_of_session(session_id: Any) -> QuerySet[SessionGroup]:
    return SessionGroup.objects.filter(session_id=session_id)


def live_groups(election: Any, tier: str, *, crews_only: bool = False) -> QuerySet[SessionGroup]:
    """The groups of the election's not cancelled sessions of a tier (only TPS crews with `crews_only`)."""
    qs = SessionGroup.objects.filter(session__plan__election=election, session__plan__tier=tier).exclude(
        session__status=SessionStatus.CANCELLED
    )
    return qs.filter(tps__isnull=False) if crews_only else qs


def participants_per_session(session_ids: Any) -> dict[int, int]:
    """session id -> the participants its groups bring (the planner's count)."""
    return dict(
        SessionGroup.objects.filter(session_id__in=session_ids)
        .values("session_id")
        .annotate(n=Sum("participants"))
        .values_list("session_id", "n")
    )


# --- facilitators


def facilitators_of(session: Any) -> QuerySet[SessionFacilitator]:
    """The session's facilitators by name."""
    return SessionFacilitator.objects.filter(session=session).order_by("person__name")


def facilitator_pairs(session_ids: Iterable[int]) -> QuerySet[SessionFacilitator]:
    """(session id, person id) of the facilitators of these sessions."""
    return SessionFacilitator.objects.filter(session_id__in=sorted(session_ids)).values_list(
        "session_id", "person_id"
    )


def facilitators_per_session(session_ids: Any) -> dict[int, int]:
    """session id -> how many facilitators it has."""
    return dict(
        SessionFacilitator.objects.filter(session_id__in=session_ids)
        .values("session_id")
        .annotate(n=Count("pk"))
        .values_list("session_id", "n")
    )


# --- replies to the invitation


def replies_seen_by(user: Any, session: TrainingSession) -> QuerySet[SessionReply]:
    """The participants' answers to a session's invitation that the user may see, with the person."""
    return SessionReply.objects.visible_to(user).filter(session=session).select_related("person")


def replies_of_person(person: Any) -> QuerySet[SessionReply]:
    return SessionReply.objects.filter(person=person)


def reply_store(*, session: TrainingSession, person: Any, reply: str, reason: str, unit: str) -> SessionReply:
    """Write (or overwrite) the person's answer to the session's invitation; the caller audits it."""
    row, _ = SessionReply.objects.update_or_create(
        session=session, person=person, defaults={"reply": reply, "reason": reason, "region_code": unit}
    )
    return row
