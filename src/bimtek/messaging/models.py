"""Message templates (per region, kind and tier) and the outbox: one row per session, person, kind and channel."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bimtek.accounts.scoping import ScopedQuerySet


class Kind(models.TextChoices):
    INVITATION = "undangan", _("Undangan")
    REMINDER = "pengingat", _("Pengingat")


class Channel(models.TextChoices):
    EMAIL = "email", _("Email")
    SMS = "sms", _("SMS")
    WHATSAPP = "whatsapp", _("WhatsApp")


class MessageStatus(models.TextChoices):
    QUEUED = "queued", _("Menunggu")
    SENT = "sent", _("Terkirim")
    FAILED = "failed", _("Gagal")
    SKIPPED_NO_ADDRESS = "skipped_no_address", _("Tanpa alamat")


class MessageTemplateQuerySet(ScopedQuerySet["MessageTemplate"]):
    pass


class MessageTemplate(models.Model):
    """A region's own wording for one kind and tier; without one, the nearest region above or the default."""

    region_code = models.CharField(max_length=13, blank=True)  # "": the national wording of KPU RI
    kind = models.CharField(max_length=10, choices=Kind.choices)
    tier = models.CharField(max_length=10)  # planner.Tier: tot or bimtek
    subject = models.CharField(max_length=200)
    body = models.TextField()
    bring = models.CharField(max_length=255, blank=True)  # the {{ bawaan }} placeholder
    slot_times = models.CharField(max_length=100, blank=True)  # start time per slot: "08.00, 13.00"
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = MessageTemplateQuerySet.as_manager()
    scope_region_field = "region_code"
    scope_person_field = None

    class Meta:
        ordering = ["region_code", "kind", "tier"]
        constraints = [
            models.UniqueConstraint(fields=["region_code", "kind", "tier"], name="messagetemplate_once"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.tier} {self.region_code or 'nasional'}"


class MessageQuerySet(ScopedQuerySet["Message"]):
    pass


class Message(models.Model):
    """One message to one person about one session, on one channel; stored once, so a second run sends nothing."""

    session = models.ForeignKey("planner.TrainingSession", on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey("workforce.Person", on_delete=models.CASCADE, related_name="+")
    region_code = models.CharField(max_length=13)  # the person's unit (participant) or home (facilitator)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    status = models.CharField(max_length=20, choices=MessageStatus.choices, default=MessageStatus.QUEUED)
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    error = models.CharField(max_length=255, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MessageQuerySet.as_manager()
    scope_region_field = "region_code"
    scope_person_field = "person"

    class Meta:
        ordering = ["session", "region_code", "person__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "person", "kind", "channel"], name="message_once_per_channel"
            ),
            models.CheckConstraint(
                condition=Q(status="sent", sent_at__isnull=False) | ~Q(status="sent"),
                name="message_sent_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.channel} {self.person_id}@{self.session_id}"
