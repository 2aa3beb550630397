from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bimtek.accounts.scoping import ScopedQuerySet


class ElectionKind(models.TextChoices):
    PEMILU = "pemilu", _("Pemilu")
    PILKADA = "pilkada", _("Pilkada")


class Election(models.Model):
    """An election and the staffing norms its ad-hoc bodies are measured against."""

    slug = models.SlugField(max_length=50, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=ElectionKind.choices)
    voting_day = models.DateField()
    ppk_per_kecamatan = models.PositiveSmallIntegerField(default=5)
    pps_per_desa = models.PositiveSmallIntegerField(default=3)
    kpps_per_tps = models.PositiveSmallIntegerField(default=7)
    linmas_per_tps = models.PositiveSmallIntegerField(default=2)
    max_voters_per_tps = models.PositiveSmallIntegerField(default=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-voting_day", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ppk_per_kecamatan__gte=1, pps_per_desa__gte=1, kpps_per_tps__gte=1),
                name="election_norms_positive",
            ),
            models.CheckConstraint(
                condition=Q(ppk_per_kecamatan__lte=50, pps_per_desa__lte=50, kpps_per_tps__lte=50)
                & Q(linmas_per_tps__lte=50),
                name="election_norms_sane",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def norm(self, body: str) -> int:
        return {
            "ppk": self.ppk_per_kecamatan,
            "pps": self.pps_per_desa,
            "kpps": self.kpps_per_tps,
            "linmas": self.linmas_per_tps,
        }[body]


class TPSQuerySet(ScopedQuerySet["TPS"]):
    pass


class TPS(models.Model):
    """A polling station of one election, numbered within its desa/kelurahan (001, 002, ...; 901+ special)."""

    # tps_unique_number_per_desa leads with the election: a separate index would only slow loading.
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="tps", db_index=False)
    village = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="tps", db_column="village_code"
    )
    number = models.PositiveSmallIntegerField()
    voters = models.PositiveIntegerField(null=True, blank=True, help_text=_("Jumlah pemilih DPT"))
    address = models.CharField(max_length=255, blank=True)

    objects = TPSQuerySet.as_manager()
    scope_region_field = "village__code"
    scope_person_field = "appointments__person"

    class Meta:
        verbose_name = "TPS"
        verbose_name_plural = "TPS"
        ordering = ["village_id", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "village", "number"], name="tps_unique_number_per_desa"
            ),
            models.CheckConstraint(condition=Q(number__gte=1, number__lte=999), name="tps_number_1_to_999"),
        ]
        indexes = [models.Index(fields=["election", "village"], name="tps_election_village")]

    def __str__(self) -> str:
        return f"TPS {self.label}"

    @property
    def label(self) -> str:
        return f"{self.number:03d}"
