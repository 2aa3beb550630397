"""A file full of bad rows gives a report of bounded size: the first problems one by one, the rest counted."""

import io
import json

import pytest

from bimtek.accounts.scoping import Scope
from bimtek.conftest import LENGGANG
from bimtek.elections.models import Election
from bimtek.lib.reports import REPORT_LIMIT, ImportReport
from bimtek.workforce.models import Person
from bimtek.workforce.people_import import people_import
from bimtek.workforce.tests.factories import csv_bytes, person_row


def test_the_report_names_the_first_problems_and_counts_all_of_them() -> None:
    report = ImportReport()
    for row in range(2, REPORT_LIMIT + 502):
        report.reject(row, "nik", "nik_invalid", "NIK harus 16 digit")
        if row % 2:
            report.reject(row, "birth_date", "date_invalid", "Tanggal lahir tidak terbaca")
    data = report.as_dict()
    assert len(data["rejected"]) == REPORT_LIMIT and data["rejected"][0]["row"] == 2
    assert data["rejected_total"] == REPORT_LIMIT + 500 + (REPORT_LIMIT + 500) // 2
    assert data["rejected_by_code"] == {
        "nik_invalid": REPORT_LIMIT + 500,
        "date_invalid": (REPORT_LIMIT + 500) // 2,
    }
    assert data["rejected_row_count"] == REPORT_LIMIT + 500
    assert len(report.rejected) <= 2 * REPORT_LIMIT  # the rest is counted, not kept: bounded memory
    assert min(report.rejected_rows) == 2


def test_a_problem_found_late_on_an_early_row_is_still_among_the_first_named() -> None:
    report = ImportReport()
    for row in range(100, 100 + 5 * REPORT_LIMIT):
        report.reject(row, "nik", "nik_invalid", "NIK harus 16 digit")
    report.reject(
        3, "nik", "nik_duplicate", "NIK sama dengan baris 2"
    )  # the duplicate pass runs after parsing
    data = report.as_dict()
    assert data["rejected"][0] == {
        "row": 3, "column": "nik", "code": "nik_duplicate", "message": "NIK sama dengan baris 2", "header": ""
    }  # fmt: skip
    assert [p["row"] for p in data["rejected"][1:4]] == [100, 101, 102]
    assert (
        data["rejected_total"] == 5 * REPORT_LIMIT + 1 and data["rejected_row_count"] == 5 * REPORT_LIMIT + 1
    )


def test_a_checker_that_lists_every_problem_keeps_them_all() -> None:
    report = ImportReport(keep=None)
    for row in range(2, 3 * REPORT_LIMIT):
        report.reject(row, "nik", "nik_invalid", "NIK harus 16 digit")
    assert report.rejected_rows == set(range(2, 3 * REPORT_LIMIT))


@pytest.mark.django_db
def test_a_people_file_of_bad_rows_gives_a_small_report_and_stores_nothing(beltim_tps: Election) -> None:
    rows = [person_row(i, body="PPS", region=LENGGANG) for i in range(1, 3001)]
    for r in rows:
        r[0] = "12345"  # no NIK is 5 digits
    report = people_import(
        election=beltim_tps,
        source=io.BytesIO(csv_bytes(rows)),
        filename="bad.csv",
        actor="test",
        scope=Scope(None, None),
    )
    data = report.as_dict()
    assert data["stored"] is False and Person.objects.count() == 0
    assert data["rejected_row_count"] == 3000 and len(data["rejected"]) == REPORT_LIMIT
    assert data["rejected_by_code"] == {"nik_format": 3000}
    assert len(json.dumps(data)) < 400_000
