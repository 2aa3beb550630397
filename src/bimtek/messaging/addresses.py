"""Where a message goes: an E.164 number for SMS, a wa.me click-to-chat link for WhatsApp. No Django here."""

from __future__ import annotations

from urllib.parse import quote

import phonenumbers


def e164(phone: str) -> str | None:
    """'+6281234567890' for '0812-3456-7890' (region ID); None when the number is missing or not valid."""
    if not phone.strip():
        return None
    try:
        parsed = phonenumbers.parse(phone, "ID")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(parsed):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def whatsapp_link(phone: str, text: str) -> str | None:
    """https://wa.me/<number without +>?text=<text>; the operator's phone opens the chat with it typed."""
    number = e164(phone)
    if number is None:
        return None
    return f"https://wa.me/{number.lstrip('+')}?text={quote(text, safe='')}"
