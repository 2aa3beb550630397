import io

import pytest

from bimtek.conftest import LENGGANG
from bimtek.elections.models import TPS, Election
from bimtek.elections.services import tps_import

pytestmark = pytest.mark.django_db


def run(election: Election, text: str, **kwargs: object):  # type: ignore[no-untyped-def]  # pytest fixtures (settings, client, ...) are passed untyped
    return tps_import(
        election=election, source=io.BytesIO(text.encode()), filename="tps.csv", actor="test", **kwargs
    )  # type: ignore[arg-type]  # test kwargs of the importer


def test_it_creates_regular_and_special_tps_from_a_count_per_desa(pemilu: Election) -> None:
    report = run(pemilu, f"village_code,tps_count,tps_regular,tps_special_9xx\n{LENGGANG},4,3,1\n")
    assert report.imported == 4
    assert list(TPS.objects.filter(village_id=LENGGANG).values_list("number", flat=True)) == [1, 2, 3, 901]


def test_it_imports_a_tps_list_and_keeps_stored_dpt_when_a_cell_is_blank(pemilu: Election) -> None:
    run(
        pemilu,
        f"Kode Desa;Nomor TPS;DPT;Alamat\n{LENGGANG};TPS 001;250;Balai Desa\n{LENGGANG};002;198;SD 2\n",
    )
    report = run(pemilu, f"Kode Desa;Nomor TPS;DPT;Alamat\n{LENGGANG};001;;\n{LENGGANG};002;201;\n")
    assert (report.imported, report.updated, report.unchanged) == (0, 1, 1)
    assert dict(TPS.objects.values_list("number", "voters")) == {1: 250, 2: 201}
    assert TPS.objects.get(number=1).address == "Balai Desa"


def test_it_reports_unknown_desa_and_duplicate_tps_and_stores_nothing(pemilu: Election) -> None:
    report = run(
        pemilu, f"Kode Desa,Nomor TPS\n{LENGGANG},1\n19.06.02.9999,1\n{LENGGANG},001\n{LENGGANG},abc\n"
    )
    assert [(p.row, p.code) for p in report.rejected] == [
        (3, "village_unknown"),
        (4, "tps_duplicate"),
        (5, "number_invalid"),
    ]
    assert not report.stored and TPS.objects.count() == 0


def test_it_keeps_only_rows_inside_the_chosen_region(pemilu: Election) -> None:
    report = run(pemilu, f"village_code,tps_count\n{LENGGANG},2\n33.03.01.2001,5\n", region_code="19.06")
    assert report.imported == 2 and not report.rejected
