"""What `bimtek import people` says and how it exits: a check that rejects rows exits 1, a refused file
reports nothing as imported, and an empty spreadsheet is `file_empty`."""

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from bimtek.conftest import LENGGANG
from bimtek.workforce.models import Person
from bimtek.workforce.tests.factories import csv_bytes, person_row

pytestmark = pytest.mark.django_db


def refused(path: Path, *options: str) -> tuple[int, dict[str, Any]]:
    out = StringIO()
    with pytest.raises(CommandError) as exc:
        call_command(
            "import", "people", str(path), "--election", "pemilu-2024", *options, "--json", stdout=out
        )
    return exc.value.returncode, json.loads(out.getvalue())


@pytest.fixture
def one_bad_row(tmp_path: Path) -> Path:
    path = tmp_path / "petugas.csv"
    good, bad = person_row(1, body="PPS", region=LENGGANG), person_row(2, body="PPS", region="19.06.02.9999")
    path.write_bytes(csv_bytes([good, bad]))
    return path


def test_a_dry_run_that_rejects_a_row_exits_1(beltim_tps: object, one_bad_row: Path) -> None:
    status, report = refused(one_bad_row, "--dry-run")
    assert status == 1 and report["dry_run"] and len(report["rejected"]) == 1
    assert report["imported"] == 1  # a check says what would be stored
    assert Person.objects.count() == 0


def test_a_refused_file_reports_nothing_imported(beltim_tps: object, one_bad_row: Path) -> None:
    status, report = refused(one_bad_row)
    assert status == 1 and not report["stored"]
    assert report["imported"] == 0 and report["updated"] == 0 and report["would_import"] == 1
    assert Person.objects.count() == 0


@pytest.mark.parametrize("name", ["petugas.xlsx", "petugas.csv"])
def test_an_empty_file_is_file_empty(name: str, beltim_tps: object, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_bytes(b"")
    status, answer = refused(path)
    assert status == 1 and answer["code"] == "file_empty" and "Calamine" not in answer["error"]
