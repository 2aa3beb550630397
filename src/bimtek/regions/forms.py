"""A region field that takes a name or a code, with suggestions from the region search."""

from __future__ import annotations

from typing import Any, TypeVar

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from bimtek.regions import selectors
from bimtek.regions.models import Region


class RegionInput(forms.TextInput):
    """A text box that region-picker.js turns into a search by name (a datalist of suggestions)."""

    def __init__(self, levels: tuple[int, ...] = (), attrs: dict[str, Any] | None = None) -> None:
        base = {
            "data-region-search": reverse_lazy("regions:search"),
            "autocomplete": "off",
            "placeholder": _("Ketik nama atau kode wilayah"),
        }
        if levels:
            base["data-levels"] = ",".join(str(level) for level in levels)
        super().__init__(attrs={**base, **(attrs or {})})


class RegionField(forms.CharField):
    """Cleans to a region code. Accepts a code, a picked suggestion ("Nama — … (kode)") or a unique name."""

    def __init__(self, *, levels: tuple[int, ...] = (), **kwargs: Any) -> None:
        self.levels = levels
        self.queryset: Any = Region.objects.all()  # narrowed to the user's scope by within_scope()
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("widget", RegionInput(levels))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> str:
        text = super().to_python(value)
        if not text:
            return ""
        try:
            code = selectors.resolve(self.queryset, text, levels=self.levels)
        except selectors.Ambiguous as many:
            where = "; ".join(f"{m.label} ({m.code})" for m in many.matches[:5])
            raise forms.ValidationError(
                _("Ada beberapa wilayah bernama “%(name)s”: %(where)s. Pilih salah satu dari saran."),
                code="region_ambiguous",
                params={"name": text, "where": where},
            ) from None
        if code is None:
            raise forms.ValidationError(
                _(
                    "Tidak ada wilayah bernama “%(name)s”. Ketik sebagian nama lalu pilih dari saran, atau tulis kodenya."
                ),
                code="region_unknown",
                params={"name": text},
            )
        return code


F = TypeVar("F", bound=forms.BaseForm)


def within_scope(form: F, user: Any) -> F:
    """Names typed into the form's region fields are looked up among the regions this user may see."""
    for field in form.fields.values():
        if isinstance(field, RegionField):
            field.queryset = Region.objects.visible_to(user)
    return form
