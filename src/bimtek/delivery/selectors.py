"""Reads for delivery: the session a user may check in at, its participants, who has checked in."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from bimtek.accounts.models import Role
from bimtek.delivery.models import DEFAULT_PARTS, Attendance, CompletionRule
from bimtek.planner.models import Tier, TrainingSession
from bimtek.planner.selectors import session_participants, sessions_visible
from bimtek.workforce.models import Appointment

# Who may record attendance: KPU staff and the PPK/PPS who facilitate; a KPPS member checks nobody in.
CHECK_IN_ROLES = {Role.KPU_RI, Role.KPU_PROVINSI, Role.KPU_KABKOTA, Role.PPK, Role.PPS}


def can_check_in(user: Any) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or user.role in CHECK_IN_ROLES))


def session_visible(user: Any, pk: int) -> TrainingSession | None:
    """The session if the user may see it (its venue in their region, or one of their groups trains there)."""
    session = TrainingSession.objects.select_related("plan", "plan__election", "venue").filter(pk=pk).first()
    if session is None or not sessions_visible(user, session.plan).filter(pk=pk).exists():
        return None
    return session


def participants_in_scope(user: Any, session: TrainingSession) -> QuerySet[Appointment]:
    """The session's participants that this user may see (and so check in)."""
    return session_participants(session) & Appointment.objects.visible_to(user)


def program_kind_of(session: TrainingSession, body: str) -> str:
    if session.plan.tier == Tier.TOT:
        return "tot"
    return "linmas" if body == "linmas" else "kpps"


def session_parts(session: TrainingSession) -> tuple[str, ...]:
    """The parts of the day a session is attended in: the completion rule's parts for its program, or the default."""
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


def sessions_in_region(user: Any, election: Any, code: str, day: str = "") -> list[TrainingSession]:
    """The visible, not cancelled sessions held at venues in a region (a kecamatan), optionally on one day."""
    from bimtek.accounts.scoping import region_filter
    from bimtek.planner.models import SessionStatus

    qs = (
        TrainingSession.objects.visible_to(user)
        .filter(region_filter("region_code", code), plan__election=election)
        .exclude(status=SessionStatus.CANCELLED)
        .select_related("plan", "plan__election", "venue")
        .order_by("date", "slot", "venue__name")
    )
    if day:
        qs = qs.filter(date=day)
    return list(qs)
