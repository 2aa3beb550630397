"""The filters of the list of TPS at risk: status, reason and region, all in the URL so a filter can be saved."""

from django import forms
from django.utils.translation import gettext_lazy as _

from bimtek.readiness.core import CODE_LABELS, STATUS_LABELS, Code, Status

RISKY = ("not_ready", "at_risk")


class RiskFilter(forms.Form):
    status = forms.ChoiceField(
        required=False,
        choices=[("", _("Belum siap dan berisiko")), *((s, STATUS_LABELS[Status(s)]) for s in RISKY)],
        label=_("Status"),
    )
    alasan = forms.ChoiceField(
        required=False,
        choices=[("", _("Semua alasan")), *((c.value, CODE_LABELS[c]) for c in Code)],
        label=_("Alasan"),
    )

    def statuses(self) -> tuple[str, ...]:
        status = self.cleaned_data.get("status") if self.is_valid() else ""
        return (status,) if status else RISKY

    def reason(self) -> Code | None:
        value = self.cleaned_data.get("alasan") if self.is_valid() else ""
        return Code(value) if value else None
