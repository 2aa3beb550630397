"""In a real browser: the PPS of Lenggang sees its TPS and gets 404 on the neighbouring desa."""

import io

import pytest

from bimtek.accounts.models import User
from bimtek.accounts.scoping import Scope
from bimtek.conftest import LENGGANG, PASSWORD, SELINSING
from bimtek.elections.models import TPS, Election
from bimtek.regions.models import Region
from bimtek.regions.services import bundled_regions_dir, regions_import
from bimtek.site.tests.browser import PHONE, screenshot, sign_in
from bimtek.workforce.people_import import people_import
from bimtek.workforce.tests.factories import crew_rows, csv_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def regions(transactional_db: None) -> None:
    # A transactional test starts from empty tables (the shared region list was flushed).
    if not Region.objects.exists():
        regions_import(path=bundled_regions_dir(), actor="test")


def test_it_shows_a_pps_its_tps_and_hides_the_neighbouring_desa(
    regions: None, browser: object, live_server: object, request: pytest.FixtureRequest
) -> None:
    election: Election = request.getfixturevalue("beltim_tps")
    request.getfixturevalue("pps_lenggang")
    people_import(
        election=election,
        source=io.BytesIO(csv_bytes(crew_rows(LENGGANG, [1, 2]))),
        filename="p.csv",
        actor="test",
        scope=Scope(None, None),
    )
    page = browser.new_page(viewport=PHONE)  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
    base = live_server.url  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here

    sign_in(page, base, "pps-lenggang")
    page.wait_for_url(f"**/wilayah/{LENGGANG}/")
    assert page.locator("h1").inner_text() == "Lenggang"
    assert page.locator("#tps-list tbody tr").count() == TPS.objects.filter(village_id=LENGGANG).count() == 12
    assert "7/7" in page.locator("#tps-list tbody tr").first.inner_text()
    screenshot(page, "pps-lenggang-desa")

    page.click("text=TPS 001")
    assert page.locator("#crew tbody tr").count() == 9
    screenshot(page, "pps-lenggang-tps-001")

    neighbour_tps = TPS.objects.filter(village_id=SELINSING).first()
    for url in (
        f"/e/{election.slug}/wilayah/{SELINSING}/",
        f"/e/{election.slug}/tps/{neighbour_tps.pk}/",
        f"/e/{election.slug}/wilayah/19.06.02/",
    ):
        response = page.goto(base + url)
        assert response.status == 404, url
    page.close()


def test_it_logs_in_with_the_real_form_and_argon2(
    regions: None, browser: object, live_server: object, request: pytest.FixtureRequest, settings: object
) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]  # type: ignore[attr-defined]  # pytest-django's settings fixture takes any setting
    request.getfixturevalue("pemilu")
    user: User = request.getfixturevalue("kpu_beltim")
    user.set_password(PASSWORD)
    user.save(update_fields=["password"])
    assert user.password.startswith("argon2")
    page = browser.new_page()  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
    sign_in(page, live_server.url, "kpu-beltim")
    page.wait_for_url("**/wilayah/19.06/")
    assert "Belitung Timur" in page.locator("h1").inner_text()
    assert page.locator("#children tbody tr").count() == 7
    screenshot(page, "kpu-beltim-kabupaten")
    page.close()
