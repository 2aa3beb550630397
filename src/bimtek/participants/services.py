"""A participant's own writes: their answer to a session invitation, and claiming their certificate."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from bimtek.assessment.selectors import program_by_id
from bimtek.audit.services import log_action
from bimtek.delivery.certificates import IssueResult, certificates_issue
from bimtek.lib.errors import DomainError
from bimtek.planner.models import Reply, SessionReply, SessionStatus
from bimtek.planner.selectors import sessions_of_person
from bimtek.planner.sessions import reply_store
from bimtek.workforce.models import Person
from bimtek.workforce.selectors import active_of_person

ERR_NOT_YOURS = "Sesi ini bukan sesi Anda"
ERR_REPLY = "Pilih hadir atau tidak dapat hadir"
ERR_REASON = "Tuliskan alasan Anda tidak dapat hadir (paling banyak 255 huruf)"
ERR_PAST = "Sesi ini sudah lewat; jawaban tidak dapat diubah"
ERR_CERT_NOT_YOURS = "Program ini bukan program Anda"


def session_reply(
    *, person: Person, session_id: int, reply: str, reason: str, today: Any, actor: Any
) -> SessionReply:
    """Record 'coming' or 'cannot come' (with a reason) for one of the person's own sessions."""
    if reply not in Reply.values:
        raise DomainError("reply_invalid", ERR_REPLY)
    reason = reason.strip()
    if reply == Reply.CANNOT and not (0 < len(reason) <= 255):
        raise DomainError("reason_required", ERR_REASON)
    session = (
        sessions_of_person(person.pk).exclude(status=SessionStatus.CANCELLED).filter(pk=session_id).first()
    )
    if session is None:
        raise DomainError("session_not_yours", ERR_NOT_YOURS)
    if session.date < today:
        raise DomainError("session_past", ERR_PAST)
    unit = active_of_person(person).values_list("region_id", flat=True).first() or ""
    with transaction.atomic(durable=True):
        row = reply_store(
            session=session,
            person=person,
            reply=reply,
            reason=reason if reply == Reply.CANNOT else "",
            unit=unit,
        )
        log_action(
            actor=actor,
            action="session.reply",
            object_type="session",
            object_id=session.pk,
            region_code=unit,
            after={"reply": reply},  # the reason stays on the row: it can be about health
        )
    return row


def certificate_claim(*, person: Person, program_id: int, actor: Any) -> IssueResult:
    """Issue the person's own certificate now if they completed the program (the same rule as the KPU's batch)."""
    appointment = active_of_person(person).filter(election__programs__pk=program_id).select_related().first()
    program = program_by_id(program_id)
    if appointment is None or program is None or appointment.body not in program.bodies:
        raise DomainError("program_not_yours", ERR_CERT_NOT_YOURS)
    return certificates_issue(
        program=program, region_code=appointment.region_id, actor=actor, person_id=person.pk
    )
