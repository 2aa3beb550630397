import datetime as dt

import pytest

from bimtek.workforce.nik import InvalidNik, make_nik, parse_nik

TODAY = dt.date(2024, 2, 14)


def test_it_reads_region_birth_date_and_sex_of_a_woman() -> None:
    info = parse_nik("3303015203850001", today=TODAY)
    assert info.kecamatan_code == "33.03.01"
    assert info.birth_date == dt.date(1985, 3, 12)
    assert info.sex == "P"


def test_it_reads_a_man_born_this_century() -> None:
    info = parse_nik("1906021201050007", today=TODAY)
    assert (info.birth_date, info.sex) == (dt.date(2005, 1, 12), "L")


@pytest.mark.parametrize(
    ("nik", "code"),
    [
        ("330301520385000", "nik_format"),
        ("33030152038500A1", "nik_format"),
        ("9903015203850001", "nik_province"),
        ("3303013102850001", "nik_birth_date"),  # 31 February
        ("3303017203850001", "nik_birth_date"),  # day 72 - 40 = 32
        ("3303015203850000", "nik_serial"),
    ],
)
def test_it_rejects_implausible_niks_with_a_code(nik: str, code: str) -> None:
    with pytest.raises(InvalidNik) as exc:
        parse_nik(nik, today=TODAY)
    assert exc.value.problem.code == code


def test_it_only_warns_about_an_unknown_kecamatan() -> None:
    info = parse_nik("3303995203850001", today=TODAY, known_kecamatan=frozenset({"33.03.01"}))
    assert [w.code for w in info.warnings] == ["nik_kecamatan_unknown"]


def test_it_builds_synthetic_niks_that_parse_back() -> None:
    nik = make_nik("19.06.02", dt.date(1990, 7, 9), "P", 42)
    info = parse_nik(nik, today=TODAY)
    assert (info.kecamatan_code, info.birth_date, info.sex, info.serial) == (
        "19.06.02",
        dt.date(1990, 7, 9),
        "P",
        42,
    )
