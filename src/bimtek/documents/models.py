"""Documents a KPU secretariat prints: editable letter templates and the rate table of the honorarium list.

Both are kept per region with a national default: a row with `region_code` "" is the default KPU RI
maintains; a KPU provinsi or kabupaten overrides it with its own row, and the most specific row that
covers a region wins (`selectors.template_for`, `selectors.rates_for`).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    IZIN = "izin", _("Surat permohonan izin kepada pemberi kerja")
    LAMPIRAN_SK = "lampiran_sk", _("Lampiran SK pengangkatan")
    BERITA_ACARA = "berita_acara", _("Berita acara pelantikan")
    HONORARIUM = "honorarium", _("Daftar honorarium/transport")
    UNDANGAN_NARASUMBER = "undangan_narasumber", _("Surat undangan narasumber")
    BPJS_SURAT = "bpjs_surat", _("Surat pendaftaran BPJS Ketenagakerjaan")
    BPJS_BELUM = "bpjs_belum", _("Daftar petugas belum terlindungi BPJS Ketenagakerjaan")


# The kinds printed in a batch over a region (the print form, the `documents` command). The speaker's
# invitation is printed per session from the planner's session page (`speakers:letters`), with this template.
BATCH_KINDS = [(k, label) for k, label in Kind.choices if k != Kind.UNDANGAN_NARASUMBER]


class DocumentTemplate(models.Model):
    """The text of one kind of document for a region (or the national default when `region_code` is "")."""

    kind = models.CharField(max_length=20, choices=Kind.choices)
    region_code = models.CharField(max_length=13, blank=True)
    title = models.CharField(max_length=200)
    body = models.TextField(
        help_text=_("Teks dengan penanda seperti {{ nama }}; paragraf dipisah baris kosong")
    )
    kpu_name = models.CharField(max_length=150, blank=True)
    address = models.CharField(max_length=255, blank=True)
    city = models.CharField(max_length=100, blank=True)
    signatory_name = models.CharField(max_length=150, blank=True)
    signatory_position = models.CharField(max_length=150, blank=True)
    number_pattern = models.CharField(max_length=120, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["kind", "region_code"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "region_code"], name="doctemplate_one_per_kind_region"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.region_code or 'nasional'}"


class Rate(models.Model):
    """Transport per day and honorarium per session for one body, in rupiah, for a region (or national)."""

    region_code = models.CharField(max_length=13, blank=True)
    body = models.CharField(max_length=10)  # ppk, pps, kpps, linmas
    transport_per_day = models.PositiveIntegerField(default=0)
    honorarium_per_session = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["region_code", "body"]
        constraints = [
            models.UniqueConstraint(fields=["region_code", "body"], name="rate_one_per_region_body"),
            models.CheckConstraint(
                condition=Q(body__in=["ppk", "pps", "kpps", "linmas"]), name="rate_body_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body} {self.region_code or 'nasional'}"
