"""Sirekap's public per-TPS JSON becomes a form; what Sirekap lacks stays empty."""

import pytest

from bimtek.drill.core.checker import check
from bimtek.drill.core.form import boxes
from bimtek.drill.core.schema import FormDataError
from bimtek.drill.core.sirekap import form_from_sirekap, is_sirekap

ADMINISTRASI = {
    "suara_sah": 136,
    "suara_total": 142,
    "pemilih_dpt_j": 156,
    "pemilih_dpt_l": 74,
    "pemilih_dpt_p": 82,
    "pengguna_dpt_j": 140,
    "pengguna_dpt_l": 65,
    "pengguna_dpt_p": 75,
    "pengguna_dptb_j": 0,
    "pengguna_dptb_l": 0,
    "pengguna_dptb_p": 0,
    "suara_tidak_sah": 6,
    "pengguna_total_j": 142,
    "pengguna_total_l": 66,
    "pengguna_total_p": 76,
    "pengguna_non_dpt_j": 2,
    "pengguna_non_dpt_l": 1,
    "pengguna_non_dpt_p": 1,
}
TPS = {
    "chart": {"null": None, "100027": 36, "100025": 40, "100026": 60},
    "administrasi": ADMINISTRASI,
    "psu": None,
    "ts": "2024-02-16 09:30:28",
    "status_suara": True,
    "status_adm": True,
}


def test_it_maps_every_sirekap_number_to_its_box() -> None:
    found = boxes(form_from_sirekap(TPS, form_id="3101011001001"))
    assert {path: found[path] for path in ("I.A.l", "I.A.p", "I.A.total")} == {
        "I.A.l": 74,
        "I.A.p": 82,
        "I.A.total": 156,
    }
    assert (found["I.B.1.total"], found["I.B.2.total"], found["I.B.3.l"], found["I.B.4.p"]) == (140, 0, 1, 76)
    assert (found["V.A"], found["V.B"], found["V.C"]) == (136, 6, 142)
    assert (found["IV.1"], found["IV.2"], found["IV.3"]) == (40, 60, 36)


def test_it_leaves_the_ballot_and_disability_sections_empty() -> None:
    found = boxes(form_from_sirekap(TPS, form_id="x"))
    assert all(found[path] is None for path in ("II.1", "II.2", "II.3", "II.4", "III.total"))
    assert check(form_from_sirekap(TPS, form_id="x")).codes == set()


def test_it_checks_a_sirekap_record_with_a_misread_total() -> None:
    misread = {**TPS, "administrasi": {**ADMINISTRASI, "suara_total": 112}}
    codes = [v.code for v in check(form_from_sirekap(misread, form_id="x")).errors]
    assert codes == ["votes_sum", "votes_vs_turnout"]


def test_it_accepts_a_record_not_yet_uploaded() -> None:
    form = form_from_sirekap({"chart": None, "administrasi": None, "psu": None}, form_id="x")
    assert set(boxes(form).values()) == {None}


def test_it_numbers_unknown_candidate_ids_in_their_order() -> None:
    form = form_from_sirekap({"chart": {"200002": 5, "200001": 7}}, form_id="x")
    assert dict(form.votes) == {"1": 7, "2": 5}


def test_it_names_the_sirekap_field_with_a_wrong_type() -> None:
    with pytest.raises(FormDataError) as caught:
        form_from_sirekap({"administrasi": {**ADMINISTRASI, "pengguna_dptb_l": "0"}}, form_id="x")
    assert caught.value.path == "administrasi.pengguna_dptb_l"


def test_it_tells_sirekap_from_the_bimtek_schema() -> None:
    assert is_sirekap(TPS)
    assert not is_sirekap({"kind": "pemilu", "votes": {}})
    assert not is_sirekap([TPS])
