"""The region picker: an operator finds a region by name among the regions they may see, and a form takes the name."""

import pytest
from django.test import Client
from django.urls import reverse

from bimtek.accounts.models import User
from bimtek.conftest import BELTIM, LENGGANG
from bimtek.documents.forms import PrintForm
from bimtek.regions.forms import within_scope
from bimtek.workforce.forms import PeopleFilter

pytestmark = pytest.mark.django_db
OTHER_LENGGANG = "62.13.08.2002"  # a desa of the same name in Kalimantan Tengah


def search(user: User, **query: str) -> dict:
    client = Client()
    client.force_login(user)
    response = client.get(reverse("regions:search"), query)
    return {"status": response.status_code, **response.json()}


def test_an_operator_finds_a_desa_of_their_kabupaten_by_name_with_where_it_lies(kpu_beltim: User) -> None:
    found = search(kpu_beltim, q="lenggang")
    assert found["status"] == 200
    assert [r["code"] for r in found["results"]] == [LENGGANG]  # not the Lenggang of Kalimantan Tengah
    only = found["results"][0]
    assert only["name"] == "Lenggang"
    assert only["where"].startswith("Kec. Gantung, Kabupaten Belitung Timur")
    assert only["level_name"] == "Desa/Kelurahan"


def test_another_kabupaten_finds_nothing_of_beltim(kpu_purbalingga: User) -> None:
    found = search(kpu_purbalingga, q="lenggang")
    assert found["results"] == []


def test_kpu_ri_finds_kabupaten_first_and_can_keep_to_one_level(kpu_ri: User) -> None:
    found = search(kpu_ri, q="belitung", level="2")
    codes = [r["code"] for r in found["results"]]
    assert {"19.02", BELTIM} <= set(codes)
    assert all(r["level"] == 2 for r in found["results"])
    both = search(kpu_ri, q="lenggang")["results"]
    assert {r["code"] for r in both[:2]} == {LENGGANG, OTHER_LENGGANG}  # the name itself before "Lenggang…"
    assert all("lenggang" in r["name"].lower() for r in both)


def test_a_code_prefix_finds_the_regions_below_it(kpu_beltim: User) -> None:
    found = search(kpu_beltim, q="19.06.02")
    assert found["results"] and all(r["code"].startswith("19.06.02") for r in found["results"])


def test_a_bad_level_is_a_coded_400(kpu_beltim: User) -> None:
    assert search(kpu_beltim, q="x", level="9") == {
        "status": 400,
        "error": {"code": "level_invalid", "field": "level"},
    }
    assert search(kpu_beltim, q="x", level="desa")["status"] == 400


def test_a_participant_may_not_search_regions(kpu_beltim: User) -> None:
    # The role walk checks every URL; here the picker's own answer to someone with no region pages.
    client = Client()
    assert client.get(reverse("regions:search"), {"q": "lenggang"}).status_code == 302  # to the login


def test_a_form_takes_a_unique_name_a_picked_suggestion_or_a_code(kpu_beltim: User, kpu_ri: User) -> None:
    def region_of(user: User, text: str) -> tuple[bool, object]:
        form = within_scope(PeopleFilter({"region": text}), user)
        return form.is_valid(), form.cleaned_data.get("region") if form.is_valid() else form.errors["region"]

    assert region_of(kpu_beltim, "Lenggang") == (True, LENGGANG)
    assert region_of(kpu_beltim, "Lenggang — Kec. Gantung, Kab. Belitung Timur (19.06.02.2009)") == (
        True,
        LENGGANG,
    )
    assert region_of(kpu_beltim, "19.06.02") == (True, "19.06.02")
    ok, errors = region_of(kpu_ri, "lenggang")  # two desa of that name in the country
    assert (
        not ok and "beberapa wilayah" in errors[0] and LENGGANG in errors[0] and OTHER_LENGGANG in errors[0]
    )
    ok, errors = region_of(kpu_beltim, "Atlantis")
    assert not ok and "Tidak ada wilayah" in errors[0]


def test_the_print_form_shows_the_picker(kpu_beltim: User) -> None:
    html = str(within_scope(PrintForm(), kpu_beltim)["region"])
    assert 'data-region-search="/wilayah/cari/"' in html and 'autocomplete="off"' in html
