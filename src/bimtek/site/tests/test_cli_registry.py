"""The operator's command line, tested through the command line: JSON contract and exit status."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from bimtek.conftest import LENGGANG
from bimtek.elections.services import bundled_tps_counts
from bimtek.workforce.models import Person
from bimtek.workforce.tests.factories import crew_rows, csv_bytes, person_row

pytestmark = pytest.mark.django_db


def run(*args: str) -> dict[str, object]:
    from io import StringIO

    out = StringIO()
    call_command(*args, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_it_creates_an_election_and_refuses_a_duplicate_slug() -> None:
    created = run(
        "election",
        "create",
        "pilkada-2024",
        "--name",
        "Pilkada 2024",
        "--kind",
        "pilkada",
        "--voting-day",
        "2024-11-27",
    )
    assert created["norms"] == {
        "ppk_per_kecamatan": 5,
        "pps_per_desa": 3,
        "kpps_per_tps": 7,
        "linmas_per_tps": 2,
    }
    with pytest.raises(CommandError) as exc:
        run(
            "election",
            "create",
            "pilkada-2024",
            "--name",
            "x",
            "--kind",
            "pilkada",
            "--voting-day",
            "2024-11-27",
        )
    assert exc.value.returncode == 1


def test_it_reports_beltim_staffing_in_the_contracted_shape(pemilu: object) -> None:
    run("import", "tps", str(bundled_tps_counts()), "--election", "pemilu-2024", "--region", "19.06")
    report = run("staffing", "19.06", "--election", "pemilu-2024")
    assert {k: report[k] for k in ("region", "kecamatan", "desa", "tps")} == {
        "region": "19.06",
        "kecamatan": 7,
        "desa": 39,
        "tps": 363,
    }
    assert report["required"] == {"ppk": 35, "pps": 117, "kpps": 2541, "linmas": 726}
    assert report["vacant"] == report["required"] and report["appointed"]["kpps"] == 0


def test_it_imports_people_twice_and_the_second_time_changes_nothing(
    beltim_tps: object, tmp_path: Path
) -> None:
    path = tmp_path / "petugas.csv"
    path.write_bytes(csv_bytes(crew_rows(LENGGANG, [1])))
    first = run("import", "people", str(path), "--election", "pemilu-2024")
    second = run("import", "people", str(path), "--election", "pemilu-2024")
    assert (first["imported"], first["unchanged"], first["rejected"]) == (9, 0, [])
    assert (second["imported"], second["unchanged"]) == (0, 9)


def test_it_exits_1_with_the_row_report_when_a_row_is_bad(
    beltim_tps: object, tmp_path: Path, capsys: object
) -> None:
    bad = person_row(2, body="KPPS", region=LENGGANG, tps="099")
    path = tmp_path / "petugas.csv"
    path.write_bytes(csv_bytes([person_row(1, body="PPS", region=LENGGANG), bad]))
    from io import StringIO

    out = StringIO()
    with pytest.raises(CommandError) as exc:
        call_command("import", "people", str(path), "--election", "pemilu-2024", "--json", stdout=out)
    assert exc.value.returncode == 1
    report = json.loads(out.getvalue())
    assert report["rejected"] == [
        {
            "row": 3,
            "column": "tps",
            "code": "tps_unknown",
            "message": "TPS 099 di desa 19.06.02.2009 belum terdaftar untuk pemilihan ini",
            "header": "TPS",  # the column as the file names it
        }
    ]
    assert Person.objects.count() == 0


def test_it_stores_the_good_rows_on_request_and_reports_a_dry_run(beltim_tps: object, tmp_path: Path) -> None:
    path = tmp_path / "petugas.csv"
    path.write_bytes(
        csv_bytes(
            [person_row(1, body="PPS", region=LENGGANG), person_row(2, body="PPS", region="19.06.02.9999")]
        )
    )
    out = StringIO()
    with pytest.raises(CommandError) as found_problems:  # a check that rejects a row exits 1
        call_command(
            "import", "people", str(path), "--election", "pemilu-2024", "--dry-run", "--keep-good-rows", "--json",
            stdout=out,
        )  # fmt: skip
    dry = json.loads(out.getvalue())
    assert found_problems.value.returncode == 1
    assert dry["dry_run"] and not dry["stored"] and Person.objects.count() == 0
    kept = run("import", "people", str(path), "--election", "pemilu-2024", "--keep-good-rows")
    assert kept["stored"] and kept["imported"] == 1 and Person.objects.count() == 1


def test_it_exits_2_for_an_unknown_election_or_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CommandError) as missing:
        run("import", "people", str(tmp_path / "tidak-ada.csv"), "--election", "x")
    assert missing.value.returncode == 2
    with pytest.raises(CommandError) as unknown:
        run("staffing", "19.06", "--election", "tidak-ada")
    assert unknown.value.returncode == 2


def test_it_rejects_a_malformed_file_with_a_clear_error(beltim_tps: object, tmp_path: Path) -> None:
    path = tmp_path / "petugas.xlsx"
    path.write_bytes(b"PK\x03\x04garbage")
    from io import StringIO

    out = StringIO()
    with pytest.raises(CommandError) as exc:
        call_command("import", "people", str(path), "--election", "pemilu-2024", "--json", stdout=out)
    assert exc.value.returncode == 1
    assert json.loads(out.getvalue())["code"] == "file_malformed"


def test_it_lists_jobs_as_json() -> None:
    from bimtek.jobs.models import Job

    job = Job.objects.create(kind="import.people", title="Impor petugas", done=5, total=10)
    listed = run("job", "list")
    assert listed["jobs"][0]["id"] == str(job.pk) and listed["jobs"][0]["percent"] == 50
