"""Writes for messages: save a region's wording, send a session's invitations or reminders, mark a WhatsApp sent.

Sending is idempotent: the outbox holds one row per (session, person, kind, channel) and a row already
sent is left alone unless the operator asks to resend. E-mail goes through Django's mail backend in
batches, SMS through the configured gateway; WhatsApp rows wait as click-to-chat links on the session page
until the operator opens them one by one. Audit entries carry counts and ids, never a number or an address.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone

from bimtek.accounts.scoping import Scope
from bimtek.audit.services import log_action
from bimtek.lib.errors import DomainError
from bimtek.lib.reports import Progress, no_progress
from bimtek.messaging import render, selectors
from bimtek.messaging.addresses import e164
from bimtek.messaging.gateways import sms_gateway
from bimtek.messaging.models import Channel, Kind, Message, MessageStatus, MessageTemplate
from bimtek.planner.models import Tier, TrainingSession
from bimtek.planner.sessions import session_lock

EMAIL_BATCH = 100  # messages per SMTP connection round: large enough to be quick, small enough to retry
ERR_KIND = "Jenis pesan harus 'undangan' atau 'pengingat'"
ERR_CHANNEL = "Saluran harus 'email', 'sms' atau 'whatsapp'"
ERR_CANCELLED = "Sesi ini dibatalkan; tidak ada pesan yang dikirim"
ERR_CHANNEL_DIRECT = "Pengingat langsung dikirim lewat 'email' atau 'sms'"


@dataclass
class SendReport:
    session: int
    kind: str
    channel: str
    dry_run: bool = False
    sent: int = 0
    waiting: int = 0  # WhatsApp links waiting for the operator's click
    failed: int = 0
    already: int = 0  # sent before, left alone
    no_address: list[str] = field(default_factory=list)  # names of people without e-mail or phone

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def summary(self) -> str:
        text = (
            f"Sesi {self.session}: {self.sent} terkirim, {self.waiting} menunggu klik WhatsApp, "
            f"{self.failed} gagal, {self.already} sudah terkirim sebelumnya, "
            f"{len(self.no_address)} tanpa alamat"
        )
        if self.no_address:
            text += " (" + ", ".join(self.no_address[:20]) + ("…" if len(self.no_address) > 20 else "") + ")"
        return text + (" — uji coba, tidak ada yang dikirim" if self.dry_run else "")


def template_save(
    *,
    region_code: str,
    kind: str,
    tier: str,
    subject: str,
    body: str,
    bring: str,
    slot_times: str,
    actor: Any,
) -> MessageTemplate:
    """Store a region's wording after it compiled and rendered with sample values (TemplateProblem if not)."""
    _check_kind(kind)
    if tier not in Tier.values:
        raise DomainError("tier_invalid", "Jenjang harus 'tot' atau 'bimtek'")
    render.check(subject, body)
    with transaction.atomic():
        row, created = MessageTemplate.objects.update_or_create(
            region_code=region_code,
            kind=kind,
            tier=tier,
            defaults={
                "subject": subject.strip(),
                "body": body.strip(),
                "bring": bring.strip(),
                "slot_times": slot_times.strip(),
                "updated_by": actor if actor is not None and not isinstance(actor, str) else None,
            },
        )
        log_action(
            actor=actor,
            action="message_template.create" if created else "message_template.update",
            object_type="message_template",
            object_id=row.pk,
            region_code=region_code,
            after={"kind": kind, "tier": tier, "subject": row.subject, "body": row.body},
        )
    return row


def _check_kind(kind: str) -> None:
    if kind not in Kind.values:
        raise DomainError("kind_invalid", ERR_KIND)


def messages_send(
    *,
    session: TrainingSession,
    kind: str,
    channel: str,
    scope: Scope,
    actor: Any,
    resend: bool = False,
    dry_run: bool = False,
    only: frozenset[int] | None = None,
) -> SendReport:
    """1. Render each recipient's text; 2. store the outbox rows; 3. send e-mail/SMS; 4. record the outcome.

    `only`: these people of the session (person ids), e.g. the crew of one TPS who still need it.
    """
    _check_kind(kind)
    if channel not in Channel.values:
        raise DomainError("channel_invalid", ERR_CHANNEL)
    if session.status == "cancelled":
        raise DomainError("session_cancelled", ERR_CANCELLED)
    report = SendReport(session.pk, kind, channel, dry_run)
    if dry_run:
        rows = _outbox_rows(session, kind, channel, scope, resend, report, only)
        report.waiting = sum(1 for r in rows if r.status == MessageStatus.QUEUED)
        return report
    with transaction.atomic():
        # One sender per session at a time (the page and a region's job may overlap): the second waits here,
        # then finds the rows sent and sends nothing. A session's batch is small, so the lock is short.
        session_lock(session)
        rows = _outbox_rows(session, kind, channel, scope, resend, report, only)
        stored = _store(rows, session, kind, channel)
        _deliver(stored, channel, report)
        _audit(session, kind, channel, scope, actor, resend, report)
    return report


def _audit(
    session: TrainingSession,
    kind: str,
    channel: str,
    scope: Scope,
    actor: Any,
    resend: bool,
    report: SendReport,
) -> None:
    log_action(
        actor=actor,
        action=f"messages.send.{kind}",
        object_type="session",
        object_id=session.pk,
        region_code=scope.region_code or session.region_code,
        after={"channel": channel, "resend": resend, **_counts(report)},
    )


def _counts(report: SendReport) -> dict[str, int]:
    return {
        "sent": report.sent,
        "waiting": report.waiting,
        "failed": report.failed,
        "already": report.already,
        "no_address": len(report.no_address),
    }


def _outbox_rows(
    session: TrainingSession,
    kind: str,
    channel: str,
    scope: Scope,
    resend: bool,
    report: SendReport,
    only: frozenset[int] | None = None,
) -> list[Message]:
    people = selectors.recipients(session, scope)
    if only is not None:
        people = [p for p in people if p.person_id in only]
    done = set(
        Message.objects.filter(
            session=session, kind=kind, channel=channel, status=MessageStatus.SENT
        ).values_list("person_id", flat=True)
    )
    source = selectors.wording_for(session.region_code, kind, session.plan.tier)
    subject_t = render.compile_text("Subjek", source.subject)
    body_t = render.compile_text("Isi", source.body)
    shared = {
        "acara": str(Tier(session.plan.tier).label),
        "pemilihan": session.plan.election.name,
        "tanggal": render.long_dates(session.date, session.last_date),
        "jam": render.slot_time(source.slot_times, session.slot),
        "tempat": session.venue.name,
        "alamat": session.venue.address,
        "bawaan": source.bring,
    }
    rows = []
    for person in sorted(people, key=lambda p: (p.region_code, p.name)):
        if person.person_id in done and not resend:
            report.already += 1
            continue
        values = {**shared, "nama": person.name, "jabatan": person.role}
        has_address = (
            bool(person.email.strip()) if channel == Channel.EMAIL else e164(person.phone) is not None
        )
        if not has_address:
            report.no_address.append(person.name)
        rows.append(
            Message(
                session=session,
                person_id=person.person_id,
                region_code=person.region_code,
                kind=kind,
                channel=channel,
                status=MessageStatus.QUEUED if has_address else MessageStatus.SKIPPED_NO_ADDRESS,
                subject=render.render(subject_t, values)[:200],
                body=render.render(body_t, values),
                error="",
                sent_at=None,
            )
        )
    return rows


def _store(rows: list[Message], session: TrainingSession, kind: str, channel: str) -> list[Message]:
    """Insert new rows, overwrite the ones being retried or resent; return them with their ids."""
    Message.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["session", "person", "kind", "channel"],
        update_fields=["region_code", "status", "subject", "body", "error", "sent_at"],
        batch_size=1000,
    )
    ids = [r.person_id for r in rows]
    return list(
        Message.objects.filter(session=session, kind=kind, channel=channel, person_id__in=ids)
        .select_related("person")
        .order_by("pk")
    )


def _deliver(stored: list[Message], channel: str, report: SendReport) -> None:
    queued = [m for m in stored if m.status == MessageStatus.QUEUED]
    if channel == Channel.EMAIL:
        _send_email(queued)
    elif channel == Channel.SMS:
        _send_sms(queued)
    report.sent = sum(1 for m in queued if m.status == MessageStatus.SENT)
    report.failed = sum(1 for m in queued if m.status == MessageStatus.FAILED)
    report.waiting = sum(1 for m in queued if m.status == MessageStatus.QUEUED)
    Message.objects.bulk_update(queued, ["status", "error", "sent_at"], batch_size=1000)


def _send_email(queued: list[Message]) -> None:
    connection = get_connection()
    sender = getattr(settings, "DEFAULT_FROM_EMAIL", None)
    for start in range(0, len(queued), EMAIL_BATCH):
        batch = queued[start : start + EMAIL_BATCH]
        mails = [
            EmailMessage(m.subject, m.body, sender, [m.person.email], connection=connection) for m in batch
        ]
        try:
            connection.send_messages(mails)
        except Exception as exc:  # a refused batch is recorded on its rows and retried on the next run
            _mark(batch, ok=False, error=f"{type(exc).__name__}: {exc}"[:255])
        else:
            _mark(batch, ok=True)


def _send_sms(queued: list[Message]) -> None:
    gateway = sms_gateway()
    for m in queued:
        to = e164(m.person.phone) or ""
        try:
            result = gateway.send(to, m.body)
        except Exception as exc:  # a gateway's failure stays on the row, the batch goes on
            _mark([m], ok=False, error=type(exc).__name__)
            continue
        _mark([m], ok=result.ok, error=result.error[:255])


def _mark(messages: list[Message], *, ok: bool, error: str = "") -> None:
    now = timezone.now()
    for m in messages:
        m.status = MessageStatus.SENT if ok else MessageStatus.FAILED
        m.sent_at = now if ok else None
        m.error = "" if ok else error


def message_mark_sent(*, message: Message, actor: Any) -> None:
    """The operator opened the WhatsApp link: the message counts as sent (the link itself is never stored)."""
    if message.channel != Channel.WHATSAPP or message.status == MessageStatus.SKIPPED_NO_ADDRESS:
        raise DomainError("not_whatsapp", "Hanya pesan WhatsApp yang ditandai terkirim dengan klik")
    if message.status == MessageStatus.SENT:
        return
    with transaction.atomic():
        Message.objects.filter(pk=message.pk).update(status=MessageStatus.SENT, sent_at=timezone.now())
        log_action(
            actor=actor,
            action="message.whatsapp_opened",
            object_type="message",
            object_id=message.pk,
            region_code=message.region_code,
            after={"session": message.session_id, "kind": message.kind},
        )


def messages_send_region(
    *,
    region_code: str,
    day: dt.date,
    kind: str,
    channel: str,
    scope: Scope,
    actor: Any,
    resend: bool = False,
    dry_run: bool = False,
    progress: Progress = no_progress,
) -> list[SendReport]:
    """Every session of a region on a day, one after another (a kabupaten's day runs as a job)."""
    sessions = list(selectors.sessions_on(scope, region_code, day))
    reports = []
    for i, session in enumerate(sessions):
        progress(i, len(sessions), f"Sesi {session.pk}")
        reports.append(
            messages_send(
                session=session,
                kind=kind,
                channel=channel,
                scope=scope,
                actor=actor,
                resend=resend,
                dry_run=dry_run,
            )
        )
    progress(len(sessions), len(sessions), "Selesai")
    return reports


def direct_send(*, person: Any, subject: str, text: str) -> str:
    """One message to one person outside any session (a sign-in code): SMS when they have a phone, else e-mail.

    Nothing is stored: the text may hold a secret. Returns the channel used, or "" when the person has no
    address or the gateway refused (the caller answers the same either way, so nobody learns which).
    """
    to = e164(person.phone or "")
    if to:
        try:
            if sms_gateway().send(to, text).ok:
                return Channel.SMS
        except Exception:  # noqa: S110  # a gateway fault must not tell the asker anything; e-mail is next
            pass
    if (person.email or "").strip():
        try:
            EmailMessage(subject, text, getattr(settings, "DEFAULT_FROM_EMAIL", None), [person.email]).send()
        except Exception:  # noqa: S110  # the same: the caller's answer does not change
            return ""
        return Channel.EMAIL
    return ""


def reminders_send(
    *, due: dict[int, TrainingSession], channel: str, scope: Scope, actor: Any
) -> list[SendReport]:
    """Remind each person of their own next session (person id -> session): one send per session.

    For a page that lists people who still need training (a TPS's crew). Each person gets the reminder of
    their session once per channel; asking again sends nothing new (the outbox says "already sent").
    """
    if channel not in (Channel.EMAIL, Channel.SMS):
        raise DomainError("channel_invalid", ERR_CHANNEL_DIRECT)
    by_session: dict[int, tuple[TrainingSession, set[int]]] = {}
    for person_id, session in due.items():
        by_session.setdefault(session.pk, (session, set()))[1].add(person_id)
    return [
        messages_send(
            session=session,
            kind=Kind.REMINDER,
            channel=channel,
            scope=scope,
            actor=actor,
            only=frozenset(people),
        )
        for session, people in sorted(by_session.values(), key=lambda pair: (pair[0].date, pair[0].pk))
    ]
