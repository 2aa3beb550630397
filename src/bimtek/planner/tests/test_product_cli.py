"""`bimtek plan scenario` writes what `bimtek plan solve` reads; `bimtek plan run` solves a stored plan."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from bimtek.conftest import BELTIM
from bimtek.elections.models import Election
from bimtek.planner.models import PlanStatus, TrainingSession
from bimtek.planner.services import VenueUse, plan_create, venue_create
from bimtek.planner.tests.test_product_support import tot_workforce
from bimtek.regions.models import Region

pytestmark = pytest.mark.django_db

WINDOW = ["--start", "2024-01-22", "--end", "2024-01-24"]


def scenario(tmp_path: Path, *extra: str) -> tuple[Path, dict[str, object]]:
    out = tmp_path / "beltim.json"
    stdout = io.StringIO()
    call_command(
        "plan", "scenario", BELTIM, "--election", "pemilu-2024", "--tier", "tot", *WINDOW,
        "--out", str(out), "--json", *extra, stdout=stdout,
    )  # fmt: skip
    return out, json.loads(stdout.getvalue())


def test_it_writes_a_scenario_that_plan_solve_accepts(pemilu: Election, tmp_path: Path) -> None:
    tot_workforce(pemilu, BELTIM)
    out, report = scenario(tmp_path, "--venue-capacity", "200")
    assert report["groups"] == 46 and report["participants"] == 152 and report["warnings"] == []
    data = json.loads(out.read_text())
    assert data["venues"] == [
        {"id": "aula-19.06", "region": "19.06", "capacity": 200, "sessions_per_day": 1,
         "days": ["2024-01-22", "2024-01-23", "2024-01-24"]}
    ]  # fmt: skip
    assert data["rules"]["voting_day"] == "2024-02-14"

    solved = io.StringIO()
    call_command("plan", "solve", str(out), "--time-limit", "1", "--json", stdout=solved)
    result = json.loads(solved.getvalue())
    assert result["status"] in ("OPTIMAL", "FEASIBLE") and result["violations"] == []
    assert len(result["sessions"]) == 1 and result["sessions"][0]["participants"] == 152


def test_it_includes_stored_venues_of_the_region(pemilu: Election, tmp_path: Path) -> None:
    venue_create(name="Aula Gantung", region=Region.objects.get(code="19.06.02"), capacity=80, actor="test")
    venue_create(name="Aula Purbalingga", region=Region.objects.get(code="33.03"), capacity=300, actor="test")
    out, report = scenario(tmp_path)
    assert report["venues"] == 1 and report["participants"] == 152  # nobody appointed: the norm
    assert len(report["warnings"]) == 46
    assert [v["capacity"] for v in json.loads(out.read_text())["venues"]] == [80]


def test_it_answers_with_exit_codes(pemilu: Election, tmp_path: Path) -> None:
    with pytest.raises(CommandError) as unknown_election:
        call_command("plan", "scenario", BELTIM, "--election", "nope", "--tier", "tot", *WINDOW)
    assert unknown_election.value.returncode == 2
    with pytest.raises(CommandError) as desa:
        call_command(
            "plan", "scenario", "19.06.02.2009", "--election", "pemilu-2024", "--tier", "tot", *WINDOW,
            stdout=io.StringIO(),
        )  # fmt: skip
    assert desa.value.returncode == 1  # a desa is not a ToT region
    with pytest.raises(CommandError) as bad_capacity:
        scenario(tmp_path, "--venue-capacity", "0")
    assert bad_capacity.value.returncode == 2


def test_it_runs_a_stored_plan_and_waits(pemilu: Election) -> None:
    tot_workforce(pemilu, BELTIM)
    regency = Region.objects.get(code=BELTIM)
    hall = venue_create(name="Aula KPU Beltim", region=regency, capacity=160, actor="test")
    plan = plan_create(
        election=pemilu, tier="tot", region=regency, start=pemilu.voting_day.replace(day=1),
        end=pemilu.voting_day.replace(day=2), venues=[VenueUse(hall)], actor="test",
    )  # fmt: skip
    out = io.StringIO()
    call_command("plan", "run", str(plan.pk), "--wait", "--time-limit", "1", "--json", stdout=out)
    assert json.loads(out.getvalue())["sessions"] == 1
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SOLVED and TrainingSession.objects.filter(plan=plan).count() == 1
    with pytest.raises(CommandError) as missing:
        call_command("plan", "run", "999999", "--wait")
    assert missing.value.returncode == 2
