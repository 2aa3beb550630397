"""A region page says which children have no TPS loaded, instead of reading their KPPS needs as 0/0."""

import pytest
from django.test import Client
from django.urls import reverse

from bimtek.accounts.models import User
from bimtek.elections.models import Election

pytestmark = pytest.mark.django_db


def test_the_national_page_says_where_tps_are_not_loaded(beltim_tps: Election, kpu_ri: User) -> None:
    client = Client()
    client.force_login(kpu_ri)
    page = client.get(reverse("workforce:region_national", args=[beltim_tps.slug])).content.decode()
    notice = page.split('id="tps-coverage"')[1].split("</p>")[0]
    assert "TPS belum dimuat untuk 37 dari 38 provinsi" in notice  # only Belitung Timur's TPS are loaded
    assert "Impor TPS" in notice
    rows = page.split('id="children"')[1].split("</table>")[0].split("<tr>")
    babel = next(r for r in rows if "Kepulauan Bangka Belitung" in r)
    aceh = next(r for r in rows if ">Aceh<" in r)
    assert "belum dimuat" in aceh and "belum dimuat" not in babel
    assert "0/0" not in aceh  # KPPS and Linmas read "–" where no TPS is loaded


def test_a_kabupaten_with_all_its_tps_has_no_notice(beltim_tps: Election, kpu_beltim: User) -> None:
    client = Client()
    client.force_login(kpu_beltim)
    page = client.get(reverse("workforce:region", args=[beltim_tps.slug, "19.06"])).content.decode()
    assert 'id="tps-coverage"' not in page and "belum dimuat" not in page
