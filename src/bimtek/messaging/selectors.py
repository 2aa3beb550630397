"""Reads for messages: who receives a session's messages, the wording that applies, the outbox of a session."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet
from django.db.models.functions import Length

from bimtek.accounts.access import Ability, may
from bimtek.accounts.scoping import Scope
from bimtek.messaging.models import Message, MessageStatus, MessageTemplate
from bimtek.messaging.render import DEFAULT_BRING, DEFAULT_SLOT_TIMES, DEFAULTS
from bimtek.planner import sessions as planner_sessions
from bimtek.planner.models import TrainingSession
from bimtek.planner.selectors import session_participants
from bimtek.planner.sessions import facilitators_of
from bimtek.workforce.selectors import appointments_in_scope, people_in_scope


def can_send(user: Any) -> bool:
    """The KPU and the PPK/PPS who reach their people today; a KPPS member messages nobody."""
    return may(user, Ability.FACILITATE)


def can_edit_templates(user: Any) -> bool:
    """The wording is the KPU's."""
    return may(user, Ability.OPERATE)


@dataclass(frozen=True)
class Recipient:
    person_id: int
    name: str
    role: str  # 'KPPS Ketua · TPS 001' or 'Fasilitator'
    phone: str
    email: str
    region_code: str


def recipients(session: TrainingSession, scope: Scope) -> list[Recipient]:
    """The session's participants and facilitators within the scope, each person once (two queries)."""
    people: dict[int, Recipient] = {}
    appointments = session_participants(session) & appointments_in_scope(scope)
    for a in appointments:
        role = f"{a.get_body_display()} {a.position_label}" + (f" · TPS {a.tps.label}" if a.tps else "")
        people[a.person_id] = Recipient(
            a.person_id, a.person.name, role, a.person.phone, a.person.email, a.region_id
        )
    facilitators = people_in_scope(scope).filter(pk__in=facilitators_of(session).values("person_id"))
    for p in facilitators.values("pk", "name", "phone", "email", "region_id"):
        people.setdefault(
            p["pk"],
            Recipient(p["pk"], p["name"], "Fasilitator", p["phone"], p["email"], p["region_id"]),
        )
    return list(people.values())


@dataclass(frozen=True)
class WordingSource:
    subject: str
    body: str
    bring: str
    slot_times: str
    region_code: str | None  # None: the built-in default


def wording_for(region_code: str, kind: str, tier: str) -> WordingSource:
    """The nearest region's own wording (kabupaten over province over national), else the default."""
    parts = region_code.split(".")
    codes = ["", *(".".join(parts[:n]) for n in range(1, len(parts) + 1))]
    row = (
        MessageTemplate.objects.filter(kind=kind, tier=tier, region_code__in=codes)
        .order_by(Length("region_code").desc())
        .first()
    )
    if row is None:
        subject, body = DEFAULTS[kind]
        return WordingSource(subject, body, DEFAULT_BRING, DEFAULT_SLOT_TIMES, None)
    return WordingSource(row.subject, row.body, row.bring, row.slot_times, row.region_code)


def outbox(session: TrainingSession, scope: Scope) -> QuerySet[Message]:
    return Message.objects.in_scope(scope).filter(session=session).select_related("person")


def status_counts(session: TrainingSession, scope: Scope) -> dict[tuple[str, str, str], int]:
    """(kind, channel, status) -> messages, in one query."""
    rows = outbox(session, scope).order_by().values("kind", "channel", "status").annotate(n=Count("pk"))
    return {(r["kind"], r["channel"], r["status"]): r["n"] for r in rows}


def sessions_on(scope: Scope, region_code: str, day: dt.date) -> QuerySet[TrainingSession]:
    """A region's sessions on a day: held at a venue in the region, or training one of its groups.

    Visible by the one session rule (`TrainingSession.objects.seen_in`): the venue in the scope, or one of its
    groups there.
    """
    return planner_sessions.sessions_on(scope, region_code, day)


def messages_to(person: Any, n: int = 10) -> QuerySet[Message]:
    """The last `n` messages sent (or tried) to the person, the latest first, with their session."""
    return (
        Message.objects.filter(person=person)
        .exclude(status=MessageStatus.QUEUED)
        .select_related("session")
        .order_by("-created_at")[:n]
    )
