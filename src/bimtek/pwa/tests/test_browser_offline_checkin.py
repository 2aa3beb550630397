"""The issue's first "Done when", on a phone in Chromium with its CPU slowed down four times:

a PPS opens a session, goes offline, reloads, finds participants by name, by NIK tail and by QR, checks in
three people, restarts the browser with the same storage while still offline, opens the list of their
sessions and from it the check-in page, sees the queue intact, goes online, and the server holds exactly
those three check-ins, marked offline, with no duplicate.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.signals import request_started
from pytest_django.live_server_helper import LiveServer

from bimtek.accounts.models import User
from bimtek.delivery.models import Attendance
from bimtek.delivery.services import participant_token
from bimtek.delivery.tests.helpers import DAY, gantung_session
from bimtek.regions.models import Region
from bimtek.regions.services import bundled_regions_dir, regions_import
from bimtek.site.tests.browser import CHROMIUM_ARGS, PHONE, chromium_path, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SLOW_PHONE = 4  # CPU throttling rate, as DevTools' "low-end mobile"


@pytest.fixture
def regions(transactional_db: None, settings: pytest.FixtureRequest) -> None:
    settings.BIMTEK_TODAY = DAY  # type: ignore[attr-defined]  # time pinned: the session is today
    if not Region.objects.exists():
        regions_import(path=bundled_regions_dir(), actor="test")


class Server:
    """The live server on a fixed port, and every path it was asked for while the phone had no signal.

    Chromium's offline emulation reaches a service worker only once Playwright has attached to it, so a
    browser started "offline" could still sync through a worker woken at start-up (Background Sync). While
    the browser is closed the server is therefore stopped as well: at the restart there is no network.
    """

    def __init__(self) -> None:
        self.live: LiveServer | None = LiveServer("localhost:0")
        self.port = self.live.thread.port
        self.url = f"http://localhost:{self.port}"
        self.offline = False
        self.asked_offline: list[str] = []
        request_started.connect(self._heard, dispatch_uid="offline-test")

    def _heard(self, sender: object, environ: dict, **kwargs: object) -> None:
        if self.offline:
            self.asked_offline.append(environ.get("PATH_INFO", ""))

    def cut(self, context: object) -> None:
        self.offline = True
        context.set_offline(True)  # type: ignore[attr-defined]  # pages and the service worker alike

    def stop(self) -> None:
        """Only with every browser closed: an open keep-alive connection would outlive the server."""
        if self.live is not None:
            self.live.stop()
            self.live = None

    def start(self) -> None:
        self.live = LiveServer(f"localhost:{self.port}")

    def restore(self, context: object) -> None:
        if self.live is None:
            self.start()
        self.offline = False
        context.set_offline(False)  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here


@pytest.fixture
def server(regions: None) -> Iterator[Server]:
    server = Server()
    yield server
    request_started.disconnect(dispatch_uid="offline-test")
    server.stop()


def _phone(browser: object, profile: Path, offline: bool = False) -> object:
    """A phone's browser with its own profile on disk: caches, IndexedDB and the worker survive a restart."""
    context = browser.browser_type.launch_persistent_context(  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
        str(profile), executable_path=chromium_path(), args=CHROMIUM_ARGS, viewport=PHONE, offline=offline
    )
    return browser.watch(context)  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here


def _slow(context: object, page: object) -> None:
    context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": SLOW_PHONE})  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here


def _kept(page: object, path: str) -> bool:
    return page.evaluate(  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
        "path => caches.open('bimtek-pages').then(c => c.match(path)).then(r => !!r)", path
    )


def _waiting(page: object, n: int) -> None:
    """Until the page says n scans wait to be sent (polled by time: a throttled page paints rarely)."""
    script = f"() => document.getElementById('queue-status').dataset.waiting === '{n}'"
    try:
        page.wait_for_function(script, polling=100, timeout=15000)  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
    except Exception:
        status = page.locator("#queue-status").inner_text()  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
        raise AssertionError(
            f"expected {n} waiting, the page says {status!r}: {page.locator('#last').inner_text()}"
        ) from None  # type: ignore[attr-defined]  # Playwright's response may be None; the test asserts it is not


def test_it_checks_in_offline_across_a_reload_and_a_browser_restart(
    server: Server, browser: object, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    setup = gantung_session(request.getfixturevalue("beltim_tps"))
    user: User = request.getfixturevalue("pps_lenggang")
    base = server.url
    checkin = f"/pelaksanaan/sesi/{setup.session.pk}/hadir/"
    mine = "/pelaksanaan/sesi-saya/"  # the menu's "Presensi"
    profile = tmp_path / "phone"

    context = _phone(browser, profile)
    page = context.pages[0] if context.pages else context.new_page()  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
    _slow(context, page)
    sign_in(page, base, user.username)
    page.goto(f"{base}/pelaksanaan/sesi/{setup.session.pk}/")  # the session page; the phone keeps the week
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", polling=100, timeout=30000)
    for _ in range(100):
        if _kept(page, checkin) and _kept(page, mine):
            break
        page.wait_for_timeout(100)
    assert _kept(page, checkin), "the check-in page was not kept for offline use"
    assert _kept(page, mine), "the list of the facilitator's sessions was not kept for offline use"
    page.goto(base + checkin)
    assert page.locator("#people li[data-id]").count() == 14

    server.cut(context)
    reloaded = page.reload()
    assert reloaded.from_service_worker  # type: ignore[union-attr]  # Playwright's response may be None; the test asserts it is not
    assert page.locator("#people li[data-id]").count() == 14  # the kept page, not the browser's error page
    screenshot(page, "pwa-checkin-offline-reloaded")
    first, second, third = (a.person for a in setup.lenggang[4:7])  # names no other name contains
    page.fill("#search", first.name)
    assert page.locator("#people li[data-id]:not([hidden])").count() == 1
    page.locator(f"button.check[data-id='{first.pk}']").click()
    page.fill("#search", second.nik[-6:])  # the last digits of a NIK, as typed
    assert page.locator("#people li[data-id]:not([hidden])").count() == 1
    page.locator(f"button.check[data-id='{second.pk}']").click()
    page.fill("#search", "")
    page.evaluate("token => window.bimtekCheckinScanned(token)", participant_token(third.pk))  # a decoded QR
    page.evaluate("token => window.bimtekCheckinScanned(token)", participant_token(third.pk))  # scanned twice
    _waiting(page, 3)
    assert "Luring" in page.locator("#net-status").inner_text()
    assert Attendance.objects.count() == 0
    context.close()  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
    server.stop()

    context = _phone(browser, profile, offline=True)  # the phone restarts its browser, still no signal
    page = context.pages[0] if context.pages else context.new_page()  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
    _slow(context, page)
    assert page.goto(base + mine).from_service_worker  # type: ignore[union-attr]  # Playwright's response may be None; the test asserts it is not
    with page.expect_navigation() as opened:  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
        page.click(f"a[href='{checkin}']")  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
    assert opened.value.from_service_worker and page.url == base + checkin
    _waiting(page, 3)
    assert "3 menunggu sinkron" in page.locator("#queue-status").inner_text()
    assert page.locator(f"button.check[data-id='{third.pk}']").inner_text() == "Sudah"
    screenshot(page, "pwa-checkin-restarted-offline")
    assert Attendance.objects.count() == 0

    assert server.asked_offline == []  # until the restart everything came from the phone itself
    server.restore(context)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    _waiting(page, 0)
    screenshot(page, "pwa-checkin-synced")
    rows = list(Attendance.objects.all())
    assert sorted(r.person_id for r in rows) == sorted([first.pk, second.pk, third.pk])
    assert all(r.offline and r.device_time is not None for r in rows)
    assert {r.method for r in rows} == {"search", "qr"}
    context.close()  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
