"""Dates as Indonesians write them: 07-02-2024 on every form, whatever language the browser speaks.

A browser's own date picker (`<input type="date">`) follows the phone's locale, so one operator sees
02/07/2024 and another 07/02/2024. Forms here use a text box that shows and reads dd-mm-yyyy, and also
reads the ISO form (2024-02-07) that scripts, links and older bookmarks send.
"""

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

SHOWN = "%d-%m-%Y"
READ = ["%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%d"]


def parse_day(text: str) -> dt.date | None:
    """A date typed in a plain box (outside a Django form) the way DayField reads it; None when it is not one."""
    text = text.strip()
    for fmt in READ:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def shown(day: dt.date) -> str:
    return day.strftime(SHOWN)


class DayInput(forms.DateInput):
    def __init__(self, attrs: dict[str, str] | None = None) -> None:
        defaults = {
            "placeholder": str(_("hh-bb-tttt")),
            "inputmode": "numeric",
            "pattern": r"\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|\d{4}-\d{2}-\d{2}",
            "autocomplete": "off",
            "size": "10",
        }
        super().__init__(attrs={**defaults, **(attrs or {})}, format=SHOWN)


class DayField(forms.DateField):
    """A date typed as dd-mm-yyyy (or ISO); the error says which form is expected."""

    widget = DayInput
    input_formats = READ
    default_error_messages = {"invalid": _("Tulis tanggal sebagai hh-bb-tttt, misalnya 07-02-2024")}
