"""The C.Hasil as a web form: one number input per box, laid out by the form's sections."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bimtek.drill.core.form import LABELS, LP_COLUMNS, LP_ROWS, label
from bimtek.drill.form_check import MAX_PAIRS
from bimtek.regions.forms import RegionField

SECTIONS = (
    ("I", _("I. Data pemilih dan pengguna hak pilih")),
    ("II", _("II. Data penggunaan surat suara")),
    ("III", _("III. Pemilih disabilitas")),
    ("IV", _("IV. Suara sah pasangan calon")),
    ("V", _("V. Jumlah suara sah dan tidak sah")),
)


class BoxesForm(forms.Form):
    """One optional whole number per box path; the checker, not the form, judges the numbers."""

    def __init__(self, *args: Any, paths: Iterable[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for path in paths:
            self.fields[path] = forms.IntegerField(
                required=False,
                label=label(path),
                widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0, "max": 999}),
            )

    def values(self) -> dict[str, int | None]:
        return {path: self.cleaned_data.get(path) for path in self.fields}


@dataclass
class Line:
    label: str
    path: str  # the row (I.A) for an L/P row, the box (II.1) otherwise
    fields: list[forms.BoundField]


@dataclass
class Section:
    key: str
    title: str
    lp: list[Line] = field(default_factory=list)  # rows with L, P and jumlah
    single: list[Line] = field(default_factory=list)


def sections(form: BoxesForm) -> list[Section]:
    """The bound fields grouped as the paper form prints them, for the template."""
    result = {key: Section(key, str(title)) for key, title in SECTIONS}
    for row in LP_ROWS:
        bound = [form[f"{row}.{c}"] for c in LP_COLUMNS if f"{row}.{c}" in form.fields]
        if bound:
            section = result["III" if row == "III" else "I"]
            section.lp.append(Line(LABELS[row], row, bound))
    for path in form.fields:
        head, _sep, column = path.rpartition(".")
        if head in LP_ROWS and column in LP_COLUMNS:
            continue
        key = path.split(".")[0]
        result[key].single.append(Line(label(path), path, [form[path]]))
    return [s for s in result.values() if s.lp or s.single]


def mark(form: BoxesForm, *, wrong: Iterable[str] = (), flagged: Iterable[str] = ()) -> None:
    """Colour the inputs: wrong against the truth, or named by a violated rule."""
    wrong, flagged = set(wrong), set(flagged)
    for path, f in form.fields.items():
        classes = [c for c, hit in (("wrong", path in wrong), ("flagged", path in flagged)) if hit]
        f.widget.attrs["class"] = " ".join(classes)
        if classes:
            f.widget.attrs["aria-invalid"] = "true"


class CheckEntryForm(forms.Form):
    """What identifies the form typed on the check page; the boxes come in a BoxesForm beside it."""

    region_code = RegionField(label=_("Desa/kelurahan"), required=False, levels=(4,))
    tps = forms.IntegerField(label=_("Nomor TPS"), required=False, min_value=1, max_value=999)


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Berkas XLSX, CSV atau JSON (Sirekap)"))


def pairs_from(query: Mapping[str, Any], default: int) -> int:
    """The number of candidate pairs from ?paslon=, kept to 1..MAX_PAIRS."""
    try:
        pairs = int(query.get("paslon", default))
    except (TypeError, ValueError):
        return default
    return min(max(pairs, 1), MAX_PAIRS)
