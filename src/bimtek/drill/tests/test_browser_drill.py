"""On a phone: the ketua KPPS of Lenggang does a drill, slips in section V, and reads why."""

import pytest

from bimtek.accounts.models import User
from bimtek.drill.models import DrillAttempt
from bimtek.drill.tests.helpers import SEED, with_invalid_off_by_one
from bimtek.regions.models import Region
from bimtek.regions.services import bundled_regions_dir, regions_import
from bimtek.site.tests.browser import PHONE, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def regions(transactional_db: None) -> None:
    # A transactional test starts from empty tables (the shared region list was flushed).
    if not Region.objects.exists():
        regions_import(path=bundled_regions_dir(), actor="test")


def test_a_kpps_does_a_drill_on_the_phone_and_sees_the_mistake_explained(
    regions: None, browser: object, live_server: object, request: pytest.FixtureRequest
) -> None:
    user: User = request.getfixturevalue("kpps_lenggang")
    page = browser.new_page(viewport=PHONE)  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
    base = live_server.url  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
    sign_in(page, base, user.username)

    page.goto(f"{base}/latihan/pemilu-2024/soal/easy/{SEED}/")
    assert page.locator("#story").is_visible()
    screenshot(page, "drill-phone-form")
    for path, value in with_invalid_off_by_one().items():
        page.fill(f'input[name="{path}"]', "" if value is None else str(value))
    page.click("#drill-form button[type=submit]")
    page.wait_for_url("**/latihan/percobaan/*/")

    violations = page.locator("#violations")
    assert violations.is_visible()
    text = violations.inner_text()
    assert "V.C = suara sah + suara tidak sah" in text and "perbaiki penjumlahan di bagian V" in text
    assert "votes_sum" not in text  # the rule's words, never its code
    assert page.locator("#wrong tbody tr").count() == 1
    assert "jumlah suara tidak sah (V.B)" in page.locator("#wrong").inner_text()
    assert page.locator('input[name="V.B"].wrong').count() == 1
    # Nothing may stick out sideways on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "drill-phone-result")
    assert DrillAttempt.objects.get().person_id == user.person_id

    # The same eyes on a real form: the published record of domain.md, section IV and V only.
    page.goto(f"{base}/latihan/pemilu-2024/periksa/")
    for path, value in {"IV.1": 100, "IV.2": 60, "IV.3": 50, "V.A": 220, "V.B": 1, "V.C": 211}.items():
        page.fill(f'input[name="{path}"]', str(value))
    page.click("#check-form button[type=submit]")
    page.wait_for_load_state()
    results = page.locator("#check-results").inner_text()
    codes = page.locator("#check-results [data-code]").evaluate_all("els => els.map(e => e.dataset.code)")
    assert codes == ["valid_sum", "votes_sum"] and "tertulis 220" in results
    assert "valid_sum" not in results  # words for people, codes only in the markup
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "drill-phone-check")
    page.close()
