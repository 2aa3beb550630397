import io

import pytest

from bimtek.accounts.scoping import Scope
from bimtek.conftest import BELTIM, LENGGANG, PURBALINGGA, load_tps
from bimtek.elections.models import Election
from bimtek.workforce.people_import import people_import
from bimtek.workforce.selectors import staffing, staffing_of_children
from bimtek.workforce.tests.factories import crew_rows, csv_bytes, person_row

pytestmark = pytest.mark.django_db
NATIONAL = Scope(region_code=None, person_id=None)


def test_it_gives_belitung_timur_the_152_tot_trainees_kpu_beltim_reported(beltim_tps: Election) -> None:
    result = staffing(election=beltim_tps, region_code=BELTIM).as_dict()
    assert (result["kecamatan"], result["desa"]) == (7, 39)
    assert (result["required"]["ppk"], result["required"]["pps"], result["trainees_tot"]) == (35, 117, 152)
    assert result["tps"] == 363  # Pemilu 2024 TPS in Beltim per KPU's public data
    assert result["required"]["kpps"] == 7 * 363


def test_it_gives_purbalingga_the_807_tot_trainees_kpu_purbalingga_trained(pemilu: Election) -> None:
    result = staffing(election=pemilu, region_code=PURBALINGGA).as_dict()
    assert (result["kecamatan"], result["desa"]) == (18, 239)
    assert result["required"]["ppk"] + result["required"]["pps"] == 807


def test_it_counts_appointed_and_vacant_seats(beltim_tps: Election) -> None:
    rows = crew_rows(LENGGANG, [1, 2]) + [person_row(900, body="PPS", region=LENGGANG, position="Ketua")]
    rows = rows[:-2] + rows[-1:]  # the second TPS misses one Linmas
    report = people_import(
        election=beltim_tps,
        source=io.BytesIO(csv_bytes(rows)),
        filename="p.csv",
        actor="test",
        scope=NATIONAL,
    )
    assert report.stored, report.rejected
    desa = staffing(election=beltim_tps, region_code=LENGGANG).as_dict()
    assert desa["appointed"] == {"ppk": 0, "pps": 1, "kpps": 14, "linmas": 3}
    assert desa["vacant"] == {"ppk": 0, "pps": 2, "kpps": 7 * 12 - 14, "linmas": 2 * 12 - 3}


def test_it_rolls_children_up_to_the_same_totals_as_the_parent(beltim_tps: Election) -> None:
    people_import(
        election=beltim_tps,
        source=io.BytesIO(csv_bytes(crew_rows(LENGGANG, [3]))),
        filename="p.csv",
        actor="test",
        scope=NATIONAL,
    )
    parent = staffing(election=beltim_tps, region_code=BELTIM)
    children = staffing_of_children(election=beltim_tps, region_code=BELTIM)
    assert len(children) == 7
    for body in ("ppk", "pps", "kpps", "linmas"):
        assert sum(c.required[body] for c in children) == parent.required[body]
        assert sum(c.appointed[body] for c in children) == parent.appointed[body]
    assert sum(c.tps for c in children) == parent.tps


def test_it_rolls_the_whole_country_up_by_province(pemilu: Election) -> None:
    load_tps(pemilu, "19")
    national = staffing(election=pemilu, region_code="")
    provinces = staffing_of_children(election=pemilu, region_code="")
    assert len(provinces) == 38
    assert national.desa == 83762 and national.kecamatan == 7285
    assert sum(p.tps for p in provinces) == national.tps == staffing(election=pemilu, region_code="19").tps
