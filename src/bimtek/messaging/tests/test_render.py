"""Wording: placeholders render, bad wording is refused by name, addresses and links come out right."""

import datetime as dt
from urllib.parse import unquote

import pytest

from bimtek.messaging.addresses import e164, whatsapp_link
from bimtek.messaging.render import (
    DEFAULTS,
    TemplateProblem,
    check,
    compile_text,
    long_date,
    long_dates,
    render,
    slot_time,
)


def test_it_renders_every_placeholder_as_plain_text() -> None:
    body = compile_text(
        "Isi", "{{ nama }} & {{ jabatan }}: {{ tanggal }} {{ jam }} di {{ tempat }}, {{ alamat }}"
    )
    values = {
        "nama": "Siti <Aminah>",
        "jabatan": "KPPS Ketua",
        "tanggal": "Jumat, 26 Januari 2024",
        "jam": "08.00",
        "tempat": "Balai Desa",
        "alamat": "Jl. Mawar 1",
    }
    assert (
        render(body, values)
        == "Siti <Aminah> & KPPS Ketua: Jumat, 26 Januari 2024 08.00 di Balai Desa, Jl. Mawar 1"
    )


def test_the_defaults_render_with_the_sample_values() -> None:
    for subject, body in DEFAULTS.values():
        wording = check(subject, body)
        assert "Siti Aminah" in wording.body and "Balai Kecamatan Gantung" in wording.body
        assert "{{" not in wording.body and "Pemilu 2024" not in wording.subject


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Halo {{ nama_lengkap }}", "isian tidak dikenal: nama_lengkap"),
        ("Halo {{ nama.upper }}", "isian tidak dikenal: nama.upper"),
        ("Halo {{ nama.__class__ }}", "tulisan templat salah"),
        ("Halo {{ nama }", "kurung kurawal tidak lengkap"),
        ("{% if %}x{% endif %}", "tulisan templat salah"),
        ("{% for x in nama %}{{ x }}{% endfor %}", "hanya {{ isian }} dan {% if %}"),
        ('{% include "base.html" %}', "hanya {{ isian }} dan {% if %}"),
        ("{% load static %}", "tulisan templat salah"),
    ],
)
def test_it_refuses_bad_wording_naming_the_problem(body: str, expected: str) -> None:
    with pytest.raises(TemplateProblem) as info:
        check("Undangan", body)
    assert expected in info.value.message and info.value.message.startswith("Isi")


def test_it_names_the_subject_when_the_subject_is_wrong() -> None:
    with pytest.raises(TemplateProblem) as info:
        check("Undangan {{ sesi }}", "Halo {{ nama }}")
    assert info.value.message == "Subjek: isian tidak dikenal: sesi"


def test_a_whatsapp_link_carries_the_e164_number_and_the_encoded_text() -> None:
    link = whatsapp_link("0812-3456-7890", "Yth. Siti & Budi,\nbimtek 26/1 pukul 08.00?")
    assert link is not None
    assert link.startswith("https://wa.me/6281234567890?text=")
    text = link.split("?text=", 1)[1]
    assert " " not in text and "&" not in text and "\n" not in text and "/" not in text
    assert unquote(text) == "Yth. Siti & Budi,\nbimtek 26/1 pukul 08.00?"


@pytest.mark.parametrize("phone", ["", "12", "0000", "bukan nomor"])
def test_no_link_without_a_valid_number(phone: str) -> None:
    assert whatsapp_link(phone, "x") is None and e164(phone) is None


def test_slot_times_and_dates_read_in_indonesian() -> None:
    assert slot_time("07.30, 13.00", 2) == "13.00"
    assert slot_time("07.30", 3) == "sesi 3"
    assert long_date(dt.date(2024, 1, 26)) == "Jumat, 26 Januari 2024"
    assert long_dates(dt.date(2024, 1, 26), dt.date(2024, 1, 26)) == "Jumat, 26 Januari 2024"
    assert (
        long_dates(dt.date(2024, 1, 25), dt.date(2024, 1, 26))
        == "Kamis, 25 Januari 2024 s.d. Jumat, 26 Januari 2024"
    )
