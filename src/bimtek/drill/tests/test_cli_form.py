"""`bimtek form check` through the CLI: JSON report, exit status 0 / 1 / 2."""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from bimtek.drill.core.schema import form_to_json
from bimtek.drill.tests.forms import tps_004_sukamaju
from bimtek.drill.tests.test_sirekap import TPS

REAL_RECORD = {"id": "real", "votes": {"1": 100, "2": 60, "3": 50}, "valid": 220, "invalid": 1, "total": 211}


def run(*args: str) -> tuple[int, str]:
    out = StringIO()
    try:
        call_command("form", *args, stdout=out, stderr=StringIO())
    except CommandError as exc:
        return exc.returncode, out.getvalue()
    return 0, out.getvalue()


def write(tmp_path: Path, data: Any) -> str:
    path = tmp_path / "forms.json"
    path.write_text(json.dumps(data))
    return str(path)


def test_it_passes_a_clean_form_with_exit_0(tmp_path: Path) -> None:
    status, out = run("check", write(tmp_path, form_to_json(tps_004_sukamaju())), "--json")
    assert status == 0
    assert json.loads(out)["forms"] == [
        {
            "id": "tps-004-sukamaju",
            "kind": "pemilu",
            "contest": "ppwp",
            "ok": True,
            "errors": [],
            "warnings": [],
        }
    ]


def test_it_reports_the_real_record_with_exit_1(tmp_path: Path) -> None:
    status, out = run("check", write(tmp_path, [form_to_json(tps_004_sukamaju()), REAL_RECORD]), "--json")
    assert status == 1
    report = json.loads(out)
    assert [f["ok"] for f in report["forms"]] == [True, False]
    errors = report["forms"][1]["errors"]
    assert [e["code"] for e in errors] == ["valid_sum", "votes_sum"]
    assert errors[1]["fields"] == ["V.C", "V.A", "V.B"]
    assert errors[1]["values"] == {"V.C": 211, "V.A": 220, "V.B": 1}
    assert report["summary"] == {"forms": 2, "with_errors": 1}


def test_it_exits_0_on_warnings_alone(tmp_path: Path) -> None:
    form = form_to_json(tps_004_sukamaju())
    form["ballots"] = {"received": 300, "used": 174, "damaged": 1, "unused": 125}
    status, out = run("check", write(tmp_path, form), "--json")
    assert status == 0
    (checked,) = json.loads(out)["forms"]
    assert checked["errors"] == []
    assert [w["code"] for w in checked["warnings"]] == ["reserve"]


def test_it_checks_sirekap_json_too(tmp_path: Path) -> None:
    misread = {**TPS, "chart": {"100025": 40, "100026": 60, "100027": 30}}
    status, out = run("check", write(tmp_path, [TPS, misread]), "--json")
    assert status == 1
    forms = json.loads(out)["forms"]
    assert [f["id"] for f in forms] == ["form-1", "form-2"]
    assert [e["code"] for e in forms[1]["errors"]] == ["valid_sum"]


def test_it_names_the_field_with_a_wrong_type(tmp_path: Path) -> None:
    status, out = run("check", write(tmp_path, [REAL_RECORD, {"turnout": {"dpk": {"l": "dua"}}}]), "--json")
    assert status == 1
    report = json.loads(out)
    assert report["field"] == "[1].turnout.dpk.l"
    assert "[1].turnout.dpk.l: harus bilangan bulat" in report["error"]


def test_it_rejects_malformed_json_with_exit_1(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"valid": 3,')
    status, out = run("check", str(path), "--json")
    assert status == 1
    assert "bukan JSON yang sah" in json.loads(out)["error"]


def test_it_rejects_a_file_without_forms(tmp_path: Path) -> None:
    status, out = run("check", write(tmp_path, []), "--json")
    assert status == 1
    assert json.loads(out)["error"].endswith("berkas tidak berisi formulir")


def test_it_treats_a_missing_file_as_a_usage_error(tmp_path: Path) -> None:
    status, _ = run("check", str(tmp_path / "nothing.json"))
    assert status == 2


def test_it_prints_indonesian_advice_for_people(tmp_path: Path) -> None:
    status, out = run("check", write(tmp_path, REAL_RECORD))
    assert status == 1
    assert "KESALAHAN [votes_sum] V.C, V.A, V.B" in out
    assert "1 dari 1 formulir memiliki kesalahan." in out


def test_it_works_as_the_bimtek_console_command(tmp_path: Path) -> None:
    broken = form_to_json(tps_004_sukamaju())
    broken["disabled"] = form_to_json(tps_004_sukamaju())["disabled"] | {"total": 4}
    env = {
        **os.environ,
        "BIMTEK_DATA_DIR": str(tmp_path / "data"),
        "DJANGO_SETTINGS_MODULE": "bimtek.settings",
    }
    bimtek = [sys.executable, "-m", "bimtek.cli"]
    done = subprocess.run(  # noqa: S603 - our own CLI with fixed arguments
        [*bimtek, "form", "check", write(tmp_path, broken), "--json"], capture_output=True, text=True, env=env
    )
    assert done.returncode == 1, done.stderr
    (form,) = json.loads(done.stdout)["forms"]
    assert form["errors"][0]["code"] == "sum_lp"
    assert form["errors"][0]["fields"] == ["III.total", "III.l", "III.p"]


@pytest.mark.parametrize("received", [214, 216])
def test_it_uses_the_form_paths_of_the_docs(tmp_path: Path, received: int) -> None:
    form = tps_004_sukamaju()
    data = form_to_json(form)
    data["ballots"]["received"] = received
    status, out = run("check", write(tmp_path, data), "--json")
    assert status == 1
    (error,) = json.loads(out)["forms"][0]["errors"]
    assert error["code"] == "ballots_balance"
    assert error["fields"] == ["II.1", "II.2", "II.3", "II.4"]
