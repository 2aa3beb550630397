"""Dates on forms read and show as Indonesians write them."""

import datetime as dt

from django import forms

from bimtek.lib.dates import DayField


class Form(forms.Form):
    day = DayField()


def test_it_reads_dd_mm_yyyy_and_iso_and_shows_dd_mm_yyyy() -> None:
    for typed in ("07-02-2024", "7/2/2024", "07.02.2024", "2024-02-07"):
        form = Form({"day": typed})
        assert form.is_valid() and form.cleaned_data["day"] == dt.date(2024, 2, 7), typed
    html = str(Form(initial={"day": dt.date(2024, 2, 7)})["day"])
    assert 'value="07-02-2024"' in html and 'type="text"' in html and 'inputmode="numeric"' in html


def test_a_date_it_cannot_read_says_how_to_write_it() -> None:
    form = Form({"day": "02/30/2024"})
    assert not form.is_valid() and "hh-bb-tttt" in form.errors["day"][0]
