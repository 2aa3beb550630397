from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bimtek.accounts.scoping import ScopedQuerySet


class Sex(models.TextChoices):
    L = "L", _("Laki-laki")
    P = "P", _("Perempuan")


class Body(models.TextChoices):
    PPK = "ppk", "PPK"
    PPS = "pps", "PPS"
    KPPS = "kpps", "KPPS"
    LINMAS = "linmas", "Linmas"


TPS_BODIES = (Body.KPPS, Body.LINMAS)


class Status(models.TextChoices):
    ACTIVE = "active", _("Aktif")
    RESIGNED = "resigned", _("Mengundurkan diri")
    DISMISSED = "dismissed", _("Diberhentikan")
    DECEASED = "deceased", _("Meninggal dunia")
    REPLACED = "replaced", _("Diganti (PAW)")


class BpjsEnrolled(models.TextChoices):
    YES = "yes", _("Terdaftar")
    NO = "no", _("Tidak terdaftar")
    UNKNOWN = "unknown", _("Belum diketahui")


class BpjsPayer(models.TextChoices):
    SELF = "self", _("Petugas sendiri")
    APBD = "apbd", _("Pemerintah daerah (APBD)")
    KPU = "kpu", _("KPU")
    OTHER = "other", _("Lainnya")


class Education(models.TextChoices):
    """The values are those of `workforce.core.welfare.Education`, lowest first."""

    SD = "sd", "SD"
    SMP = "smp", "SMP"
    SMA = "sma", _("SMA/sederajat")
    D3 = "d3", "D3"
    S1 = "s1", "S1"
    S2 = "s2", "S2"
    S3 = "s3", "S3"


class PersonQuerySet(ScopedQuerySet["Person"]):
    pass


class Person(models.Model):
    """Someone who serves (or may serve) in an ad-hoc body; NIK is personal data under UU PDP."""

    nik = models.CharField(max_length=16, unique=True)
    name = models.CharField(max_length=150)
    birth_date = models.DateField()
    sex = models.CharField(max_length=1, choices=Sex.choices)
    phone = models.CharField(max_length=20, blank=True)
    # db_default: bulk loaders (the synthetic country's COPY) that do not name the column still store "".
    email = models.EmailField(max_length=254, blank=True, default="", db_default="")
    employer = models.CharField(max_length=150, blank=True)
    region = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="people", db_column="region_code"
    )
    # Welfare and eligibility (workforce.core.welfare says what is checked and why). All optional; NULL or ""
    # is "not recorded". db_default for the same reason as email: COPY loaders that do not name the columns.
    health_date = models.DateField(null=True, blank=True)  # the health statement's date
    systolic = models.PositiveSmallIntegerField(null=True, blank=True)  # mmHg
    diastolic = models.PositiveSmallIntegerField(null=True, blank=True)  # mmHg
    blood_sugar = models.PositiveSmallIntegerField(null=True, blank=True)  # mg/dL
    cholesterol = models.PositiveSmallIntegerField(null=True, blank=True)  # mg/dL
    bpjs_enrolled = models.CharField(
        max_length=7, choices=BpjsEnrolled.choices, default=BpjsEnrolled.UNKNOWN, db_default="unknown"
    )
    # BPJS Ketenagakerjaan card number (KPJ): personal data, masked in lists, never in logs or URLs.
    bpjs_number = models.CharField(max_length=16, blank=True, default="", db_default="")
    bpjs_payer = models.CharField(
        max_length=5, choices=BpjsPayer.choices, blank=True, default="", db_default=""
    )
    # A signed statement of no party membership in the last 5 years; its date when the file gives one.
    party_statement = models.BooleanField(default=False, db_default=False)
    party_statement_date = models.DateField(null=True, blank=True)
    education = models.CharField(
        max_length=3, choices=Education.choices, blank=True, default="", db_default=""
    )
    periods_served = models.PositiveSmallIntegerField(null=True, blank=True)  # earlier terms in the same body
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PersonQuerySet.as_manager()
    scope_region_field = "region__code"
    scope_person_field = "id"

    class Meta:
        ordering = ["name", "id"]
        indexes = [
            models.Index(fields=["region", "name"], name="person_region_name"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(nik__regex=r"^[0-9]{16}$"), name="person_nik_16_digits"),
        ]

    def __str__(self) -> str:
        return self.name


class AppointmentQuerySet(ScopedQuerySet["Appointment"]):
    def active(self) -> "AppointmentQuerySet":
        return self.filter(status=Status.ACTIVE)


class Appointment(models.Model):
    """A person's seat in an ad-hoc body of one election. Seat 1 is the ketua.

    A replacement (PAW) ends the old appointment and creates a new one that points back to it,
    so the history of a seat is the chain of `replaces`.
    """

    # No single-column indexes on election and tps: appt_staffing, appt_tps_status and the unique
    # constraints lead with them already, and at 7.6 million rows every extra index costs a minute of loading.
    election = models.ForeignKey(
        "elections.Election", on_delete=models.CASCADE, related_name="appointments", db_index=False
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="appointments")
    body = models.CharField(max_length=10, choices=Body.choices)
    region = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="appointments", db_column="region_code"
    )
    tps = models.ForeignKey(
        "elections.TPS",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="appointments",
        db_index=False,
    )
    seat = models.PositiveSmallIntegerField()
    # The KPPS member who photographs and sends the C.Hasil with Sirekap on voting night.
    sirekap_operator = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=255, blank=True)
    replaces = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AppointmentQuerySet.as_manager()
    scope_region_field = "region__code"
    scope_person_field = "person"

    class Meta:
        ordering = ["election", "region_id", "body", "tps", "seat"]
        indexes = [
            models.Index(fields=["election", "body", "status", "region"], name="appt_staffing"),
            models.Index(fields=["tps", "status"], name="appt_tps_status"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "person"],
                condition=Q(status="active"),
                name="appt_one_active_per_person_election",
            ),
            models.UniqueConstraint(
                fields=["election", "body", "region", "seat"],
                condition=Q(status="active", tps__isnull=True),
                name="appt_one_active_per_seat_in_region_body",
            ),
            models.UniqueConstraint(
                fields=["tps", "body", "seat"],
                condition=Q(status="active", tps__isnull=False),
                name="appt_one_active_per_seat_in_tps",
            ),
            models.CheckConstraint(
                condition=(Q(body__in=["kpps", "linmas"]) & Q(tps__isnull=False))
                | (Q(body__in=["ppk", "pps"]) & Q(tps__isnull=True)),
                name="appt_tps_iff_tps_body",
            ),
            models.CheckConstraint(condition=Q(seat__gte=1, seat__lte=50), name="appt_seat_1_to_50"),
            models.CheckConstraint(
                condition=Q(sirekap_operator=False) | Q(body="kpps"), name="appt_sirekap_operator_is_kpps"
            ),
            models.CheckConstraint(
                condition=Q(status="active", end_date__isnull=True) | ~Q(status="active"),
                name="appt_active_has_no_end",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="appt_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_body_display()} {self.position_label}"

    @property
    def is_ketua(self) -> bool:
        return self.seat == 1 and self.body != Body.LINMAS

    @property
    def position_label(self) -> str:
        if self.body == Body.LINMAS:
            return str(self.seat)  # Linmas has no ketua
        if self.body == Body.KPPS:
            return "Ketua" if self.seat == 1 else f"Anggota {self.seat}"
        return "Ketua" if self.seat == 1 else "Anggota"
