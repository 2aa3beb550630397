from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from bimtek.assessment.models import FormMode


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Berkas XLSX atau CSV"))
    dry_run = forms.BooleanField(required=False, initial=True, label=_("Periksa saja (tidak disimpan)"))
    keep_good_rows = forms.BooleanField(
        required=False, label=_("Simpan baris yang benar walau ada baris ditolak")
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("Hanya berkas .xlsx atau .csv"))
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(_("Berkas terlalu besar; pecah menjadi beberapa berkas"))
        return upload


class ModuleForm(forms.Form):
    title = forms.CharField(max_length=200, label=_("Judul"))
    minutes = forms.IntegerField(min_value=1, max_value=1440, label=_("Menit"))
    questions = forms.IntegerField(min_value=0, max_value=100, label=_("Soal per tes"))
    objectives = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), label=_("Tujuan belajar")
    )
    regulations = forms.CharField(required=False, max_length=1000, label=_("Rujukan regulasi"))


class PassMarkForm(forms.Form):
    pass_mark = forms.IntegerField(min_value=0, max_value=100, label=_("Nilai lulus (%)"))


class TestFormSettingsForm(forms.Form):
    __test__ = False  # a form, not tests for pytest

    mode = forms.ChoiceField(choices=FormMode.choices, label=_("Penyusunan soal"))
    time_limit_minutes = forms.IntegerField(
        required=False, min_value=1, max_value=600, label=_("Batas waktu (menit, kosong = tanpa batas)")
    )
    max_attempts = forms.IntegerField(min_value=1, max_value=10, label=_("Kesempatan mengerjakan"))
    shuffle_options = forms.BooleanField(required=False, label=_("Acak urutan pilihan jawaban"))
