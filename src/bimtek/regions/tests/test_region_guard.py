"""The one region guard of the region pages, the budget and the API: a region outside the user's cover does
not exist for them, and only a national account sees the country."""

import pytest
from django.http import Http404

from bimtek.accounts.models import User
from bimtek.conftest import BELTIM, LENGGANG, PURBALINGGA
from bimtek.regions.selectors import region_or_404

pytestmark = pytest.mark.django_db


def test_a_user_gets_the_regions_their_scope_covers(kpu_beltim: User, pps_lenggang: User) -> None:
    scope, region = region_or_404(kpu_beltim, LENGGANG)
    assert region is not None and region.code == LENGGANG and scope.region_code == BELTIM
    assert region_or_404(pps_lenggang, LENGGANG)[1].code == LENGGANG  # type: ignore[union-attr]  # found: asserted above the line


@pytest.mark.parametrize(
    "code",
    [PURBALINGGA, "19.06.99", "", "not-a-code"],
    ids=["another kabupaten", "unknown", "the country", "garbage"],
)
def test_anything_else_is_404_for_a_kabupaten(kpu_beltim: User, code: str) -> None:
    with pytest.raises(Http404):
        region_or_404(kpu_beltim, code)


def test_a_pps_cannot_climb_to_its_kabupaten(pps_lenggang: User) -> None:
    with pytest.raises(Http404):
        region_or_404(pps_lenggang, BELTIM)


def test_the_country_is_the_national_accounts(kpu_ri: User) -> None:
    scope, region = region_or_404(kpu_ri, "")
    assert region is None and scope.is_national
    assert region_or_404(kpu_ri, PURBALINGGA)[1].code == PURBALINGGA  # type: ignore[union-attr]  # found or raised
