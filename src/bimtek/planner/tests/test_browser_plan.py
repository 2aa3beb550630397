"""In a real browser: the KPU Beltim admin opens the bimtek plan and reads the calendar, on a desk and a phone."""

import pytest

from bimtek.conftest import BELTIM, PURBALINGGA, load_tps
from bimtek.elections.models import Election
from bimtek.planner.demo import demo_plans
from bimtek.planner.models import TrainingSession
from bimtek.planner.tests.test_product_support import crews, tot_workforce
from bimtek.regions.models import Region
from bimtek.regions.services import bundled_regions_dir, regions_import
from bimtek.site.tests.browser import PHONE, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def regions(transactional_db: None) -> None:
    if not Region.objects.exists():  # a transactional test starts from empty tables
        regions_import(path=bundled_regions_dir(), actor="test")


def test_it_shows_the_kpu_beltim_admin_the_calendar_of_the_bimtek(
    regions: None, browser: object, live_server: object, request: pytest.FixtureRequest
) -> None:
    election: Election = request.getfixturevalue("beltim_tps")
    request.getfixturevalue("kpu_beltim")
    load_tps(election, PURBALINGGA)
    tot_workforce(election, PURBALINGGA)
    crews(election, BELTIM, tot_workforce(election, BELTIM))
    *_, bimtek = demo_plans(election, time_limit=0.5)
    sessions = TrainingSession.objects.filter(plan=bimtek)
    days = sorted({s.date for s in sessions})

    base = live_server.url  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
    page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
    sign_in(page, base, "kpu-beltim")
    page.wait_for_url("**/wilayah/19.06/")

    page.goto(f"{base}/rencana/e/{election.slug}/")
    rows = page.locator("#plans tbody tr")
    assert rows.count() == 2, page.content()[
        -3000:
    ]  # Beltim's ToT and bimtek; Purbalingga's ToT is not Beltim's
    assert all("Belitung Timur" in text for text in rows.all_inner_texts())
    page.locator("#plans tbody a", has_text="Bimtek KPPS").click()
    assert "Bimtek KPPS" in page.locator("h1").inner_text()
    assert page.locator("#calendar .day").count() == 4
    assert page.locator("#calendar .session").count() == sessions.count()
    first_day = page.locator("#calendar .day").first.inner_text()
    assert "Kamis" in first_day and days[0].day == 25  # 25 January 2024 was a Thursday
    assert page.locator("#venues tbody tr").count() == len({s.venue_id for s in sessions})
    assert page.locator("#solve").is_visible()
    screenshot(page, "planner-beltim-bimtek-desktop")

    page.set_viewport_size(PHONE)
    box = page.locator("#calendar .day").first.bounding_box()
    assert box is not None and box["width"] > PHONE["width"] * 0.8  # one day per row on a phone
    screenshot(page, "planner-beltim-bimtek-phone")

    page.locator("#calendar .session").first.click()
    assert page.locator("#participants tbody tr").count() > 0
    screenshot(page, "planner-beltim-session-phone")
    page.close()
