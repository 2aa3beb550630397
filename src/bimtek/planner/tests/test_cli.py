"""`bimtek plan solve` through the command line: JSON out, exit codes, the bad field named."""

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

BIMTEK = Path(sys.executable).with_name("bimtek")

SCENARIO: dict[str, Any] = {
    "window": {"start": "2024-01-22", "end": "2024-01-24"},
    "venues": [
        {"id": "braling", "region": "33.03", "capacity": 300, "sessions_per_day": 1,
         "days": ["2024-01-22", "2024-01-23", "2024-01-24"]}
    ],
    "groups": [
        {"id": "ppk-33.03.01", "region": "33.03.01", "size": 5, "splittable": False},
        {"id": "pps-33.03.01.2001", "region": "33.03.01.2001", "size": 3},
        {"id": "kpps-gabungan", "region": "33.03.02", "size": 500, "splittable": True},
    ],
    "facilitators": [],
    "rules": {},
}  # fmt: skip


def write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def run(path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "BIMTEK_DATA_DIR": str(path.parent),
        "DJANGO_SETTINGS_MODULE": "bimtek.test_settings",
    }
    return subprocess.run(  # noqa: S603 - our own console script
        [str(BIMTEK), "plan", "solve", str(path), "--time-limit", "3", *extra],
        capture_output=True, text=True, env=env, check=False, timeout=120,
    )  # fmt: skip


def test_it_prints_the_plan_as_json_and_exits_0(tmp_path: Path) -> None:
    done = run(write(tmp_path, SCENARIO), "--json")

    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["status"] == "OPTIMAL"
    assert result["lower_bound_sessions"] == 2 == len(result["sessions"])
    assert result["gap"] == 0
    assert result["violations"] == []
    assert result["unplanned"] == []
    session = result["sessions"][0]
    assert set(session) >= {"venue", "date", "slot", "groups", "participants", "facilitators"}
    assert sum(s["participants"] for s in result["sessions"]) == 508


def test_it_explains_an_infeasible_scenario_and_exits_1(tmp_path: Path) -> None:
    short = {**SCENARIO, "window": {"start": "2024-01-22", "end": "2024-01-22"}}
    done = run(write(tmp_path, short), "--json")

    assert done.returncode == 1
    result = json.loads(done.stdout)
    assert result["status"] == "INFEASIBLE"
    assert result["explanation"]["message"].startswith("Butuh 2 sesi (508 peserta, 300 kursi per sesi)")
    shortage = result["explanation"]["shortage"]
    assert (shortage["sessions_needed"], shortage["sessions_available"], shortage["shortfall"]) == (2, 1, 208)
    assert result["unplanned"]


def test_it_names_the_bad_field_and_exits_1(tmp_path: Path) -> None:
    bad = json.loads(json.dumps(SCENARIO))
    bad["venues"][0]["capacity"] = 0
    done = run(write(tmp_path, bad), "--json")

    assert done.returncode == 1
    assert json.loads(done.stdout)["error"] == "venues[0].capacity: harus bilangan bulat positif"


def test_it_exits_2_on_a_missing_file(tmp_path: Path) -> None:
    done = run(tmp_path / "nowhere.json")
    assert done.returncode == 2
    assert "tidak ditemukan" in done.stderr


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["groups"][1].pop("size"), "groups[1].size: wajib diisi"),
        (lambda d: d["window"].update(end="2024-01-21"), "window.end: tidak boleh sebelum window.start"),
        (
            lambda d: d["rules"].update(facilitator_locality="pulau"),
            "rules.facilitator_locality: harus salah satu dari",
        ),
        (
            lambda d: d["venues"][0]["days"].append("kemarin"),
            "venues[0].days[3]: harus tanggal berformat YYYY-MM-DD",
        ),
    ],
)
def test_it_rejects_bad_input_through_call_command(tmp_path: Path, change: Any, message: str) -> None:
    data = json.loads(json.dumps(SCENARIO))
    change(data)
    with pytest.raises(CommandError) as raised:
        call_command("plan", "solve", str(write(tmp_path, data)), "--json")
    assert raised.value.returncode == 1
    assert str(raised.value).startswith(message)


def test_it_prints_a_readable_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    call_command("plan", "solve", str(write(tmp_path, SCENARIO)), "--time-limit", "3")
    out = capsys.readouterr().out
    assert "Status: OPTIMAL" in out
    assert "Januari 2024 sesi 1 @ braling: 254 peserta" in out
