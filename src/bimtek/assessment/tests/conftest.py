"""Fixtures of the assessment tests: an election with its programs, the starter bank and a crew.

- `seeded`: Pemilu 2024 with the standard programs and the starter bank;
- `lenggang_crews`: 2 TPS crews of desa Lenggang (14 KPPS, 4 Linmas) and one PPS member.
"""

import io

import pytest

from bimtek.accounts.scoping import Scope
from bimtek.assessment.bank import questions_import_starter
from bimtek.assessment.curriculum import programs_seed
from bimtek.assessment.models import Program, Stage, TestForm
from bimtek.conftest import LENGGANG
from bimtek.elections.models import Election
from bimtek.workforce.people_import import people_import
from bimtek.workforce.tests.factories import crew_rows, csv_bytes, person_row


@pytest.fixture
def seeded(pemilu: Election) -> Election:
    programs_seed(election=pemilu, actor="test")
    questions_import_starter(election=pemilu, actor="test")
    return pemilu


@pytest.fixture
def lenggang_crews(seeded: Election, beltim_tps: Election) -> Election:
    rows = crew_rows(LENGGANG, [1, 2]) + [
        person_row(900, body="PPS", region=LENGGANG, name="Siti Lenggang Rahasia")
    ]
    report = people_import(
        election=seeded,
        source=io.BytesIO(csv_bytes(rows)),
        filename="p.csv",
        actor="test",
        scope=Scope(None, None),
    )
    assert report.stored, report.rejected
    return seeded


def kpps_form(election: Election, stage: str = Stage.PRE) -> TestForm:
    return TestForm.objects.get(program__election=election, program__kind="kpps", stage=stage)


def kpps_program(election: Election) -> Program:
    return Program.objects.get(election=election, kind="kpps")
