"""The budget's forms: what the page is of (plan, tier, session), a unit cost, an actual cost."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from bimtek.budget.core import LABELS, MAX_ACTUAL, MAX_UNIT_COST, Item
from bimtek.lib.dates import DayField
from bimtek.planner.models import Tier

ITEMS = [(item.value, LABELS[item]) for item in Item]
TIERS = [("", _("semua jenjang")), *Tier.choices]
RUPIAH_ERRORS = {
    "invalid": _("Jumlah berupa bilangan bulat rupiah, tanpa titik atau koma"),
    "min_value": _("Jumlah tidak boleh negatif"),
    "max_value": _("Jumlah terlalu besar; periksa angkanya"),
}


class FocusForm(forms.Form):
    """The query string of the page and the export: ?rencana=ID&jenjang=tot&sesi=ID&gelombang=YYYY-MM-DD (all optional)."""

    rencana = forms.IntegerField(required=False, min_value=1)
    jenjang = forms.ChoiceField(required=False, choices=TIERS)
    sesi = forms.IntegerField(required=False, min_value=1)
    gelombang = DayField(required=False)


class UnitCostForm(forms.Form):
    region = forms.CharField(required=False, max_length=13, widget=forms.HiddenInput)
    item = forms.ChoiceField(label=_("Komponen"), choices=ITEMS)
    amount = forms.IntegerField(
        label=_("Biaya satuan (Rp)"), min_value=0, max_value=MAX_UNIT_COST, error_messages=RUPIAH_ERRORS
    )
    akun = forms.CharField(label=_("Akun belanja"), max_length=6, min_length=6, required=False)
    source = forms.CharField(
        label=_("Sumber (mis. SBM 2024, SK Sekretaris KPU)"), max_length=255, required=False
    )


class ActualCostForm(forms.Form):
    region = forms.CharField(required=False, max_length=13, widget=forms.HiddenInput)
    item = forms.ChoiceField(label=_("Komponen"), choices=ITEMS)
    amount = forms.IntegerField(
        label=_("Jumlah (Rp)"), min_value=1, max_value=MAX_ACTUAL, error_messages=RUPIAH_ERRORS
    )
    akun = forms.CharField(label=_("Akun belanja"), max_length=6, min_length=6, required=False)
    tier = forms.ChoiceField(label=_("Jenjang"), choices=TIERS, required=False)
    note = forms.CharField(label=_("Keterangan (mis. kuitansi katering)"), max_length=255, required=False)
