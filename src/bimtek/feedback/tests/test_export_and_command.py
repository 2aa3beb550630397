"""The XLSX export opens with openpyxl and holds the rows; the command prints the same results as JSON."""

import io
import json

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from bimtek.accounts.models import User
from bimtek.feedback.tests.helpers import Survey, answer

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(survey: Survey) -> Survey:
    for a, sat in zip(survey.lenggang[:3], (5, 4, 3), strict=True):
        answer(survey, a, sat, [5, 4, 3], [4, 5])
    return survey


def test_the_export_opens_and_has_a_row_per_session_facilitator_and_module(
    answered: Survey, kpu_beltim: User
) -> None:
    client = Client()
    client.force_login(kpu_beltim)
    url = reverse("feedback:results_xlsx", args=[answered.session.plan.election.slug]) + "?region=19.06"
    book = load_workbook(io.BytesIO(client.get(url).content), read_only=True)
    assert book.sheetnames == ["Per sesi", "Per fasilitator", "Per modul"]
    sessions = list(book["Per sesi"].iter_rows(values_only=True))
    assert sessions[1][2:4] == (3, 4.0) and sessions[1][-1] == "n < 5: belum cukup data"
    facilitators = {r[0]: r[2:4] for r in list(book["Per fasilitator"].iter_rows(values_only=True))[1:]}
    assert facilitators == {"Bu Fasilitator Lenggang": (3, 4.0), "Pak Fasilitator Selingsing": (3, 5.0)}
    modules = [r[0] for r in list(book["Per modul"].iter_rows(values_only=True))[1:]]
    assert modules == [str(m) for m in answered.modules]


def test_the_command_prints_the_results_as_json(answered: Survey, capsys: pytest.CaptureFixture[str]) -> None:
    slug = answered.session.plan.election.slug
    call_command("feedback", "results", "--election", slug, "--region", "19.06", "--json")
    data = json.loads(capsys.readouterr().out)
    assert data["region"] == "19.06" and data["overall"]["n"] == 3 and data["overall"]["mean"] == 4.0
    assert data["overall"]["small"] is True
    assert [m["n"] for m in data["modules"]] == [3, 3, 3]
    assert [m["mean"] for m in data["modules"]] == [5.0, 4.0, 3.0]
    assert {f["label"] for f in data["facilitators"]} == {
        "Bu Fasilitator Lenggang",
        "Pak Fasilitator Selingsing",
    }


def test_the_command_sees_nothing_of_another_region(
    answered: Survey, capsys: pytest.CaptureFixture[str]
) -> None:
    call_command(
        "feedback",
        "results",
        "--election",
        answered.session.plan.election.slug,
        "--region",
        "33.03",
        "--json",
    )
    data = json.loads(capsys.readouterr().out)
    assert data["overall"]["n"] == 0 and data["sessions"] == [] and data["modules"] == []


def test_the_command_prints_a_table_for_people(answered: Survey, capsys: pytest.CaptureFixture[str]) -> None:
    call_command(
        "feedback", "results", "--election", answered.session.plan.election.slug, "--region", "19.06"
    )
    out = capsys.readouterr().out
    assert "3 jawaban, kepuasan 4.00" in out and "Tata kerja dan kode etik KPPS" in out
    assert "n < 5: belum cukup data" in out
