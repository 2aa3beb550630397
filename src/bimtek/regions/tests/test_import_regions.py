from pathlib import Path

import pytest

from bimtek.audit.models import AuditEntry
from bimtek.regions.models import Level, Region
from bimtek.regions.services import bundled_regions_dir, regions_import

pytestmark = pytest.mark.django_db


def test_it_loads_the_whole_country() -> None:
    counts = {level: Region.objects.filter(level=level).count() for level in Level}
    assert counts == {Level.PROVINSI: 38, Level.KABKOTA: 514, Level.KECAMATAN: 7285, Level.DESA: 83762}
    assert Region.objects.filter(level=Level.DESA, kind="kelurahan").count() == 8496


def test_it_changes_nothing_when_run_again() -> None:
    report = regions_import(path=bundled_regions_dir(), actor="test")
    assert (report.imported, report.updated, report.unchanged) == (0, 0, 91599)


def test_it_counts_belitung_timur_by_code_prefix() -> None:
    assert Region.objects.below("19.06", Level.KECAMATAN).count() == 7
    assert Region.objects.below("19.06", Level.DESA).count() == 39


def test_it_updates_a_renamed_village(tmp_path: Path) -> None:
    (tmp_path / "villages.csv").write_text(
        "code,district_code,name,kind\n19.06.02.2009,19.06.02,Lenggang Baru,desa\n"
    )
    report = regions_import(path=tmp_path / "villages.csv", actor="test")
    assert (report.imported, report.updated) == (0, 1)
    assert Region.objects.get(code="19.06.02.2009").name == "Lenggang Baru"


def test_it_rejects_a_file_with_a_bad_row_and_stores_nothing(tmp_path: Path) -> None:
    (tmp_path / "villages.csv").write_text(
        "code,district_code,name,kind\n19.06.02.2999,19.06.02,Desa Baru,desa\n19.06.99.2001,19.06.99,Tanpa Induk,desa\n"
    )
    entries = AuditEntry.objects.count()
    report = regions_import(path=tmp_path / "villages.csv", actor="test")
    assert [(p.row, p.column, p.code) for p in report.rejected] == [(3, "district_code", "parent_unknown")]
    assert not report.stored
    assert not Region.objects.filter(code="19.06.02.2999").exists()
    assert AuditEntry.objects.count() == entries


def test_it_stores_the_good_rows_when_asked(tmp_path: Path) -> None:
    (tmp_path / "villages.csv").write_text(
        "code,district_code,name,kind\n19.06.02.2999,19.06.02,Desa Baru,desa\n19.06.02.29,19.06.02,Kode Pendek,desa\n"
    )
    report = regions_import(path=tmp_path / "villages.csv", actor="test", keep_good_rows=True)
    assert [p.code for p in report.rejected] == ["code_format"]
    assert Region.objects.get(code="19.06.02.2999").parent_id == "19.06.02"
