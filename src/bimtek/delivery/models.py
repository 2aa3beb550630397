"""Delivery: who attended which part of which session, and the certificates that follow.

An attendance row is written once per (session, person, part): the database constraint
`attendance_once_per_part` is what makes a scan sent twice, or from two phones at once, count once;
the idempotency `key` the phone generates per scan makes a retried request answer "already" instead of
failing. A certificate is issued when a program's completion rule holds. It carries two codes: the
`verification_code` printed on it for a person to type (random, with a check character, see
`bimtek.lib.typed_code`), and the older `code` that its QR link carries signed; the public verification
page answers for either without showing personal data.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bimtek.accounts.scoping import ScopedQuerySet
from bimtek.lib import typed_code

DEFAULT_PARTS = ("pagi", "siang")
# The words for the parts of a day a person signs in for; a completion rule may name others, shown as written.
PART_LABELS = {"pagi": _("Pagi"), "siang": _("Siang"), "sore": _("Sore"), "malam": _("Malam")}


def part_label(part: str) -> str:
    """'Pagi' for "pagi" (in the page's language); a part of another name as it is written, capitalised."""
    label = PART_LABELS.get(part)
    return str(label) if label is not None else part[:1].upper() + part[1:]


class Method(models.TextChoices):
    QR = "qr", _("Pindai QR")
    SEARCH = "search", _("Cari nama/NIK")
    MANUAL = "manual", _("Manual (terlambat)")
    PAPER = "paper", _("Daftar hadir kertas")


class AttendanceQuerySet(ScopedQuerySet["Attendance"]):
    pass


class Attendance(models.Model):
    session = models.ForeignKey(
        "planner.TrainingSession", on_delete=models.PROTECT, related_name="attendances"
    )
    person = models.ForeignKey("workforce.Person", on_delete=models.PROTECT, related_name="attendances")
    # The participant's own unit (desa for PPS/KPPS, kecamatan for PPK), so scoping needs no join.
    region_code = models.CharField(max_length=13)
    part = models.CharField(max_length=20)  # "pagi", "siang", or a module part such as "4"
    checked_in_at = models.DateTimeField()
    method = models.CharField(max_length=6, choices=Method.choices)
    reason = models.CharField(max_length=255, blank=True)  # why a manual entry came late
    key = models.CharField(max_length=64)  # the phone's idempotency key for this scan
    # What the phone said of the scan, kept apart from the server's own time (`created_at`): whether it was
    # made with no connection (queued on the phone), and the phone's clock when it was made.
    offline = models.BooleanField(default=False)
    device_time = models.DateTimeField(null=True, blank=True)
    # Recorded after the session's day, as a late entry with a reason (a normal scan is refused then).
    late = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AttendanceQuerySet.as_manager()
    scope_region_field = "region_code"
    scope_person_field = "person"

    class Meta:
        ordering = ["session", "person", "part"]
        constraints = [
            models.UniqueConstraint(fields=["session", "person", "part"], name="attendance_once_per_part"),
            models.UniqueConstraint(fields=["key"], name="attendance_key_unique"),
            models.CheckConstraint(
                condition=~Q(method="manual") | ~Q(reason=""), name="attendance_manual_has_reason"
            ),
            models.CheckConstraint(
                condition=Q(late=False) | ~Q(reason=""), name="attendance_late_has_reason"
            ),
        ]
        indexes = [models.Index(fields=["person", "session"], name="attendance_person")]

    def __str__(self) -> str:
        return f"{self.person_id}@{self.session_id}/{self.part}"


class CompletionRule(models.Model):
    """When a program counts as completed: every listed part attended, and the post-test passed if asked."""

    program = models.OneToOneField("assessment.Program", on_delete=models.CASCADE, related_name="completion")
    parts = models.JSONField(default=list)  # e.g. ["pagi", "siang"]
    require_post_test = models.BooleanField(default=True)

    def __str__(self) -> str:
        return f"{self.program}: {', '.join(self.parts)}"


class CertificateStatus(models.TextChoices):
    VALID = "valid", _("Sah")
    REVOKED = "revoked", _("Dicabut")


class CertificateQuerySet(ScopedQuerySet["Certificate"]):
    pass


class Certificate(models.Model):
    program = models.ForeignKey("assessment.Program", on_delete=models.PROTECT, related_name="certificates")
    person = models.ForeignKey("workforce.Person", on_delete=models.PROTECT, related_name="certificates")
    region_code = models.CharField(max_length=13)
    # The key the QR link carries signed (`CODE:signature`); certificates issued before `verification_code`
    # printed it as their code, so it is still looked up when typed.
    code = models.CharField(max_length=12)
    # Printed as XXXX-XXXX-XXXX: 55 random bits and a check character. Only stored codes verify.
    verification_code = models.CharField(max_length=12, default=typed_code.new_code, editable=False)
    completed_on = models.DateField()  # the date of the last session attended
    status = models.CharField(
        max_length=8, choices=CertificateStatus.choices, default=CertificateStatus.VALID
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.CharField(max_length=255, blank=True)
    issued_at = models.DateTimeField(auto_now_add=True)

    objects = CertificateQuerySet.as_manager()
    scope_region_field = "region_code"
    scope_person_field = "person"

    class Meta:
        ordering = ["program", "region_code", "person"]
        constraints = [
            models.UniqueConstraint(fields=["code"], name="certificate_code_unique"),
            models.UniqueConstraint(
                fields=["verification_code"], name="certificate_verification_code_unique"
            ),
            models.UniqueConstraint(fields=["program", "person"], name="certificate_once_per_program"),
            models.CheckConstraint(
                condition=Q(status="valid", revoked_at__isnull=True)
                | Q(status="revoked", revoked_at__isnull=False),
                name="certificate_revoked_has_time",
            ),
        ]

    def __str__(self) -> str:
        return self.printed_code

    @property
    def printed_code(self) -> str:
        return typed_code.grouped(self.verification_code)
