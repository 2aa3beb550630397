import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from bimtek.workforce.models import Body, Status
from bimtek.workforce.services import END_STATUSES


class PeopleFilter(forms.Form):
    q = forms.CharField(required=False, max_length=60, label=_("Cari nama atau 4-6 digit akhir NIK"))
    body = forms.ChoiceField(
        required=False, choices=[("", _("Semua badan")), *Body.choices], label=_("Badan")
    )
    region = forms.CharField(required=False, max_length=13, label=_("Kode wilayah"))

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
    on = forms.DateField(
        initial=dt.date.today, label=_("Tanggal penggantian"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = forms.CharField(max_length=255, label=_("Keterangan"))
