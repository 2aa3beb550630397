from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bimtek.accounts.scoping import ScopedQuerySet


class Level(models.IntegerChoices):
    PROVINSI = 1, _("Provinsi")
    KABKOTA = 2, _("Kabupaten/Kota")
    KECAMATAN = 3, _("Kecamatan")
    DESA = 4, _("Desa/Kelurahan")


class Kind(models.TextChoices):
    PROVINSI = "provinsi", _("Provinsi")
    KABUPATEN = "kabupaten", _("Kabupaten")
    KOTA = "kota", _("Kota")
    KECAMATAN = "kecamatan", _("Kecamatan")
    DESA = "desa", _("Desa")
    KELURAHAN = "kelurahan", _("Kelurahan")


# The code's dotted parts are fixed-width per level (33 . 03 . 01 . 2001), so the level is
# the number of parts and the parent is the code less its last part.
CODE_PARTS = {1: 2, 2: 2, 3: 2, 4: 4}


def level_of(code: str) -> int:
    return code.count(".") + 1


def parent_code(code: str) -> str | None:
    return code.rsplit(".", 1)[0] if "." in code else None


class RegionQuerySet(ScopedQuerySet["Region"]):
    def within(self, code: str) -> "RegionQuerySet":
        """The region itself and everything below it, by code prefix."""
        return self.filter(Q(code=code) | Q(code__startswith=f"{code}."))

    def below(self, code: str, level: int) -> "RegionQuerySet":
        if not code:
            return self.filter(level=level)
        return self.filter(level=level, code__startswith=f"{code}.")


class Region(models.Model):
    """One administrative region, keyed by its dotted Kemendagri code."""

    code = models.CharField(max_length=13, primary_key=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        db_column="parent_code",
    )
    level = models.PositiveSmallIntegerField(choices=Level.choices)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    name = models.CharField(max_length=100)

    objects = RegionQuerySet.as_manager()
    scope_region_field = "code"
    scope_person_field = None

    class Meta:
        ordering = ["code"]
        indexes = [models.Index(fields=["level", "code"], name="region_level_code")]
        constraints = [
            models.CheckConstraint(condition=Q(level__gte=1, level__lte=4), name="region_level_1_to_4"),
            models.CheckConstraint(
                condition=Q(level=1, parent__isnull=True) | Q(level__gt=1, parent__isnull=False),
                name="region_parent_iff_below_province",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.display_name}"

    @property
    def display_name(self) -> str:
        if self.kind in (Kind.KABUPATEN, Kind.KOTA, Kind.KECAMATAN, Kind.DESA, Kind.KELURAHAN):
            prefix = {Kind.KABUPATEN: "Kab.", Kind.KOTA: "Kota", Kind.KECAMATAN: "Kec."}.get(self.kind, "")
            if prefix and not self.name.lower().startswith(prefix.lower().rstrip(".")):
                return f"{prefix} {self.name}"
        return self.name

    def ancestors_codes(self) -> list[str]:
        parts = self.code.split(".")
        return [".".join(parts[:i]) for i in range(1, len(parts))]
