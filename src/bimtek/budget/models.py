"""The budget as stored: unit costs per election and region, and the actual costs finance enters.

A unit cost row with `region_code` '' is the national one (KPU RI); a province or kabupaten row overrides it for
its region and below, the nearest region winning, as the documents' `Rate` does (`selectors.unit_costs_for`).
Money is whole rupiah. The estimate itself is never stored: it is computed from the plan each time.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bimtek.accounts.scoping import ScopedQuerySet
from bimtek.budget.core import LABELS, MAX_ACTUAL, MAX_UNIT_COST, Item

ITEM_CHOICES = [(item.value, LABELS[item]) for item in Item]
AKUN_FORMAT = r"^[0-9]{6}$"


class UnitCost(models.Model):
    election = models.ForeignKey("elections.Election", on_delete=models.CASCADE, related_name="+")
    region_code = models.CharField(max_length=13, blank=True)  # '' for the national row
    item = models.CharField(_("komponen"), max_length=20, choices=ITEM_CHOICES)
    amount = models.PositiveBigIntegerField(_("biaya satuan"))
    akun = models.CharField(_("akun belanja"), max_length=6)
    source = models.CharField(
        _("sumber"), max_length=255, blank=True
    )  # e.g. "SBM 2024, SK Sekretaris KPU ..."
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["region_code", "item"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "region_code", "item"], name="unitcost_one_per_region_item"
            ),
            models.CheckConstraint(condition=Q(item__in=[i.value for i in Item]), name="unitcost_item_known"),
            models.CheckConstraint(condition=Q(amount__lte=MAX_UNIT_COST), name="unitcost_amount_sane"),
            models.CheckConstraint(condition=Q(akun__regex=AKUN_FORMAT), name="unitcost_akun_six_digits"),
        ]

    def __str__(self) -> str:
        return f"{self.item} {self.region_code or 'nasional'}"


class ActualCost(models.Model):
    """A cost that happened, entered by finance (a venue's invoice, the caterer's receipt)."""

    election = models.ForeignKey("elections.Election", on_delete=models.CASCADE, related_name="+")
    region_code = models.CharField(max_length=13)
    session = models.ForeignKey(
        "planner.TrainingSession", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    tier = models.CharField(max_length=10, blank=True)  # the plan tier it belongs to ('' : not said)
    item = models.CharField(_("komponen"), max_length=20, choices=ITEM_CHOICES)
    akun = models.CharField(_("akun belanja"), max_length=6)
    amount = models.PositiveBigIntegerField(_("jumlah"))
    note = models.CharField(_("keterangan"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_field = "region_code"
    scope_person_field = None

    class Meta:
        ordering = ["region_code", "item", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(item__in=[i.value for i in Item]), name="actualcost_item_known"
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=1, amount__lte=MAX_ACTUAL), name="actualcost_amount_sane"
            ),
            models.CheckConstraint(condition=Q(akun__regex=AKUN_FORMAT), name="actualcost_akun_six_digits"),
        ]
        indexes = [models.Index(fields=["election", "region_code"], name="actualcost_election_region")]

    def __str__(self) -> str:
        return f"{self.item} {self.region_code} {self.amount}"
