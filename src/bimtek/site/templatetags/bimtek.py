import datetime as dt
from typing import Any

from django import template

from bimtek.audit import words
from bimtek.delivery.models import part_label
from bimtek.lib import clock
from bimtek.lib.masking import mask_nik, mask_number, mask_phone
from bimtek.workforce.core import welfare

register = template.Library()


@register.filter
def part(value: str) -> str:
    """A part of the session's day in words: "pagi" -> Pagi (Morning in English)."""
    return part_label(value or "")


@register.filter
def parts(values: Any) -> str:
    """Parts of the day in words, joined: "pagi, siang" -> Pagi, Siang."""
    return ", ".join(part_label(v) for v in values or ())


@register.filter
def nik_masked(value: str) -> str:
    return mask_nik(value or "")


@register.filter
def phone_masked(value: str) -> str:
    return mask_phone(value or "")


@register.filter
def number_masked(value: str) -> str:
    return mask_number(value or "")


@register.filter
def age_on(birth_date: dt.date, day: dt.date | None = None) -> int:
    """Whole years on `day` (today by the app's clock), by the welfare rules' own count."""
    return welfare.age_on(birth_date, day or clock.today())


@register.filter
def get(mapping: dict[str, object], key: str) -> object:
    return mapping.get(key)


@register.filter
def percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 100


@register.simple_tag
def whatsapp_link(phone: str) -> str:
    return f"https://wa.me/{phone.lstrip('+')}" if phone else ""


@register.filter
def app_clock(moment: dt.datetime | None) -> dt.datetime | None:
    """A stored moment on the app's calendar (moved with a pinned BIMTEK_TODAY), for `|date` to format."""
    return clock.shown(moment)


@register.filter
def audit_action(code: str) -> str:
    """An audit entry's action in words (the code stays in the markup)."""
    return words.action_words(code)


@register.filter
def audit_object(code: str) -> str:
    return words.object_words(code)


@register.filter
def audit_change(change: Any) -> list[tuple[str, str]]:
    """The before or after of an audit entry as (field, value) in words: no Python dicts, no None."""
    return words.change_words(change)
