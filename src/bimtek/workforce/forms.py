from django import forms
from django.utils.translation import gettext_lazy as _

from bimtek.lib import clock
from bimtek.lib.dates import DayField
from bimtek.regions.forms import RegionField
from bimtek.workforce.models import Body, Status
from bimtek.workforce.services import END_STATUSES


class PeopleFilter(forms.Form):
    q = forms.CharField(required=False, max_length=60, label=_("Cari nama atau 4-6 digit akhir NIK"))
    body = forms.ChoiceField(
        required=False, choices=[("", _("Semua badan")), *Body.choices], label=_("Badan")
    )
    region = RegionField(required=False, label=_("Wilayah"))

    def clean_q(self) -> str:
        q: str = self.cleaned_data["q"].strip()
        # A whole NIK must never travel in a URL (UU PDP); the end of one is enough to find someone.
        if q.isdigit() and len(q) > 6:
            raise forms.ValidationError(_("Cari dengan paling banyak 6 digit akhir NIK, bukan NIK lengkap"))
        return q


class ReplaceForm(forms.Form):
    replacement_nik = forms.CharField(
        max_length=16, min_length=16, label=_("NIK pengganti (sudah terdaftar)")
    )
    status = forms.ChoiceField(
        choices=[(s.value, s.label) for s in Status if s in END_STATUSES], label=_("Alasan berhenti")
    )
    on = DayField(initial=clock.today, label=_("Tanggal penggantian"))
    reason = forms.CharField(max_length=255, label=_("Keterangan"))


class SeatFillForm(forms.Form):
    """Appoint a registered person to an empty seat of a TPS."""

    nik = forms.CharField(max_length=16, min_length=16, label=_("NIK petugas (sudah terdaftar)"))
    body = forms.ChoiceField(choices=[(b.value, b.label) for b in (Body.KPPS, Body.LINMAS)], label=_("Badan"))
    seat = forms.IntegerField(min_value=1, max_value=50, label=_("Kursi"))
    on = DayField(initial=clock.today, label=_("Mulai bertugas"))

    def clean_nik(self) -> str:
        nik: str = self.cleaned_data["nik"].strip()
        if not nik.isdigit():
            raise forms.ValidationError(_("NIK terdiri dari 16 angka"))
        return nik
