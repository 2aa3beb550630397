"""The people importer reads an e-mail column ("Surel", "E-mail", ...) for invitations, and refuses a bad one."""

import io

import pytest

from bimtek.accounts.scoping import Scope
from bimtek.audit.models import AuditEntry
from bimtek.conftest import LENGGANG
from bimtek.elections.models import Election
from bimtek.workforce.models import Person
from bimtek.workforce.people_import import people_import
from bimtek.workforce.tests.factories import HEADERS, csv_bytes, person_row

pytestmark = pytest.mark.django_db


def _run(election: Election, rows: list[list[str]], header: str):  # type: ignore[no-untyped-def]  # pytest fixtures (settings, client, ...) are passed untyped
    data = csv_bytes(rows, [*HEADERS, header])
    return people_import(
        election=election,
        source=io.BytesIO(data),
        filename="petugas.csv",
        actor="test",
        scope=Scope(region_code=None, person_id=None),
    )


@pytest.mark.parametrize("header", ["Email", "E-mail", "Surel", "Alamat Email"])
def test_it_reads_the_email_column_under_its_usual_names(beltim_tps: Election, header: str) -> None:
    row = [*person_row(1, body="PPS", region=LENGGANG, position="Ketua"), "ketua.pps@contoh.id"]
    report = _run(beltim_tps, [row], header)
    assert report.imported == 1, report.rejected
    assert Person.objects.get().email == "ketua.pps@contoh.id"


def test_it_refuses_a_malformed_email_by_row_and_column(beltim_tps: Election) -> None:
    row = [*person_row(1, body="PPS", region=LENGGANG), "bukan-email"]
    report = _run(beltim_tps, [row], "Surel")
    assert [(p.row, p.column, p.code) for p in report.rejected] == [(2, "email", "email_invalid")]
    assert not Person.objects.exists()


def test_a_changed_email_is_audited_with_only_its_domain(beltim_tps: Election) -> None:
    _run(beltim_tps, [[*person_row(1, body="PPS", region=LENGGANG), ""]], "Email")
    report = _run(beltim_tps, [[*person_row(1, body="PPS", region=LENGGANG), "baru@contoh.id"]], "Email")
    assert report.updated == 1
    entry = AuditEntry.objects.get(action="person.update")
    assert entry.after == {"email": "***@contoh.id"}
