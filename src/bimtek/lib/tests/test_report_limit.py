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
    assert report.rejected_rows == set(range(2, REPORT_LIMIT + 502))  # keep-good-rows still sees every row


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
