from django import forms
from django.utils.translation import gettext_lazy as _

from bimtek.speakers.models import Division


class SpeakerForm(forms.Form):
    name = forms.CharField(label=_("Nama"), max_length=150)
    institution = forms.CharField(
        label=_("Instansi"), max_length=150, help_text=_("mis. KPU Kabupaten Belitung Timur")
    )
    division = forms.ChoiceField(label=_("Divisi atau lembaga"), choices=Division.choices)
    division_other = forms.CharField(label=_("Divisi atau lembaga lainnya"), max_length=150, required=False)
    phone = forms.CharField(label=_("Nomor HP"), max_length=20, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    active = forms.BooleanField(label=_("Aktif"), required=False, initial=True)
