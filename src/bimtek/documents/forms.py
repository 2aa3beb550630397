"""The print form (what, where, when) and the template and rate forms of a KPU admin."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bimtek.documents.build import ERR_DATES, Request
from bimtek.documents.models import BATCH_KINDS, DocumentTemplate
from bimtek.lib.dates import DayField
from bimtek.regions.forms import RegionField
from bimtek.workforce.models import Body


class PrintForm(forms.Form):
    kind = forms.ChoiceField(label=_("Dokumen"), choices=BATCH_KINDS)
    region = RegionField(label=_("Wilayah"), required=False)
    bodies = forms.MultipleChoiceField(
        label=_("Badan"),
        choices=Body.choices,
        initial=[Body.KPPS],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Pilih minimal satu badan")},
    )
    date_from = DayField(label=_("Tanggal mulai kegiatan"))
    date_to = DayField(label=_("Tanggal selesai kegiatan"))
    letter_date = DayField(label=_("Tanggal surat"), required=False)
    place = forms.CharField(label=_("Tempat kegiatan"), max_length=200, required=False)
    activity = forms.CharField(label=_("Kegiatan"), max_length=200, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if isinstance(start, dt.date) and isinstance(end, dt.date) and end < start:
            self.add_error("date_to", ERR_DATES)
        return data

    def request_for(self, election_id: int) -> Request:
        d = self.cleaned_data
        return Request(
            kind=d["kind"],
            election_id=election_id,
            region_code=d["region"] or "",
            date_from=d["date_from"],
            date_to=d["date_to"],
            bodies=list(d["bodies"]),
            place=d["place"],
            activity=d["activity"],
            letter_date=d["letter_date"],
        )


class TemplateForm(forms.ModelForm):
    class Meta:
        model = DocumentTemplate
        fields = [
            "title",
            "body",
            "number_pattern",
            "kpu_name",
            "address",
            "city",
            "signatory_name",
            "signatory_position",
        ]
        labels = {
            "title": _("Judul"),
            "body": _("Isi"),
            "number_pattern": _("Pola nomor"),
            "kpu_name": _("Nama KPU (kop surat)"),
            "address": _("Alamat"),
            "city": _("Kota"),
            "signatory_name": _("Nama penandatangan"),
            "signatory_position": _("Jabatan penandatangan"),
        }


class RateForm(forms.Form):
    body = forms.ChoiceField(label=_("Badan"), choices=Body.choices)
    transport = forms.IntegerField(label=_("Transport per hari (Rp)"), min_value=0, max_value=100_000_000)
    honorarium = forms.IntegerField(label=_("Honorarium per sesi (Rp)"), min_value=0, max_value=100_000_000)
