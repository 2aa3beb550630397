"""The welfare and eligibility rules with no database: a case on each side of each rule."""

import datetime as dt

import pytest

from bimtek.workforce.core.welfare import (
    HEALTH_MAX_AGE_DAYS,
    Bpjs,
    Education,
    Health,
    Person,
    Severity,
    age_on,
    findings,
)

VOTING_DAY = dt.date(2024, 2, 14)
FRESH = Health(
    statement_date=dt.date(2024, 1, 10), systolic=120, diastolic=80, blood_sugar=110, cholesterol=180
)


def person(birth: dt.date = dt.date(1990, 5, 1), body: str = "kpps", **changes: object) -> Person:
    values: dict[str, object] = {
        "health": FRESH,
        "bpjs": Bpjs.YES,
        "party_statement": True,
        "education": Education.SMA,
        **changes,
    }
    return Person(birth_date=birth, body=body, **values)  # type: ignore[arg-type]  # test shorthand


def codes(p: Person) -> list[str]:
    return [f.code for f in findings(p, VOTING_DAY)]


def test_it_finds_nothing_for_a_complete_record() -> None:
    assert codes(person()) == []


def test_it_counts_the_birthday_itself() -> None:
    assert age_on(dt.date(2007, 2, 14), VOTING_DAY) == 17
    assert age_on(dt.date(2007, 2, 15), VOTING_DAY) == 16


def test_it_ages_a_29_february_birthday_on_1_march() -> None:
    assert age_on(dt.date(2004, 2, 29), dt.date(2023, 2, 28)) == 18
    assert age_on(dt.date(2004, 2, 29), dt.date(2023, 3, 1)) == 19


def test_it_refuses_someone_who_turns_17_the_day_after_voting_day() -> None:
    found = findings(person(dt.date(2007, 2, 15)), VOTING_DAY)
    assert [(f.code, f.severity) for f in found] == [("under_17", Severity.REFUSE)]
    assert "16 tahun" in found[0].message
    assert "PKPU 8/2022 Pasal 35" in found[0].source.citation


def test_it_accepts_someone_who_turns_17_on_voting_day() -> None:
    assert codes(person(dt.date(2007, 2, 14))) == []


@pytest.mark.parametrize("body", ["ppk", "pps", "kpps", "linmas"])
def test_it_refuses_the_under_17_of_every_body(body: str) -> None:
    assert "under_17" in codes(person(dt.date(2008, 1, 1), body))


def test_it_does_not_flag_a_kpps_of_55() -> None:
    assert codes(person(dt.date(1968, 2, 15))) == []  # 55 on voting day, 56 the next day


def test_it_flags_a_kpps_of_56_without_refusing() -> None:
    found = findings(person(dt.date(1968, 2, 14)), VOTING_DAY)
    assert [(f.code, f.severity) for f in found] == [("kpps_over_55", Severity.FLAG)]


@pytest.mark.parametrize("body", ["linmas", "pps", "ppk"])
def test_it_does_not_flag_56_outside_kpps(body: str) -> None:
    assert codes(person(dt.date(1968, 2, 14), body)) == []


def test_it_flags_a_missing_health_statement() -> None:
    assert codes(person(health=Health())) == ["health_missing"]


def test_it_accepts_a_statement_of_exactly_the_limit_and_flags_one_day_older() -> None:
    limit = VOTING_DAY - dt.timedelta(days=HEALTH_MAX_AGE_DAYS)
    assert codes(person(health=Health(statement_date=limit))) == []
    older = Health(statement_date=limit - dt.timedelta(days=1))
    assert codes(person(health=older)) == ["health_old"]


@pytest.mark.parametrize(
    ("health", "code"),
    [
        (Health(FRESH.statement_date, systolic=140, diastolic=80), "blood_pressure_high"),
        (Health(FRESH.statement_date, systolic=139, diastolic=90), "blood_pressure_high"),
        (Health(FRESH.statement_date, blood_sugar=200), "blood_sugar_high"),
        (Health(FRESH.statement_date, cholesterol=240), "cholesterol_high"),
    ],
)
def test_it_flags_high_readings(health: Health, code: str) -> None:
    assert codes(person(health=health)) == [code]


def test_it_does_not_flag_readings_just_below_the_cut_offs() -> None:
    below = Health(FRESH.statement_date, systolic=139, diastolic=89, blood_sugar=199, cholesterol=239)
    assert codes(person(health=below)) == []


@pytest.mark.parametrize("bpjs", [Bpjs.NO, Bpjs.UNKNOWN])
def test_it_flags_bpjs_not_enrolled_or_unknown(bpjs: Bpjs) -> None:
    assert codes(person(bpjs=bpjs)) == ["bpjs_missing"]


def test_it_flags_a_missing_party_statement_for_ad_hoc_bodies_only() -> None:
    assert codes(person(party_statement=False)) == ["party_statement_missing"]
    assert codes(person(body="linmas", party_statement=False)) == []


def test_it_flags_education_below_sma_and_not_sma_or_unknown() -> None:
    assert codes(person(education=Education.SMP)) == ["education_below_sma"]
    assert codes(person(education=Education.SMA)) == []
    assert codes(person(education=None)) == []
    assert codes(person(body="linmas", education=Education.SD)) == []


def test_it_lists_refusals_first() -> None:
    found = findings(person(dt.date(2008, 1, 1), health=Health(), bpjs=Bpjs.NO), VOTING_DAY)
    assert found[0].code == "under_17"
    assert {f.severity for f in found[1:]} == {Severity.FLAG}


def test_every_finding_has_a_short_label_without_numbers() -> None:
    from bimtek.workforce.core.welfare import FINDING_LABELS

    everything = person(
        dt.date(2008, 1, 1), health=Health(dt.date(2020, 1, 1), 150, 95, 250, 300), bpjs=Bpjs.NO
    )
    everything_else = person(dt.date(1960, 1, 1), party_statement=False, education=Education.SD)
    codes_seen = set(codes(everything)) | set(codes(everything_else)) | {"health_missing"}
    assert codes_seen == set(FINDING_LABELS)
