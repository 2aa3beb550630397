"""Personal data masked by one rule: NIK, phone and now the BPJS Ketenagakerjaan card number."""

from bimtek.lib.masking import mask_number, mask_personal


def test_it_keeps_only_the_last_three_digits_of_a_card_number() -> None:
    assert mask_number("12345678901") == "********901"
    assert mask_number("12") == "**"


def test_it_masks_the_bpjs_number_in_audit_values() -> None:
    masked = mask_personal({"bpjs_number": "12345678901", "name": "Siti"})
    assert masked == {"bpjs_number": "********901", "name": "Siti"}


def test_health_readings_are_recorded_as_changed_never_as_values() -> None:
    from bimtek.lib.masking import mask_personal

    masked = mask_personal(
        {"systolic": 150, "diastolic": 95, "blood_sugar": None, "cholesterol": 250, "name": "A"}
    )
    assert masked == {
        "systolic": "***",
        "diastolic": "***",
        "blood_sugar": None,
        "cholesterol": "***",
        "name": "A",
    }
