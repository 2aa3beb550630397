"""Importing people the way operators work: tolerant headers, a row report, all or nothing."""

import io

import pytest
from django.db import IntegrityError, transaction
from django.test import override_settings

from bimtek.accounts.scoping import Scope
from bimtek.audit.models import AuditEntry
from bimtek.conftest import LENGGANG, SELINSING
from bimtek.elections.models import Election
from bimtek.lib.tabular import TableError
from bimtek.workforce.models import Appointment, Person
from bimtek.workforce.people_import import people_import
from bimtek.workforce.tests.factories import HEADERS, crew_rows, csv_bytes, person_row, xlsx_bytes

pytestmark = pytest.mark.django_db
NATIONAL = Scope(region_code=None, person_id=None)


def run(election: Election, data: bytes, name: str = "petugas.csv", **kwargs: object):  # type: ignore[no-untyped-def]  # pytest fixtures (settings, client, ...) are passed untyped
    options = {"actor": "test", "scope": NATIONAL, **kwargs}
    return people_import(election=election, source=io.BytesIO(data), filename=name, **options)  # type: ignore[arg-type]  # test kwargs of people_import


def test_it_imports_a_crew_from_xlsx_and_changes_nothing_the_second_time(beltim_tps: Election) -> None:
    data = xlsx_bytes(crew_rows(LENGGANG, [1, 2]))
    first = run(beltim_tps, data, "petugas.xlsx")
    assert (first.imported, first.unchanged, first.rejected) == (18, 0, [])
    second = run(beltim_tps, data, "petugas.xlsx")
    assert (second.imported, second.updated, second.unchanged) == (0, 0, 18)
    assert Appointment.objects.filter(election=beltim_tps, tps__village_id=LENGGANG).count() == 18
    ketua = Appointment.objects.get(election=beltim_tps, tps__number=1, body="kpps", seat=1)
    assert ketua.position_label == "Ketua"


def test_each_new_appointment_belongs_to_the_person_on_its_row(beltim_tps: Election) -> None:
    """New people's ids are drawn before they are written (PostgreSQL) or read back (SQLite): either way each
    row's seat goes to that row's person, with the people of an earlier import already in the register."""
    run(beltim_tps, csv_bytes(crew_rows(LENGGANG, [1])))
    rows = crew_rows(LENGGANG, [2, 3], start_serial=100)
    assert run(beltim_tps, csv_bytes(rows)).imported == len(rows)
    expected = {(r[0], r[1], r[6], r[7] or r[4]) for r in rows}
    stored = {
        (a.person.nik, a.person.name, a.tps.label, a.position_label if a.body == "kpps" else "Linmas")
        for a in Appointment.objects.filter(election=beltim_tps, tps__number__in=[2, 3]).select_related(
            "person", "tps"
        )
    }
    assert stored == expected


def test_it_matches_headers_tolerantly_and_reads_semicolon_csv(beltim_tps: Election) -> None:
    headers = [
        "  nik ",
        "NAMA LENGKAP",
        "Tempat, Tanggal Lahir",
        "Nomor HP/WA",
        "Jenis Petugas",
        "Kode Desa",
        "No. TPS",
        "Jabatan",
    ]
    row = person_row(1, body="KPPS", region=LENGGANG, tps="TPS 003", position="Ketua")
    row[2] = f"Manggar, {row[2]}"
    report = run(beltim_tps, csv_bytes([row], headers, delimiter=";"))
    assert report.imported == 1, report.rejected
    person = Person.objects.get()
    assert person.phone == "+62812" + "00000001"


def test_it_reports_every_bad_row_with_row_column_and_code_and_stores_nothing(beltim_tps: Election) -> None:
    good = person_row(1, body="PPS", region=LENGGANG, position="Ketua")
    bad_nik = person_row(2, body="PPS", region=LENGGANG)
    bad_nik[0] = "12345"
    bad_body = person_row(3, body="Pengawas", region=LENGGANG)
    bad_tps = person_row(4, body="KPPS", region=LENGGANG, tps="077")
    formula = person_row(5, body="PPS", region=LENGGANG, name='=HYPERLINK("http://x")')
    report = run(beltim_tps, csv_bytes([good, bad_nik, bad_body, bad_tps, formula]))
    assert [(p.row, p.column, p.code) for p in report.rejected] == [
        (3, "nik", "nik_format"),
        (4, "body", "body_invalid"),
        (5, "tps", "tps_unknown"),
        (6, "name", "formula"),
    ]
    # People read the columns as their file names them, not the fields' codes.
    assert [p.header for p in report.rejected] == ["NIK", "Badan", "TPS", "Nama Lengkap"]
    assert "kolom Nama Lengkap:" in report.summary() and "kolom name:" not in report.summary()
    assert not report.stored
    assert Person.objects.count() == 0 and AuditEntry.objects.filter(action="people.import").count() == 0


def test_it_stores_the_good_rows_when_the_operator_asks(beltim_tps: Election) -> None:
    bad = person_row(2, body="PPS", region=LENGGANG)
    bad[2] = "31-02-1985"
    report = run(
        beltim_tps, csv_bytes([person_row(1, body="PPS", region=LENGGANG), bad]), keep_good_rows=True
    )
    assert [p.code for p in report.rejected] == ["birth_date_invalid"]
    assert report.stored and Person.objects.count() == 1


def test_it_writes_nothing_on_a_dry_run(beltim_tps: Election) -> None:
    report = run(beltim_tps, csv_bytes(crew_rows(LENGGANG, [1])), dry_run=True)
    assert report.imported == 9 and not report.stored
    assert Person.objects.count() == 0


def test_it_refuses_a_nik_that_excel_stored_as_a_number(beltim_tps: Election) -> None:
    row: list[object] = person_row(1, body="PPS", region=LENGGANG)
    row[0] = 9.106015203850001e15  # a Papua NIK typed into a number cell
    row[5] = LENGGANG
    report = run(beltim_tps, xlsx_bytes([row]), "p.xlsx")
    assert [p.code for p in report.rejected] == ["nik_number_cell"]


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({2: "12-03-1986"}, "birth_date_mismatch"),
        ({3: "12"}, "phone_invalid"),
        ({3: "08111"}, "phone_invalid"),  # possible in shape, but no Indonesian number is this short
        ({5: "19.06.02"}, "region_level"),
        ({5: "19.06.02.9999"}, "region_unknown"),
        ({7: "Anggota 9"}, "seat_invalid"),
    ],
)
def test_it_names_the_reason_for_each_kind_of_bad_cell(
    beltim_tps: Election, change: dict[int, str], code: str
) -> None:
    row = person_row(1, body="KPPS", region=LENGGANG, tps="001")
    for index, value in change.items():
        row[index] = value
    report = run(beltim_tps, csv_bytes([row]))
    assert [p.code for p in report.rejected] == [code]


def test_it_refuses_someone_under_17_and_warns_about_kpps_over_55(beltim_tps: Election) -> None:
    import datetime as dt

    young = person_row(1, body="KPPS", region=LENGGANG, tps="001", birth=dt.date(2008, 1, 1))
    old = person_row(2, body="KPPS", region=LENGGANG, tps="001", birth=dt.date(1960, 1, 1))
    report = run(beltim_tps, csv_bytes([young, old]), keep_good_rows=True)
    assert [p.code for p in report.rejected] == ["under_17"]
    assert [p.code for p in report.warnings] == ["kpps_over_55"]


def test_it_refuses_a_second_ketua_and_a_ninth_crew_member(beltim_tps: Election) -> None:
    run(beltim_tps, csv_bytes(crew_rows(LENGGANG, [1], linmas=False)))
    extra_ketua = person_row(500, body="KPPS", region=LENGGANG, tps="001", position="Ketua")
    extra_member = person_row(501, body="KPPS", region=LENGGANG, tps="001")
    report = run(beltim_tps, csv_bytes([extra_ketua, extra_member]))
    assert [p.code for p in report.rejected] == ["seat_taken", "unit_full"]


def test_it_refuses_a_person_already_serving_elsewhere_and_a_duplicate_nik(beltim_tps: Election) -> None:
    run(beltim_tps, csv_bytes([person_row(1, body="PPS", region=LENGGANG)]))
    moved = person_row(1, body="PPS", region=SELINSING)
    twice = person_row(2, body="PPS", region=SELINSING)
    report = run(beltim_tps, csv_bytes([moved, twice, twice]))
    assert [(p.row, p.code) for p in report.rejected] == [(2, "already_appointed"), (4, "duplicate_in_file")]


def test_it_updates_a_changed_phone_and_audits_it_masked(beltim_tps: Election) -> None:
    run(beltim_tps, csv_bytes([person_row(1, body="PPS", region=LENGGANG)]))
    report = run(beltim_tps, csv_bytes([person_row(1, body="PPS", region=LENGGANG, phone="0813-9999-0000")]))
    assert (report.updated, report.unchanged) == (1, 0)
    entry = AuditEntry.objects.get(action="person.update")
    assert entry.after["phone"].endswith("000") and "9999" not in entry.after["phone"]
    assert Person.objects.get().phone == "+6281399990000"


def test_it_keeps_people_outside_the_importers_region_out(beltim_tps: Election) -> None:
    report = run(
        beltim_tps, csv_bytes([person_row(1, body="PPS", region=SELINSING)]), scope=Scope(LENGGANG, None)
    )
    assert [p.code for p in report.rejected] == ["region_out_of_scope"]


def test_it_gives_a_clear_error_for_malformed_and_oversized_files(beltim_tps: Election) -> None:
    with pytest.raises(TableError) as broken:
        run(beltim_tps, b"PK\x03\x04 not really a workbook", "p.xlsx")
    assert broken.value.code == "file_malformed"
    with override_settings(IMPORT_MAX_BYTES=100), pytest.raises(TableError) as big:
        run(beltim_tps, csv_bytes(crew_rows(LENGGANG, [1])))
    assert big.value.code == "file_too_large"
    with pytest.raises(TableError) as headers:
        run(beltim_tps, b"Nama,Alamat\nBudi,Gantung\n")
    assert headers.value.code == "header_missing" and "NIK" in headers.value.message
    assert HEADERS[0] == "NIK"


def test_the_database_allows_one_active_appointment_per_person_and_election(beltim_tps: Election) -> None:
    run(beltim_tps, csv_bytes([person_row(1, body="PPS", region=LENGGANG)]))
    appointment = Appointment.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Appointment.objects.create(
            election=beltim_tps, person=appointment.person, body="pps", region_id=SELINSING, seat=2
        )


def test_it_marks_the_sirekap_operator_and_refuses_one_outside_the_kpps(beltim_tps: Election) -> None:
    headers = [*HEADERS, "Operator Sirekap"]
    operator = [*person_row(1, body="KPPS", region=LENGGANG, tps="001", position="Anggota 4"), "Ya"]
    linmas = [*person_row(2, body="Linmas", region=LENGGANG, tps="001"), "ya"]
    report = run(beltim_tps, csv_bytes([operator, linmas], headers), keep_good_rows=True)
    assert [p.code for p in report.rejected] == ["sirekap_not_kpps"]
    assert Appointment.objects.get(seat=4).sirekap_operator
