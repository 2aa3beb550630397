"""In a real browser, the Content-Security-Policy holds: an injected script does not run, and the pages
no Bimtek template renders (Django's admin, the API's Swagger UI) still work under it.

Every browser test fails on a refusal Chromium reports (`site/tests/browser.py`); these are the pages no
other browser test opens.
"""

import logging
import re
import time

import pytest
from django.test import Client

from bimtek.accounts.services import user_create
from bimtek.site.tests.browser import screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

INJECTED = "<script>window.injected = true</script><img src=x onerror='window.handled = true'>"


def test_a_script_injected_into_a_page_does_not_run_and_is_reported(
    browser: object, live_server: object, caplog: pytest.LogCaptureFixture
) -> None:
    base = live_server.url  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
    page = browser.new_page()  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here

    # The page as the server sends it, headers and all (from the test client: a fetch through the browser
    # would leave a connection to the live server open), with markup an attacker got into it.
    served = Client().get("/akun/masuk/")
    body = served.content.decode().replace("</main>", INJECTED + "</main>")

    def inject(route: object) -> None:
        route.fulfill(status=200, headers=dict(served.headers), body=body)  # type: ignore[attr-defined]  # Playwright's objects are typed object here

    page.route(f"{base}/akun/masuk/", inject)  # type: ignore[attr-defined]  # Playwright's objects are typed object here
    page.goto(f"{base}/akun/masuk/")  # type: ignore[attr-defined]  # Playwright's objects are typed object here
    page.wait_for_load_state("load")  # type: ignore[attr-defined]  # Playwright's objects are typed object here
    assert page.evaluate("[window.injected, window.handled]") == [None, None]  # type: ignore[attr-defined]  # Playwright's objects are typed object here
    refused = browser.refused  # type: ignore[attr-defined]  # the watched browser of site/tests/browser.py
    assert any("inline script" in r for r in refused), refused
    assert any("inline event handler" in r for r in refused), refused
    refused.clear()  # refused as it should be: not a fault of the page

    # Chromium posts each refusal to the policy's report-uri, and the site logs it (site.csp_reports):
    # the script with its line in the page (which the template decides), the handler without one.
    caplog.set_level(logging.WARNING, logger="bimtek.csp")
    deadline = time.monotonic() + 15
    while len(reported := logged(caplog)) < 2:
        assert time.monotonic() < deadline, reported
        page.wait_for_timeout(100)  # type: ignore[attr-defined]  # Playwright's objects are typed object here
    assert reported == {
        "csp refused directive=script-src-elem blocked=inline page=accounts:login source=self line=N",
        "csp refused directive=script-src-attr blocked=inline page=accounts:login source=- line=-",
    }, reported
    page.context.close()  # type: ignore[attr-defined]  # Playwright's objects are typed object here


def logged(caplog: pytest.LogCaptureFixture) -> set[str]:
    """The site's CSP log lines so far, their line numbers as N."""
    return {re.sub(r"line=\d+", "line=N", r.getMessage()) for r in caplog.records if r.name == "bimtek.csp"}


def test_the_admin_and_the_api_docs_work_under_the_policy(browser: object, live_server: object) -> None:
    user_create(
        username="root",
        password="Rahasia-2024!",
        role="kpu_ri",
        region_code=None,
        is_superuser=True,
        actor="test",
    )
    base = live_server.url  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
    page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
    sign_in(page, base, "root", "Rahasia-2024!")

    page.goto(f"{base}/api/v1/docs/")  # type: ignore[attr-defined]  # Playwright's objects are typed object here
    title = page.locator(".swagger-ui .info .title")  # type: ignore[attr-defined]  # Playwright's objects are typed object here
    title.wait_for(timeout=15_000)
    assert "Bimtek" in title.inner_text()
    assert page.locator(".opblock").count() > 10  # type: ignore[attr-defined]  # the operations are listed
    screenshot(page, "csp-api-docs")

    page.goto(f"{base}/admin/")  # type: ignore[attr-defined]  # Playwright's objects are typed object here
    assert page.locator("#site-name").count() == 1  # type: ignore[attr-defined]  # Playwright's objects are typed object here
    page.goto(f"{base}/admin/planner/venue/add/")  # type: ignore[attr-defined]  # Playwright's objects are typed object here
    assert page.locator("form#venue_form").count() == 1  # type: ignore[attr-defined]  # Playwright's objects are typed object here
    screenshot(page, "csp-admin-venue-add")
    page.context.close()  # type: ignore[attr-defined]  # Playwright's objects are typed object here
