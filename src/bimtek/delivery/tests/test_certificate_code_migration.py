"""Certificates issued before there was a typed code get one from the data migration, and it verifies."""

import datetime as dt
import importlib
from collections.abc import Iterator

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from bimtek.assessment.models import Program
from bimtek.delivery.certificates import certificate_verify
from bimtek.delivery.models import Certificate
from bimtek.delivery.tests.helpers import gantung_session
from bimtek.lib import typed_code
from bimtek.regions.models import Region
from bimtek.regions.services import bundled_regions_dir, regions_import

pytestmark = pytest.mark.django_db(transaction=True)  # migrating needs real transactions on SQLite

BEFORE = ("delivery", "0003_certificate_verification_code")  # the column exists, still empty
AFTER = ("delivery", "0005_certificate_verification_code_required")


def _migrate(target: tuple[str, str]) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate([target])


@pytest.fixture
def regions(transactional_db: None) -> None:
    if not Region.objects.exists():  # an earlier transactional test flushed them
        regions_import(path=bundled_regions_dir(), actor="test")


def _draws_twice_then_fresh() -> Iterator[str]:
    """The first two draws are the same code: a clash the migration must draw again."""
    yield from ["53XPGZFTHT7Z", "53XPGZFTHT7Z"]
    while True:
        yield typed_code.new_code()


def test_old_certificates_get_distinct_well_formed_codes_that_verify(
    regions: None, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill = importlib.import_module("bimtek.delivery.migrations.0004_certificate_verification_code_fill")
    draws, drawn = _draws_twice_then_fresh(), []

    def draw() -> str:
        drawn.append(next(draws))
        return drawn[-1]

    monkeypatch.setattr(fill, "new_code", draw)
    setup = gantung_session(request.getfixturevalue("beltim_tps"))
    program = Program.objects.create(election=setup.election, kind="kpps", name="Bimtek KPPS")
    old_codes = ["ABCDEFGHJ" + last for last in "KMNPQ"]  # 10 characters, the old alphabet
    for appointment, code in zip(setup.lenggang, old_codes, strict=False):
        Certificate.objects.create(
            program=program,
            person=appointment.person,
            region_code=appointment.region_id,
            code=code,
            completed_on=dt.date(2024, 1, 26),
        )
    try:
        _migrate(BEFORE)
        with connection.cursor() as cursor:  # as the rows stood before the migration: no typed code
            cursor.execute("UPDATE delivery_certificate SET verification_code = NULL")
        _migrate(AFTER)
    finally:
        _migrate(AFTER)  # the next test needs the schema whatever happened here

    codes = dict(Certificate.objects.values_list("code", "verification_code"))
    assert sorted(codes) == sorted(old_codes)
    assert len(set(codes.values())) == len(codes)
    assert len(drawn) == len(old_codes) + 2  # both certificates that drew the same code drew again
    for old, new in codes.items():
        assert typed_code.read(new) == ("ok", new)
        assert certificate_verify(text=typed_code.grouped(new).lower()).code == "valid"
        assert certificate_verify(text=old).code == "valid"  # the code already printed still verifies
