"""In a real browser: KPU RI opens the national dashboard, drills down to a TPS at risk and sees why."""

import pytest

from bimtek.elections.models import TPS, Election
from bimtek.readiness.services import readiness_refresh
from bimtek.readiness.tests.conftest import TODAY
from bimtek.regions.models import Region
from bimtek.regions.services import bundled_regions_dir, regions_import
from bimtek.site.tests.browser import PHONE, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def regions(transactional_db: None) -> None:
    if not Region.objects.exists():
        regions_import(path=bundled_regions_dir(), actor="test")


def _login(page: object, base: str) -> None:
    sign_in(page, base, "kpu-ri")


def test_it_drills_down_from_the_country_to_a_tps_at_risk_and_says_why(
    regions: None,
    browser: object,
    live_server: object,
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("bimtek.lib.clock.today", lambda: TODAY)
    election: Election = request.getfixturevalue("beltim_tps")
    tps: dict[int, TPS] = request.getfixturevalue("lenggang_story")
    request.getfixturevalue("kpu_ri")
    readiness_refresh(election=election, actor="test", today=TODAY)
    readiness_refresh(election=election, actor="test", today=TODAY)
    base = live_server.url  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here

    for name, viewport in (("desktop", {"width": 1280, "height": 900}), ("phone", PHONE)):
        page = browser.new_page(viewport=viewport)  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
        _login(page, base)
        page.goto(f"{base}/kesiapan/{election.slug}/")
        assert "Indonesia" in page.locator("h1").inner_text()
        assert page.locator("#counts").inner_text().count("1") >= 1
        screenshot(page, f"readiness-national-{name}")
        for region in ("Kepulauan Bangka Belitung", "Belitung Timur", "Gantung", "Lenggang"):
            page.locator("#children").get_by_role("link", name=region, exact=False).first.click()
            page.wait_for_load_state()
            assert region.lower() in page.locator("h1").inner_text().lower()
        assert page.locator("#risky tbody tr").count() == 11  # every TPS of the desa but TPS 001
        screenshot(page, f"readiness-lenggang-{name}")
        page.locator("#risky").get_by_role("link", name="TPS 002").click()
        page.wait_for_load_state()
        assert page.locator("#status").inner_text() == "Berisiko"
        reasons = page.locator("#reasons").inner_text()
        assert "9 dari 9 petugas belum ikut bimtek" in reasons
        assert "Ketua KPPS belum lulus latihan penghitungan suara" in reasons
        assert page.locator("#crew tbody tr").count() == 9
        screenshot(page, f"readiness-tps-002-{name}")
        page.close()
    assert tps[2].number == 2
