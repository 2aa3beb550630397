"""The people import reads the welfare columns: bad values refuse the row by column, rules flag it."""

import datetime as dt
import io

import pytest

from bimtek.accounts.scoping import Scope
from bimtek.conftest import LENGGANG
from bimtek.elections.models import Election
from bimtek.workforce.models import Person
from bimtek.workforce.people_import import people_import
from bimtek.workforce.tests.factories import HEADERS, csv_bytes, person_row

pytestmark = pytest.mark.django_db
NATIONAL = Scope(region_code=None, person_id=None)
WELFARE_HEADERS = [
    *HEADERS,
    "Tanggal Surat Sehat",
    "Tekanan Darah",
    "Gula Darah",
    "Kolesterol",
    "BPJS",
    "No BPJS",
    "Pembayar BPJS",
    "Pernyataan Bukan Anggota Partai",
    "Pendidikan",
    "Periode",
]


def welfare_row(serial: int, election: Election, **cells: str) -> list[str]:
    """A KPPS row of TPS 001 with every welfare column filled well, changed by `cells` (by header)."""
    fresh = (election.voting_day - dt.timedelta(days=30)).strftime("%d-%m-%Y")
    good = {
        "Tanggal Surat Sehat": fresh,
        "Tekanan Darah": "120/80",
        "Gula Darah": "110 mg/dL",
        "Kolesterol": "180",
        "BPJS": "Ya",
        "No BPJS": "2401 2345 678",
        "Pembayar BPJS": "APBD",
        "Pernyataan Bukan Anggota Partai": fresh,
        "Pendidikan": "SMA",
        "Periode": "1",
    }
    good.update(cells)
    birth = cells.pop("_birth", None)
    base = person_row(
        serial,
        body="KPPS",
        region=LENGGANG,
        tps="001",
        birth=dt.date.fromisoformat(birth) if birth else dt.date(1985, 3, 12),
    )
    return base + [good[h] for h in WELFARE_HEADERS[len(HEADERS) :]]


def run(election: Election, rows: list[list[str]], headers: list[str] = WELFARE_HEADERS):  # type: ignore[no-untyped-def]  # pytest fixtures (settings, client, ...) are passed untyped
    data = csv_bytes(rows, headers)
    return people_import(
        election=election,
        source=io.BytesIO(data),
        filename="petugas.csv",
        actor="test",
        scope=NATIONAL,
        keep_good_rows=True,
    )


def test_it_stores_every_welfare_value_of_a_good_row(beltim_tps: Election) -> None:
    report = run(beltim_tps, [welfare_row(1, beltim_tps)])
    assert (report.imported, report.rejected, report.warnings) == (1, [], [])
    person = Person.objects.get()
    assert (person.systolic, person.diastolic, person.blood_sugar, person.cholesterol) == (120, 80, 110, 180)
    assert (person.bpjs_enrolled, person.bpjs_number, person.bpjs_payer) == ("yes", "24012345678", "apbd")
    assert person.party_statement and person.party_statement_date == person.health_date
    assert (person.education, person.periods_served) == ("sma", 1)


@pytest.mark.parametrize(
    ("header", "value", "code"),
    [
        ("Tanggal Surat Sehat", "kemarin", "health_date_invalid"),
        ("Tekanan Darah", "120", "blood_pressure_invalid"),
        ("Tekanan Darah", "400/80", "blood_pressure_invalid"),
        ("Gula Darah", "tinggi", "blood_sugar_invalid"),
        ("Kolesterol", "9000", "cholesterol_invalid"),
        ("BPJS", "mungkin", "bpjs_invalid"),
        ("No BPJS", "12AB", "bpjs_number_invalid"),
        ("Pembayar BPJS", "tetangga", "bpjs_payer_invalid"),
        ("Pernyataan Bukan Anggota Partai", "entah", "party_statement_invalid"),
        ("Pendidikan", "TK", "education_invalid"),
        ("Periode", "dua", "periods_served_invalid"),
    ],
)
def test_it_refuses_a_bad_value_naming_the_column_as_the_file_does(
    beltim_tps: Election, header: str, value: str, code: str
) -> None:
    report = run(beltim_tps, [welfare_row(1, beltim_tps, **{header: value})])
    assert [(p.row, p.code, p.header) for p in report.rejected] == [(2, code, header)]
    assert Person.objects.count() == 0


def test_it_never_repeats_a_bad_bpjs_number_in_the_report(beltim_tps: Election) -> None:
    report = run(beltim_tps, [welfare_row(1, beltim_tps, **{"No BPJS": "98765"})])
    assert "98765" not in report.rejected[0].message


def test_it_flags_the_rules_on_the_row_report_and_stores_the_row(beltim_tps: Election) -> None:
    old = (beltim_tps.voting_day - dt.timedelta(days=400)).strftime("%d-%m-%Y")
    over_55 = beltim_tps.voting_day.replace(year=beltim_tps.voting_day.year - 60).isoformat()
    rows = [
        welfare_row(1, beltim_tps, _birth=over_55),
        welfare_row(2, beltim_tps, **{"Tanggal Surat Sehat": ""}),
        welfare_row(3, beltim_tps, **{"Tanggal Surat Sehat": old, "Tekanan Darah": "150/95"}),
        welfare_row(4, beltim_tps, **{"BPJS": "Tidak", "No BPJS": ""}),
        welfare_row(5, beltim_tps, **{"Pernyataan Bukan Anggota Partai": "", "Pendidikan": "SMP"}),
    ]
    report = run(beltim_tps, rows)
    assert report.rejected == [] and report.imported == 5
    assert [(p.row, p.code, p.header) for p in report.warnings] == [
        (2, "kpps_over_55", "Tanggal Lahir"),
        (3, "health_missing", "Tanggal Surat Sehat"),
        (4, "health_old", "Tanggal Surat Sehat"),
        (4, "blood_pressure_high", "Tekanan Darah"),
        (5, "bpjs_missing", "BPJS"),
        (6, "party_statement_missing", "Pernyataan Bukan Anggota Partai"),
        (6, "education_below_sma", "Pendidikan"),
    ]


def test_it_refuses_someone_under_17_by_the_welfare_rule(beltim_tps: Election) -> None:
    day_after = beltim_tps.voting_day + dt.timedelta(days=1)
    birth = day_after.replace(year=day_after.year - 17).isoformat()
    report = run(beltim_tps, [welfare_row(1, beltim_tps, _birth=birth)])
    assert [(p.code, p.header) for p in report.rejected] == [("under_17", "Tanggal Lahir")]


def test_it_flags_nothing_about_columns_the_file_does_not_have(beltim_tps: Election) -> None:
    report = run(beltim_tps, [person_row(1, body="KPPS", region=LENGGANG, tps="001")], HEADERS)
    assert (report.imported, report.warnings) == (1, [])
    assert Person.objects.get().bpjs_enrolled == "unknown"


def test_a_blank_cell_does_not_erase_a_stored_value(beltim_tps: Election) -> None:
    run(beltim_tps, [welfare_row(1, beltim_tps)])
    report = run(beltim_tps, [welfare_row(1, beltim_tps, **{"BPJS": "", "No BPJS": "", "Pendidikan": ""})])
    assert report.unchanged == 1
    person = Person.objects.get()
    assert (person.bpjs_enrolled, person.education) == ("yes", "sma")


def test_a_number_without_the_yes_means_enrolled(beltim_tps: Election) -> None:
    run(beltim_tps, [welfare_row(1, beltim_tps, BPJS="")])
    assert Person.objects.get().bpjs_enrolled == "yes"
