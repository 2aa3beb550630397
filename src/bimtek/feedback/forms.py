"""The participant's forms: the code from their card, then the questionnaire with one 1-5 choice per question."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from bimtek.feedback.models import REMARKS_MAX
from bimtek.feedback.selectors import Questionnaire
from bimtek.feedback.services import Answers

SCALE = [(n, str(n)) for n in range(1, 6)]


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Kode peserta (di bawah QR pada kartu peserta Anda)"),
        max_length=120,
        error_messages={"required": _("Isi kode peserta")},
    )


def _score(label: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=SCALE,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext("Pilih nilai 1-5 untuk: %(label)s") % {"label": label},
            "invalid_choice": gettext("Nilai untuk '%(label)s' harus 1-5") % {"label": label},
        },
    )


class SurveyForm(forms.Form):
    """Fixed questions; the modules and facilitators come from the participant's questionnaire."""

    code = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, questionnaire: Questionnaire, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questionnaire = questionnaire
        self.fields["satisfaction"] = _score(gettext("Kepuasan Anda secara keseluruhan"))
        for module_id, title in questionnaire.modules:
            self.fields[f"m{module_id}"] = _score(title)
        for person_id, name in questionnaire.facilitators:
            self.fields[f"f{person_id}"] = _score(name)
        self.fields["remarks"] = forms.CharField(
            label=_("Saran dan catatan (tanpa nama)"),
            required=False,
            strip=True,
            max_length=REMARKS_MAX,
            widget=forms.Textarea(attrs={"rows": 3, "maxlength": REMARKS_MAX}),
            error_messages={
                "max_length": gettext("Saran dan catatan paling panjang %(n)d huruf") % {"n": REMARKS_MAX}
            },
        )

    def module_fields(self) -> list[forms.BoundField]:
        return [self[f"m{m}"] for m, _ in self.questionnaire.modules]

    def facilitator_fields(self) -> list[forms.BoundField]:
        return [self[f"f{f}"] for f, _ in self.questionnaire.facilitators]

    def answers(self) -> Answers:
        data = self.cleaned_data
        return Answers(
            satisfaction=data["satisfaction"],
            modules={m: data[f"m{m}"] for m, _ in self.questionnaire.modules},
            facilitators={f: data[f"f{f}"] for f, _ in self.questionnaire.facilitators},
            remarks=data.get("remarks") or "",
        )
