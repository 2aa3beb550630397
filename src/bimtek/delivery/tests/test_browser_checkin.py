"""On a phone: three check-ins with the network cut in the middle, then the queue syncs exactly once."""

import pytest

from bimtek.accounts.models import User
from bimtek.delivery.models import Attendance
from bimtek.delivery.tests.helpers import gantung_session
from bimtek.planner.models import SessionStatus, TrainingSession
from bimtek.regions.models import Region
from bimtek.regions.services import bundled_regions_dir, regions_import
from bimtek.site.tests.browser import PHONE, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def regions(transactional_db: None) -> None:
    if not Region.objects.exists():
        regions_import(path=bundled_regions_dir(), actor="test")


def test_it_checks_in_three_people_across_a_dropped_connection(
    regions: None, browser: object, live_server: object, request: pytest.FixtureRequest
) -> None:
    setup = gantung_session(request.getfixturevalue("beltim_tps"))
    user: User = request.getfixturevalue("pps_lenggang")
    context = browser.new_context(viewport=PHONE)  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
    page = context.new_page()
    base = live_server.url  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
    sign_in(page, base, user.username)
    page.goto(f"{base}/pelaksanaan/sesi/{setup.session.pk}/hadir/")
    assert page.locator("#people li[data-id]").count() == 14  # Lenggang's two crews, not Selingsing's
    # On the phone each person is one row: the button, and beside it (not under it) the name over the unit and NIK.
    row = page.locator("#people li[data-id]").first
    button, name, unit = (row.locator(s).bounding_box() for s in ("button.check", ".name", "small"))
    assert name["x"] >= button["x"] + button["width"] and unit["x"] == name["x"]
    assert unit["y"] >= name["y"] + name["height"] - 1
    assert row.bounding_box()["height"] <= button["height"] + 8

    first, second, third = (a.person for a in setup.lenggang[:3])
    page.locator(f"button.check[data-id='{first.pk}']").click()  # online: straight through
    # The queue reads 0 before the click is queued too: wait until this person is marked and the queue is empty.
    page.wait_for_function(
        "id => document.querySelector(`button.check[data-id='${id}']`).textContent === 'Sudah'"
        " && document.getElementById('queue-status').dataset.waiting === '0'",
        arg=first.pk,
    )
    assert Attendance.objects.count() == 1

    context.set_offline(True)
    page.fill("#search", second.nik[-6:])  # last digits of a NIK, as typed
    assert page.locator("#people li[data-id]:not([hidden])").count() == 1
    assert (
        page.locator("#people li[data-id]:visible").count() == 1
    )  # the rows' layout does not show hidden ones
    page.locator(f"button.check[data-id='{second.pk}']").click()
    page.fill("#search", "")
    page.evaluate("token => window.bimtekCheckinScanned(token)", _token(third.pk))  # a decoded QR
    page.evaluate("token => window.bimtekCheckinScanned(token)", _token(third.pk))  # scanned again
    page.evaluate("window.bimtekCheckinScanned('p999:not-a-real-code')")
    assert page.locator("#last").inner_text() == "Kode QR tidak dikenal untuk sesi ini"  # words, not a code
    assert page.locator("#last").get_attribute("data-code") == "qr_unknown"
    page.wait_for_function("() => document.getElementById('queue-status').dataset.waiting === '2'")
    assert "2 menunggu sinkron" in page.locator("#queue-status").inner_text()
    screenshot(page, "delivery-checkin-offline")
    assert Attendance.objects.count() == 1

    context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.wait_for_function(
        "() => document.getElementById('queue-status').dataset.waiting === '0'", timeout=10000
    )
    assert page.locator("#queue-status").inner_text() == "Semua tersinkron"
    screenshot(page, "delivery-checkin-synced")
    assert set(Attendance.objects.values_list("person_id", flat=True)) == {first.pk, second.pk, third.pk}
    assert Attendance.objects.count() == 3
    assert set(Attendance.objects.values_list("method", flat=True)) == {"search", "qr"}
    context.close()


def test_in_english_the_check_in_script_speaks_english_too(
    regions: None, browser: object, live_server: object, request: pytest.FixtureRequest
) -> None:
    setup = gantung_session(request.getfixturevalue("beltim_tps"))
    user: User = request.getfixturevalue("pps_lenggang")
    base = live_server.url  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
    context = browser.new_context(viewport=PHONE)  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
    context.add_cookies([{"name": "django_language", "value": "en", "url": base}])
    page = context.new_page()
    sign_in(page, base, user.username)
    page.goto(f"{base}/pelaksanaan/sesi/{setup.session.pk}/hadir/")
    first = setup.lenggang[0].person
    page.wait_for_function("() => document.getElementById('queue-status').textContent === 'All synced'")
    assert page.locator(f"button.check[data-id='{first.pk}']").inner_text() == "Present"
    page.locator(f"button.check[data-id='{first.pk}']").click()
    page.wait_for_function(
        "id => document.querySelector(`button.check[data-id='${id}']`).textContent === 'Done'", arg=first.pk
    )
    assert page.locator("#last").inner_text().endswith(": present (morning)")
    assert page.locator("#parts").inner_text().split() == ["Morning", "Afternoon"]  # the parts in words
    assert page.locator(f"li[data-id='{first.pk}'] .marks").inner_text() == "✓ Morning"
    page.evaluate("window.bimtekCheckinScanned('p999:not-a-real-code')")
    assert page.locator("#last").inner_text() == "QR code not known for this session"
    context.set_offline(True)
    page.evaluate("window.dispatchEvent(new Event('offline'))")
    page.locator("#people button.check:not([disabled])").first.click()
    page.wait_for_function(
        "() => document.getElementById('queue-status').textContent === '1 waiting to sync'"
    )
    assert page.locator("#net-status").inner_text() == (
        "Offline: check-ins are kept on the phone and sent when connected."
    )
    # The session is cancelled while the phone is out of signal: its scan is refused, in words of the page's language.
    TrainingSession.objects.filter(pk=setup.session.pk).update(status=SessionStatus.CANCELLED)
    context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.wait_for_selector("#refused li[data-code='session_cancelled']", timeout=10000)
    assert (
        page.locator("#refused li")
        .inner_text()
        .endswith(" (morning): This session is cancelled; attendance cannot be recorded")
    )
    context.close()


def _token(person_id: int) -> str:
    from bimtek.delivery.services import participant_token

    return participant_token(person_id)
