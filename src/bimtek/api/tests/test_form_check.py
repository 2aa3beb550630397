"""`POST forms/check/`: the CLI's check over HTTP, with the CLI's JSON, and a 400 that names the field."""

import json
from collections.abc import Callable
from contextlib import suppress
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from rest_framework.test import APIClient

from bimtek.accounts.models import User
from bimtek.api import views_form_check
from bimtek.drill.core.schema import form_to_json
from bimtek.drill.tests.forms import tps_004_sukamaju

pytestmark = pytest.mark.django_db

URL = "/api/v1/forms/check/"
# The published record of domain.md, with the turnout box filled: V.C says 211, the voters were 221.
BROKEN = {
    "id": "catatan-nyata",
    "turnout": {"total": {"total": 221}},
    "votes": {"1": 100, "2": 60, "3": 50},
    "valid": 220,
    "invalid": 1,
    "total": 211,
}


def cli_check(tmp_path: Path, body: Any) -> dict[str, Any]:
    path = tmp_path / "forms.json"
    path.write_text(json.dumps(body))
    out = StringIO()
    with suppress(CommandError):  # exit 1: some form has errors; the report is on stdout all the same
        call_command("form", "check", str(path), "--json", stdout=out, stderr=StringIO())
    report: dict[str, Any] = json.loads(out.getvalue())
    return report


def test_it_answers_what_the_cli_answers_for_a_broken_form(
    tmp_path: Path, pps_lenggang: User, client_for: Callable[[User | None], APIClient]
) -> None:
    body = [form_to_json(tps_004_sukamaju()), BROKEN]
    response = client_for(pps_lenggang).post(URL, body, format="json")
    assert response.status_code == 200
    report = response.json()
    assert report == cli_check(tmp_path, body)
    assert [f["ok"] for f in report["forms"]] == [True, False]
    assert [e["code"] for e in report["forms"][1]["errors"]] == ["valid_sum", "votes_sum", "votes_vs_turnout"]
    assert report["summary"] == {"forms": 2, "with_errors": 1}


def test_it_takes_a_single_form_as_the_cli_does(
    tmp_path: Path, pps_lenggang: User, client_for: Callable[[User | None], APIClient]
) -> None:
    report = client_for(pps_lenggang).post(URL, BROKEN, format="json").json()
    assert report == cli_check(tmp_path, BROKEN)
    assert [f["id"] for f in report["forms"]] == ["catatan-nyata"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ([{"votes": {"1": 10}}, {"votes": {"2": "enam puluh"}}], "[1].votes.2"),
        ({"valid": 10, "vaild": 11}, "vaild"),
        ({"kind": "pileg"}, "kind"),
        ([], ""),
    ],
)
def test_it_answers_400_naming_the_field_of_a_malformed_form(
    body: Any, field: str, pps_lenggang: User, client_for: Callable[[User | None], APIClient]
) -> None:
    response = client_for(pps_lenggang).post(URL, body, format="json")
    assert response.status_code == 400
    assert response.json()["field"] == field
    assert response.json()["detail"]


def test_it_answers_400_to_a_body_that_is_not_json(
    pps_lenggang: User, client_for: Callable[[User | None], APIClient]
) -> None:
    response = client_for(pps_lenggang).post(URL, "{valid: 1", content_type="application/json")
    assert response.status_code == 400
    assert client_for(pps_lenggang).post(URL, {"valid": "1"}).status_code == 415  # a form post, not JSON


def test_it_checks_forms_only_for_signed_in_users(client_for: Callable[[User | None], APIClient]) -> None:
    assert client_for(None).post(URL, BROKEN, format="json").status_code in (401, 403)


def test_it_sends_a_body_too_large_or_too_many_forms_to_the_cli(
    pps_lenggang: User,
    client_for: Callable[[User | None], APIClient],
    settings: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    client = client_for(pps_lenggang)
    monkeypatch.setattr(views_form_check, "MAX_ROWS", 2)
    too_many = client.post(URL, [BROKEN] * 3, format="json")
    assert too_many.status_code == 400 and "bimtek form check" in too_many.json()["detail"]
    settings.IMPORT_MAX_BYTES = 100
    too_large = client.post(URL, BROKEN, format="json")
    assert too_large.status_code == 400 and too_large.json()["field"] == ""
