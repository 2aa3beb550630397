"""The budget command, through the command: the hand-computed total in JSON, the text report, usage errors."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from bimtek.budget.tests.helpers import HAND_TOTAL, small_plan
from bimtek.conftest import BELTIM
from bimtek.elections.models import Election

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    from io import StringIO

    out = StringIO()
    call_command("budget", *args, stdout=out)
    return out.getvalue()


def test_it_prints_the_estimate_of_a_plan_as_json(pemilu: Election) -> None:
    world = small_plan(pemilu)
    report = json.loads(_run("estimate", "--election", pemilu.slug, "--region", BELTIM,
                             "--plan", str(world.plan.pk), "--json"))  # fmt: skip
    assert report["total"] == HAND_TOTAL and report["sessions"] == 3
    assert {line["akun"] for line in report["lines"]} == {"521211", "521213", "522141", "524113"}
    assert report["total_words"].endswith("rupiah")


def test_it_prints_estimate_against_actual_for_people(pemilu: Election) -> None:
    small_plan(pemilu)
    text = _run("actual", "--election", pemilu.slug, "--region", BELTIM, "--tier", "tot")
    assert "Rp13.280.000" in text and "Terbilang realisasi: nol rupiah" in text
    report = json.loads(_run("actual", "--election", pemilu.slug, "--region", BELTIM, "--json"))
    assert (report["estimate"], report["actual"]) == (HAND_TOTAL, 0)
    assert [c["code"] for c in report["children"]] == ["19.06.01", "19.06.02"]


@pytest.mark.parametrize(
    "args",
    [
        ("--election", "tidak-ada", "--region", BELTIM),
        ("--election", "pemilu-2024", "--region", "99.99"),
        ("--election", "pemilu-2024", "--region", BELTIM, "--plan", "999999"),
        ("--election", "pemilu-2024", "--region", BELTIM, "--session", "999999"),
    ],
)
def test_a_wrong_name_is_a_usage_error(pemilu: Election, args: tuple[str, ...]) -> None:
    with pytest.raises(CommandError) as refused:
        _run("estimate", *args)
    assert refused.value.returncode == 2
