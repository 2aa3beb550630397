"""Each field page holds to its weight on a phone's first visit (nothing cached): bytes over the wire in all,
and of JavaScript. The budgets are in docs/field-app.md; a page that grows past one fails here.

Measured in Chromium from the Resource Timing of the page (the document and everything it loaded), without the
service worker (a fresh context registers it after load; what it fetches then is the shell, counted apart).
"""

from __future__ import annotations

import pytest

from bimtek.accounts.models import User
from bimtek.conftest import LENGGANG, PASSWORD
from bimtek.delivery.tests.helpers import gantung_session
from bimtek.regions.models import Region
from bimtek.regions.services import bundled_regions_dir, regions_import
from bimtek.site.tests.browser import PHONE, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
KB = 1024
# page: (all bytes, JavaScript bytes) at most. The test server sends static files uncompressed, so these
# are upper bounds of what a phone gets from whitenoise's compressed files in production.
BUDGETS = {
    "checkin": (150 * KB, 40 * KB),  # jsQR (251 KB) loads only when the camera opens
    "session": (130 * KB, 20 * KB),
}
WEIGHT = """() => {
  const all = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
  const size = (e) => e.transferSize || e.encodedBodySize || 0;
  return {
    total: all.reduce((n, e) => n + size(e), 0),
    js: all.filter((e) => e.name.endsWith('.js')).reduce((n, e) => n + size(e), 0),
  };
}"""


@pytest.fixture
def regions(transactional_db: None) -> None:
    if not Region.objects.exists():
        regions_import(path=bundled_regions_dir(), actor="test")


def test_the_field_pages_hold_to_their_weight(
    regions: None, browser: object, live_server: object, request: pytest.FixtureRequest
) -> None:
    from bimtek.conftest import load_tps

    election = request.getfixturevalue("pemilu")
    load_tps(election, "19.06")
    setup = gantung_session(election)
    User.objects.create_user("pps-lenggang", password=PASSWORD, role="pps", region_id=LENGGANG)
    context = browser.new_context(viewport=PHONE, is_mobile=True, service_workers="block")  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
    page = context.new_page()
    base = live_server.url  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
    sign_in(page, base, "pps-lenggang")
    measured = {}
    for name, path in (
        ("checkin", f"/pelaksanaan/sesi/{setup.session.pk}/hadir/"),
        ("session", f"/pelaksanaan/sesi/{setup.session.pk}/"),
    ):
        fresh = browser.new_context(  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
            viewport=PHONE, is_mobile=True, service_workers="block", storage_state=context.storage_state()
        )
        tab = fresh.new_page()
        tab.goto(base + path, wait_until="load")
        measured[name] = tab.evaluate(WEIGHT)
        fresh.close()
    context.close()
    print("field page weights (bytes):", measured)  # noqa: T201  # the figures docs/field-app.md quotes
    for name, (total, js) in BUDGETS.items():
        assert measured[name]["total"] <= total, (name, measured[name])
        assert measured[name]["js"] <= js, (name, measured[name])
