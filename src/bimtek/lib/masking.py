"""Masking of personal data (UU 27/2022, PDP): NIK and phone numbers never leave unmasked in lists or logs."""

from typing import Any

PERSONAL_FIELDS = {"nik", "phone", "bpjs_number"}


def mask_nik(nik: str) -> str:
    """Keep the region part and the last two digits, enough to tell two people apart in a list."""
    if len(nik) != 16:
        return "*" * len(nik)
    return f"{nik[:4]}**********{nik[-2:]}"


def mask_phone(phone: str) -> str:
    if len(phone) <= 4:
        return "*" * len(phone)
    return (
        f"{phone[:4]}{'*' * (len(phone) - 7)}{phone[-3:]}"
        if len(phone) > 7
        else f"{'*' * (len(phone) - 3)}{phone[-3:]}"
    )


def mask_number(number: str) -> str:
    """A card number (BPJS Ketenagakerjaan): only the last three digits, enough to check a card in hand."""
    if len(number) <= 3:
        return "*" * len(number)
    return f"{'*' * (len(number) - 3)}{number[-3:]}"


# Health readings are specific personal data (UU 27/2022 Pasal 4): the audit log records that they changed,
# never their values.
HEALTH_FIELDS = {"systolic", "diastolic", "blood_sugar", "cholesterol"}


def mask_personal(values: dict[str, Any]) -> dict[str, Any]:
    masked = dict(values)
    for key in HEALTH_FIELDS & masked.keys():
        if masked[key] is not None:
            masked[key] = "***"
    for key in PERSONAL_FIELDS & masked.keys():
        value = masked[key]
        if isinstance(value, str) and value:
            masked[key] = _MASKS[key](value)
    return masked


_MASKS = {"nik": mask_nik, "phone": mask_phone, "bpjs_number": mask_number}
