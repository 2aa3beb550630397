from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    KPU_RI = "kpu_ri", _("KPU RI")
    KPU_PROVINSI = "kpu_provinsi", _("KPU Provinsi")
    KPU_KABKOTA = "kpu_kabkota", _("KPU Kabupaten/Kota")
    PPK = "ppk", _("PPK")
    PPS = "pps", _("PPS")
    KPPS = "kpps", _("KPPS")
    LINMAS = "linmas", _("Linmas")


# The region level each role administers: KPU provinsi a province, PPS a desa, and so on.
ROLE_LEVEL = {
    Role.KPU_PROVINSI: 1,
    Role.KPU_KABKOTA: 2,
    Role.PPK: 3,
    Role.PPS: 4,
    Role.KPPS: 4,
    Role.LINMAS: 4,
}
# Roles whose account is one person's own: they see their own records only.
PERSONAL_ROLES = {Role.KPPS, Role.LINMAS}
# Who may change the registry (people, TPS, appointments) inside their scope.
WRITER_ROLES = {Role.KPU_RI, Role.KPU_PROVINSI, Role.KPU_KABKOTA}


class User(AbstractUser):
    role = models.CharField(max_length=20, choices=Role.choices, blank=True)
    region = models.ForeignKey(
        "regions.Region", null=True, blank=True, on_delete=models.PROTECT, db_column="region_code"
    )
    person = models.ForeignKey("workforce.Person", null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(role="") | Q(role="kpu_ri") | Q(region__isnull=False),
                name="user_regional_role_has_region",
            ),
            models.CheckConstraint(
                condition=~Q(role__in=["kpps", "linmas"]) | Q(person__isnull=False),
                name="user_kpps_is_a_person",
            ),
        ]

    @property
    def can_write(self) -> bool:
        return self.is_superuser or self.role in WRITER_ROLES
