"""Sending a session's invitations: once per person and channel, the unreachable reported, nothing personal audited."""

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend

from bimtek.accounts.scoping import Scope
from bimtek.audit.models import AuditEntry
from bimtek.conftest import LENGGANG
from bimtek.delivery.tests.helpers import Setup
from bimtek.messaging.gateways import RecordingGateway
from bimtek.messaging.models import Message, MessageStatus
from bimtek.messaging.services import message_mark_sent, messages_send, template_save
from bimtek.planner.models import SessionFacilitator
from bimtek.workforce.models import Person

pytestmark = pytest.mark.django_db
NATIONAL = Scope(region_code=None, person_id=None)


def send(setup: Setup, channel: str, kind: str = "undangan", scope: Scope = NATIONAL, **kwargs: bool):  # type: ignore[no-untyped-def]  # pytest fixtures (settings, client, ...) are passed untyped
    return messages_send(
        session=setup.session, kind=kind, channel=channel, scope=scope, actor="test", **kwargs
    )


def test_it_emails_each_participant_once_and_a_second_run_sends_nothing(gantung: Setup) -> None:
    first = send(gantung, "email")
    assert first.sent == 14 and len(mail.outbox) == 14
    invitation = next(m for m in mail.outbox if m.to == [f"peserta{gantung.lenggang[0].person_id}@contoh.id"])
    assert invitation.subject == "Undangan Bimtek KPPS Jumat, 26 Januari 2024"
    assert "Yth. Peserta Lenggang 1 (KPPS Ketua · TPS 001)" in invitation.body
    assert "pukul 08.00 di Balai Kecamatan Gantung" in invitation.body
    second = send(gantung, "email")
    assert (second.sent, second.already, len(mail.outbox)) == (0, 14, 14)
    again = send(gantung, "email", resend=True)
    assert again.sent == 14 and len(mail.outbox) == 28
    assert Message.objects.filter(channel="email", status="sent").count() == 14


def test_people_without_an_address_are_skipped_and_named(gantung: Setup) -> None:
    report = send(gantung, "email")
    assert sorted(report.no_address) == sorted(a.person.name for a in gantung.selingsing)
    skipped = Message.objects.filter(status=MessageStatus.SKIPPED_NO_ADDRESS)
    assert {m.person_id for m in skipped} == {a.person_id for a in gantung.selingsing}
    Person.objects.filter(pk=gantung.selingsing[0].person_id).update(email="baru@contoh.id")
    later = send(gantung, "email")
    assert later.sent == 1 and mail.outbox[-1].to == ["baru@contoh.id"]


def test_sms_goes_through_the_configured_gateway(gantung: Setup, settings) -> None:  # type: ignore[no-untyped-def]  # pytest fixtures (settings, client, ...) are passed untyped
    settings.BIMTEK_SMS_GATEWAY = "bimtek.messaging.gateways.RecordingGateway"
    RecordingGateway.sent.clear()
    Person.objects.filter(pk=gantung.lenggang[0].person_id).update(phone="")
    report = send(gantung, "sms", kind="pengingat")
    assert report.sent == 20 and report.no_address == [gantung.lenggang[0].person.name]
    numbers = [to for to, _ in RecordingGateway.sent]
    assert gantung.lenggang[1].person.phone in numbers and len(numbers) == 20
    assert RecordingGateway.sent[0][1].startswith("Yth. ")
    assert send(gantung, "sms", kind="pengingat").sent == 0 and len(RecordingGateway.sent) == 20


def test_whatsapp_waits_for_the_click_and_the_click_marks_it_sent(gantung: Setup) -> None:
    report = send(gantung, "whatsapp")
    assert (report.sent, report.waiting) == (0, 21)
    message = Message.objects.get(person=gantung.lenggang[0].person, channel="whatsapp")
    message_mark_sent(message=message, actor="test")
    message.refresh_from_db()
    assert message.status == "sent" and message.sent_at is not None
    assert send(gantung, "whatsapp").already == 1


def test_a_pps_sends_only_to_its_own_desa(gantung: Setup) -> None:
    report = send(gantung, "email", scope=Scope(region_code=LENGGANG, person_id=None))
    assert report.sent == 14 and report.no_address == []
    assert not Message.objects.exclude(region_code=LENGGANG).exists()


def test_facilitators_are_invited_too(gantung: Setup) -> None:
    facilitator = Person.objects.create(
        nik="1906024503850099",
        name="Fasilitator PPS",
        birth_date="1985-03-05",
        sex="P",
        phone="+6281311112222",
        email="fasilitator@contoh.id",
        region_id=LENGGANG,
    )
    SessionFacilitator.objects.create(session=gantung.session, person=facilitator)
    send(gantung, "email")
    sent = next(m for m in mail.outbox if m.to == ["fasilitator@contoh.id"])
    assert "(Fasilitator)" in sent.body


def test_a_region_s_own_wording_is_used(gantung: Setup) -> None:
    template_save(
        region_code="19.06",
        kind="undangan",
        tier="bimtek",
        subject="Bimtek {{ tanggal }}",
        body="{{ nama }}, hadir pukul {{ jam }}; bawa {{ bawaan }}.",
        bring="KTP-el",
        slot_times="07.30",
        actor="test",
    )
    send(gantung, "email")
    assert mail.outbox[0].subject == "Bimtek Jumat, 26 Januari 2024"
    assert mail.outbox[0].body.endswith("hadir pukul 07.30; bawa KTP-el.")


def test_the_audit_entry_holds_counts_and_no_phone_nik_or_address(gantung: Setup) -> None:
    send(gantung, "sms")
    send(gantung, "email")
    entries = AuditEntry.objects.filter(action="messages.send.undangan")
    assert entries.count() == 2
    email = entries.get(after__channel="email")
    assert email.after["sent"] == 14 and email.after["no_address"] == 7
    text = str([e.after for e in entries])
    for a in gantung.lenggang + gantung.selingsing:
        assert a.person.nik not in text and a.person.phone not in text and a.person.phone[3:] not in text
    assert "@contoh.id" not in text


class RefusingBackend(BaseEmailBackend):
    """An SMTP server that refuses every batch."""

    def send_messages(self, email_messages):  # type: ignore[no-untyped-def]  # pytest fixtures (settings, client, ...) are passed untyped
        raise OSError("Connection refused")


def test_a_refused_batch_is_failed_with_its_error_and_retried_next_time(gantung: Setup, settings) -> None:  # type: ignore[no-untyped-def]  # pytest fixtures (settings, client, ...) are passed untyped
    settings.EMAIL_BACKEND = "bimtek.messaging.tests.test_send.RefusingBackend"
    report = send(gantung, "email")
    assert (report.sent, report.failed) == (0, 14)
    assert set(Message.objects.filter(status="failed").values_list("error", flat=True)) == {
        "OSError: Connection refused"
    }
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    retry = send(gantung, "email")
    assert (retry.sent, retry.failed, len(mail.outbox)) == (14, 0, 14)
