from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from bimtek.elections.models import Election

ALLOWED_SUFFIXES = (".csv", ".xlsx")


class ImportForm(forms.Form):
    what = forms.ChoiceField(
        choices=[("people", _("Petugas (PPK/PPS/KPPS/Linmas)")), ("tps", _("TPS"))], label=_("Jenis data")
    )
    election = forms.ModelChoiceField(queryset=Election.objects.all(), label=_("Pemilihan"), empty_label=None)
    file = forms.FileField(label=_("Berkas CSV atau XLSX"))
    dry_run = forms.BooleanField(required=False, initial=True, label=_("Periksa saja (tidak disimpan)"))
    keep_good_rows = forms.BooleanField(
        required=False, label=_("Simpan baris yang benar walau ada baris ditolak")
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(ALLOWED_SUFFIXES):
            raise forms.ValidationError(_("Hanya berkas .csv atau .xlsx"))
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(_("Berkas terlalu besar; pecah menjadi beberapa berkas"))
        return upload
