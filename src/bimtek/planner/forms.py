from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bimtek.lib.dates import DayField
from bimtek.planner.models import SLOT_TIMES, Tier, Venue
from bimtek.regions.forms import RegionField

# The plan-create page plans these; a make-up plan (susulan) is proposed from its own page.
PLAN_TIERS = [(t.value, t.label) for t in (Tier.TOT, Tier.BIMTEK, Tier.PENDALAMAN)]

AREA_CHOICES = [
    ("any", _("siapa saja")),
    ("kabupaten", _("dari kabupaten yang sama")),
    ("kecamatan", _("dari kecamatan yang sama")),
    ("desa", _("dari desa yang sama")),
]
LOCALITY_CHOICES = [
    ("prefer", _("utamakan kecamatan sendiri")),
    ("strict", _("hanya di kecamatan sendiri")),
    ("desa", _("balai desa sendiri atau aula kecamatan")),
    ("any", _("di mana saja")),
]


class VenueChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Venue) -> str:  # type: ignore[override]  # narrower than Model: only venues
        return f"{obj.name} · {obj.capacity} orang · {obj.region_id}"


class PlanForm(forms.Form):
    tier = forms.ChoiceField(choices=PLAN_TIERS, label=_("Jenjang"))
    start = DayField(label=_("Tanggal mulai"))
    end = DayField(label=_("Tanggal selesai"))
    venues = VenueChoiceField(
        queryset=Venue.objects.none(), widget=forms.CheckboxSelectMultiple, label=_("Tempat")
    )
    sessions_per_day = forms.IntegerField(
        min_value=1, max_value=6, initial=1, label=_("Sesi per hari per tempat")
    )
    include_linmas = forms.BooleanField(required=False, label=_("Sertakan Linmas (bimtek)"))
    locality = forms.ChoiceField(choices=LOCALITY_CHOICES, initial="prefer", label=_("Lokasi peserta"))
    not_before = DayField(required=False, label=_("Tidak sebelum (mis. pelantikan KPPS)"))
    min_days_before_voting = forms.IntegerField(
        required=False, min_value=0, max_value=120, label=_("Paling lambat H-… sebelum pemungutan suara")
    )
    facilitators_per_session = forms.IntegerField(
        min_value=0, max_value=10, initial=0, label=_("Fasilitator per sesi (bimtek)")
    )
    facilitator_area = forms.ChoiceField(choices=AREA_CHOICES, initial="any", label=_("Fasilitator"))

    def __init__(self, *args: Any, venues: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["venues"].queryset = venues  # type: ignore[attr-defined]  # fields[...] is typed Field; this one is a ModelChoiceField

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("Tanggal selesai harus sama dengan atau sesudah tanggal mulai"))
        return data

    def rules(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "locality": d["locality"],
            "not_before": d["not_before"],
            "min_days_before_voting": d["min_days_before_voting"],
            "facilitators_per_session": d["facilitators_per_session"],
            "facilitator_area": d["facilitator_area"],
        }


class VenueForm(forms.Form):
    name = forms.CharField(max_length=150, label=_("Nama tempat"))
    region = RegionField(label=_("Wilayah"))
    capacity = forms.IntegerField(min_value=1, max_value=5000, label=_("Kapasitas (orang)"))
    address = forms.CharField(max_length=255, required=False, label=_("Alamat"))


def slot_choices() -> list[tuple[int, str]]:
    return [(n, f"{n} ({SLOT_TIMES[n]})" if n in SLOT_TIMES else str(n)) for n in range(1, 7)]


class SessionCreateForm(forms.Form):
    venue = forms.ModelChoiceField(queryset=Venue.objects.none(), label=_("Tempat"))
    date = DayField(label=_("Tanggal"))
    slot = forms.TypedChoiceField(coerce=int, choices=slot_choices, label=_("Sesi (jam)"))
    groups = forms.MultipleChoiceField(
        choices=(), widget=forms.CheckboxSelectMultiple, label=_("Kelompok yang dipindah ke sesi ini")
    )
    facilitators = forms.MultipleChoiceField(
        choices=(), required=False, widget=forms.CheckboxSelectMultiple, label=_("Fasilitator")
    )

    def __init__(self, *args: Any, venues: Any, groups: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["venue"].queryset = venues  # type: ignore[attr-defined]  # fields[...] is typed Field; this one is a ModelChoiceField
        self.fields["groups"].choices = groups  # type: ignore[attr-defined]  # fields[...] is typed Field; this one is a ChoiceField
        self.fields["facilitators"].choices = people  # type: ignore[attr-defined]  # fields[...] is typed Field; this one is a ChoiceField


class MakeupForm(forms.Form):
    start = DayField(label=_("Tanggal mulai"))
    end = DayField(label=_("Tanggal selesai"))
    sessions_per_day = forms.IntegerField(
        min_value=1, max_value=6, initial=2, label=_("Sesi per hari per tempat")
    )
    facilitators_per_session = forms.IntegerField(
        min_value=0, max_value=10, initial=1, label=_("Fasilitator per sesi")
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("Tanggal selesai harus sama dengan atau sesudah tanggal mulai"))
        return data
