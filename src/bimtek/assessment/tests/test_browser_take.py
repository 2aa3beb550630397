"""In a real browser on a phone: the connection drops mid-test, the participant answers on, the
answers reach the server on reconnect, and the attempt completes with every answer."""

import io

import pytest

from bimtek.accounts.scoping import Scope
from bimtek.assessment.attempts import attempts_issue, versions_of
from bimtek.assessment.bank import questions_import_starter
from bimtek.assessment.curriculum import programs_seed
from bimtek.assessment.models import Attempt, AttemptStatus
from bimtek.assessment.packing import unpack
from bimtek.assessment.tests.conftest import kpps_form
from bimtek.conftest import LENGGANG, load_tps
from bimtek.elections.models import Election
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


def _choose(page: object, attempt: Attempt, position: int) -> None:
    """Answer one item right, as a participant would: tap the option or type the number."""
    version = versions_of(attempt)[position]
    field = page.locator(f'fieldset.q[data-position="{position}"]')  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
    if version.kind == "num":
        field.locator("input[type=number]").fill(str(version.answer))
        field.locator("input[type=number]").press("Tab")
    else:
        field.locator(f'input[type=radio][value="{version.answer}"]').check()


def _attempt(request: pytest.FixtureRequest) -> Attempt:
    election: Election = request.getfixturevalue("pemilu")
    load_tps(election, "19.06")
    programs_seed(election=election, actor="test")
    questions_import_starter(election=election, actor="test")
    people_import(
        election=election,
        source=io.BytesIO(csv_bytes(crew_rows(LENGGANG, [1]))),
        filename="p.csv",
        actor="test",
        scope=Scope(None, None),
    )
    form = kpps_form(election)
    attempts_issue(form=form, region_code=LENGGANG, mode="online", actor="test", scope=Scope(None, None))
    return Attempt.objects.select_related("form__program").filter(form=form).first()


def test_it_completes_a_test_across_a_dropped_connection(
    regions: None, browser: object, live_server: object, request: pytest.FixtureRequest
) -> None:
    attempt = _attempt(request)
    form = attempt.form
    total = len(unpack(attempt.items))

    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
    page = context.new_page()
    page.goto(f"{live_server.url}/asesmen/t/{attempt.code}/")  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
    assert page.locator("fieldset.q").count() == total
    for position in range(5):
        _choose(page, attempt, position)
    page.wait_for_function("() => document.getElementById('net').textContent.includes('tersimpan')")
    screenshot(page, "assessment-take-phone")

    context.set_offline(True)
    for position in range(5, total):
        _choose(page, attempt, position)
    assert page.locator("#net").inner_text() == f"Luring · {total - 5} menunggu"
    attempt.refresh_from_db()
    saved = unpack(attempt.answers)
    assert all(v is not None for v in saved[:5]) and all(v is None for v in saved[5:])
    page.click("#submit")  # pressed while offline: it waits and goes on reconnect
    page.wait_for_function("() => document.getElementById('submit-note').textContent.includes('sinyal')")
    screenshot(page, "assessment-take-phone-offline")

    context.set_offline(False)
    page.wait_for_url(f"**/asesmen/t/{attempt.code}/", wait_until="load")
    page.wait_for_selector("#result", timeout=15_000)
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.SUBMITTED
    assert unpack(attempt.answers) == [v.answer for v in versions_of(attempt)]
    assert attempt.score == total and attempt.passed
    screenshot(page, "assessment-take-phone-done")

    request.getfixturevalue("kpu_beltim")  # the regency's admin reads the results on a phone
    sign_in(page, live_server.url, "kpu-beltim")
    page.wait_for_url("**/wilayah/19.06/")
    page.goto(f"{live_server.url}/asesmen/program/{form.program_id}/hasil/")  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
    assert "Gantung" in page.locator("#groups").inner_text()
    screenshot(page, "assessment-results-phone")
    page.goto(f"{live_server.url}/asesmen/tes/{form.pk}/analisis/")  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
    assert page.locator("#items tbody tr").count() == total
    screenshot(page, "assessment-analysis-phone")
    context.close()


def test_in_english_the_page_script_speaks_english_too(
    regions: None, browser: object, live_server: object, request: pytest.FixtureRequest
) -> None:
    attempt = _attempt(request)
    total = len(unpack(attempt.items))
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
    context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
    page = context.new_page()
    page.goto(f"{live_server.url}/asesmen/t/{attempt.code}/")  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
    _choose(page, attempt, 0)
    page.wait_for_function("() => document.getElementById('net').textContent === 'All answers saved'")
    assert page.locator("#progress").inner_text() == f"1/{total} answered"
    context.set_offline(True)
    _choose(page, attempt, 1)
    assert page.locator("#net").inner_text() == "Offline · 1 waiting"
    page.click("#submit")
    assert page.locator("#submit-note").inner_text() == (
        f"{total - 2} questions are still blank. Press again to send anyway."
    )
    context.close()
