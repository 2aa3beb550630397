from django import forms
from django.utils.translation import gettext_lazy as _

from bimtek.lib.dates import DayField


class BatchForm(forms.Form):
    """The day of a batch of sheets or cards: empty for every day; dd-mm-yyyy or ISO."""

    tanggal = DayField(label=_("Tanggal sesi"), required=False)
