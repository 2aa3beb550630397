"""In a real browser: an operator types part of a desa's name in the people list's region box, gets
suggestions from their own kabupaten, picks one, and the list is filtered by that desa's code."""

import io

import pytest

from bimtek.accounts.scoping import Scope
from bimtek.conftest import LENGGANG
from bimtek.elections.models import Election
from bimtek.regions.models import Region
from bimtek.regions.services import bundled_regions_dir, regions_import
from bimtek.site.tests.browser import PHONE, screenshot, sign_in
from bimtek.workforce.people_import import people_import
from bimtek.workforce.tests.factories import crew_rows, csv_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def regions(transactional_db: None) -> None:
    if not Region.objects.exists():
        regions_import(path=bundled_regions_dir(), actor="test")


def test_an_operator_picks_a_desa_by_name(
    regions: None, browser: object, live_server: object, request: pytest.FixtureRequest
) -> None:
    election: Election = request.getfixturevalue("beltim_tps")
    request.getfixturevalue("kpu_beltim")
    people_import(
        election=election,
        source=io.BytesIO(csv_bytes(crew_rows(LENGGANG, [1]))),
        filename="p.csv",
        actor="test",
        scope=Scope(None, None),
    )
    page = browser.new_page(viewport=PHONE)  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
    base = live_server.url  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
    sign_in(page, base, "kpu-beltim")
    page.wait_for_url("**/wilayah/19.06/")

    page.goto(f"{base}/e/{election.slug}/petugas/")
    box = page.locator("input[name=region]")
    box.press_sequentially("lengg", delay=30)
    options = page.locator(f"datalist#{box.get_attribute('list')} option")
    options.first.wait_for(state="attached")
    values = options.evaluate_all("els => els.map(e => e.value)")
    assert values == [
        "Lenggang — Kec. Gantung, Kabupaten Belitung Timur, Kepulauan Bangka Belitung (19.06.02.2009)"
    ]
    screenshot(page, "region-picker")

    box.fill(values[0])  # what choosing the suggestion puts in the box
    box.press("Enter")
    page.wait_for_url(f"**region={LENGGANG}**")
    assert page.locator("#people tbody tr").count() == 9  # the 7 KPPS and 2 Linmas of TPS 001
    assert box.input_value() == LENGGANG
    page.close()
