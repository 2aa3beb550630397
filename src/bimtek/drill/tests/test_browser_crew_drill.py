"""On a phone: the ketua KPPS of Lenggang compares two entries of a drill form box by box and resolves them."""

import pytest

from bimtek.accounts.models import User
from bimtek.conftest import LENGGANG
from bimtek.drill.crew_services import crew_drill_enter, crew_drill_start
from bimtek.drill.models import CrewDrill
from bimtek.drill.tests.conftest import crew_of
from bimtek.drill.tests.helpers import SEED, truth
from bimtek.elections.models import TPS, Election
from bimtek.regions.models import Region
from bimtek.regions.services import bundled_regions_dir, regions_import
from bimtek.site.tests.browser import PHONE, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def regions(transactional_db: None) -> None:
    if not Region.objects.exists():
        regions_import(path=bundled_regions_dir(), actor="test")


def test_the_ketua_resolves_a_double_entry_on_the_phone(
    regions: None, browser: object, live_server: object, request: pytest.FixtureRequest
) -> None:
    user: User = request.getfixturevalue("kpps_lenggang")
    election: Election = request.getfixturevalue("crews")
    right = truth()
    assert right["V.B"] is not None and right["II.1"] is not None and right["II.4"] is not None
    drill = crew_drill_start(
        election=election,
        tps=TPS.objects.get(village_id=LENGGANG, number=1),
        level="easy",
        seed=SEED,
        actor="test",
    )
    crew = crew_of(LENGGANG)
    crew_drill_enter(drill=drill, person=crew[1], values={**right, "V.B": right["V.B"] + 1}, actor="test")

    page = browser.new_page(viewport=PHONE)  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
    base = live_server.url  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
    sign_in(page, base, user.username)

    page.goto(f"{base}/latihan/regu/{drill.pk}/isi/")
    assert page.locator('input[name="V.B"]').input_value() == ""  # entry A is in, and not shown
    screenshot(page, "crew-drill-entry")
    more = {**right, "II.1": right["II.1"] + 5, "II.4": right["II.4"] + 5}
    crew_drill_enter(drill=drill, person=crew[2], values=more, actor="test")
    page.goto(f"{base}/latihan/regu/{drill.pk}/bandingkan/")
    assert page.locator("#difference-count").inner_text() == "3"
    screenshot(page, "crew-drill-compare")
    page.check('input[name="pick-V.B"][value="a"]')
    page.check('input[name="pick-II.1"][value="b"]')
    page.check('input[name="pick-II.4"][value="own"]')
    page.fill('input[name="own-II.4"]', str(right["II.4"] + 5))
    page.click("#resolve-form button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("#blocking li[data-code=votes_sum]").is_visible()
    assert page.locator("#warnings li[data-code=reserve]").is_visible()
    screenshot(page, "crew-drill-result")
    assert CrewDrill.objects.get(pk=drill.pk).status == "resolved"
    page.close()
