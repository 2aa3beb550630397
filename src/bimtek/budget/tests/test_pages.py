"""The budget page: the KPU of Beltim reads and edits it, a PPS reads its own desa only, bad input is a 400."""

import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from bimtek.accounts.models import User
from bimtek.budget.models import ActualCost, UnitCost
from bimtek.budget.tests.helpers import HAND_TOTAL, small_plan
from bimtek.conftest import BELTIM, LENGGANG
from bimtek.elections.models import Election

pytestmark = pytest.mark.django_db
SLUG = "pemilu-2024"


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_kpu_of_beltim_sees_the_estimate_and_where_each_default_comes_from(
    pemilu: Election, kpu_beltim: User
) -> None:
    world = small_plan(pemilu)
    page = _client(kpu_beltim).get(
        reverse("budget:region", args=[SLUG, BELTIM]) + f"?rencana={world.plan.pk}"
    )
    body = page.content.decode()
    assert page.status_code == 200
    assert "Rp13.280.000" in body and "tiga belas juta dua ratus delapan puluh ribu rupiah" in body
    assert "Bagan Akun Standar" in body and "SBM 2024 Beltim (uji)" in body
    assert 'id="unit-cost-form"' in body and 'id="actual-cost-form"' in body
    assert HAND_TOTAL == 13_280_000


def test_the_national_address_takes_a_kabupaten_user_to_its_region(
    pemilu: Election, kpu_beltim: User
) -> None:
    response = _client(kpu_beltim).get(reverse("budget:national", args=[SLUG]) + "?jenjang=tot")
    assert response.status_code == 302 and response["Location"].endswith(f"/wilayah/{BELTIM}/?jenjang=tot")


def test_it_saves_a_unit_cost_and_records_an_actual(pemilu: Election, kpu_beltim: User) -> None:
    client = _client(kpu_beltim)
    saved = client.post(reverse("budget:unit_cost_set", args=[SLUG]),
                        {"region": BELTIM, "item": "konsumsi", "amount": "42000", "akun": "521211", "source": "SBM"})  # fmt: skip
    assert saved.status_code == 302 and UnitCost.objects.get().amount == 42_000
    blank = client.post(reverse("budget:unit_cost_set", args=[SLUG]),
                        {"region": BELTIM, "item": "sewa_tempat", "amount": "2000000", "akun": ""})  # fmt: skip
    assert blank.status_code == 302 and UnitCost.objects.get(item="sewa_tempat").akun == "522141"
    recorded = client.post(reverse("budget:actual_cost_record", args=[SLUG]),
                           {"region": BELTIM, "item": "sewa_tempat", "amount": "1500000", "akun": "", "tier": "tot"})  # fmt: skip
    assert recorded.status_code == 302
    cost = ActualCost.objects.get()
    assert (cost.akun, cost.tier) == ("522141", "tot")  # the akun that applies to the item
    deleted = client.post(reverse("budget:actual_cost_delete", args=[cost.pk]))
    assert deleted.status_code == 302 and not ActualCost.objects.exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"amount": "-5"}, "amount"),
        ({"amount": "1.5e9"}, "amount"),
        ({"amount": "999999999999"}, "amount"),
        ({"akun": "12"}, "akun"),
        ({"item": "rokok"}, "item"),
    ],
)
def test_a_bad_unit_cost_is_a_400_naming_the_field(
    pemilu: Election, kpu_beltim: User, data: dict, field: str
) -> None:
    values = {"region": BELTIM, "item": "konsumsi", "amount": "42000", "akun": "521211", **data}
    response = _client(kpu_beltim).post(reverse("budget:unit_cost_set", args=[SLUG]), values)
    assert response.status_code == 400
    assert f'data-field="{field}"' in response.content.decode()
    assert not UnitCost.objects.exists()


@pytest.mark.parametrize(
    "query", ["?rencana=abc", "?rencana=999999", "?sesi=-1", "?jenjang=semua", "?gelombang=31-02-2024"]
)
def test_a_bad_query_is_a_400_not_a_500(pemilu: Election, kpu_beltim: User, query: str) -> None:
    client = _client(kpu_beltim)
    assert client.get(reverse("budget:region", args=[SLUG, BELTIM]) + query).status_code == 400
    assert client.get(reverse("budget:export_xlsx", args=[SLUG]) + query).status_code == 400


def test_a_pps_reads_its_own_desa_and_may_not_write(pemilu: Election, pps_lenggang: User) -> None:
    client = _client(pps_lenggang)
    own = client.get(reverse("budget:region", args=[SLUG, LENGGANG]))
    assert own.status_code == 200 and 'id="unit-cost-form"' not in own.content.decode()
    assert client.get(reverse("budget:region", args=[SLUG, BELTIM])).status_code == 404
    post = client.post(reverse("budget:unit_cost_set", args=[SLUG]),
                       {"region": LENGGANG, "item": "konsumsi", "amount": "1", "akun": "521211"})  # fmt: skip
    assert post.status_code == 403


def test_the_kpu_of_purbalingga_cannot_write_for_beltim(pemilu: Election, kpu_purbalingga: User) -> None:
    response = _client(kpu_purbalingga).post(reverse("budget:unit_cost_set", args=[SLUG]),
                                             {"region": BELTIM, "item": "konsumsi", "amount": "1", "akun": "521211"})  # fmt: skip
    assert response.status_code == 404 and not UnitCost.objects.exists()


def test_the_xlsx_has_one_sheet_per_akun_with_totals_in_words(pemilu: Election, kpu_beltim: User) -> None:
    world = small_plan(pemilu)
    response = _client(kpu_beltim).get(
        reverse("budget:export_xlsx", args=[SLUG]) + f"?wilayah={BELTIM}&rencana={world.plan.pk}"
    )
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Rekap", "521211", "521213", "522141", "524113"]
    rekap = [row for row in book["Rekap"].iter_rows(values_only=True) if row and row[0]]
    assert ("Jumlah", None, HAND_TOTAL, 0, -HAND_TOTAL) in rekap
    assert ("Terbilang estimasi", "tiga belas juta dua ratus delapan puluh ribu rupiah") in [
        r[:2] for r in rekap
    ]
    sewa = list(book["522141"].iter_rows(values_only=True))
    assert sewa[0][0] == "Akun 522141 Belanja Sewa"
    assert any(row[0] == "Jumlah" and row[4] == 3_000_000 for row in sewa)
