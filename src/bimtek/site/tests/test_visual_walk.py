"""The visual check: every page each demo role reaches, at phone and desktop width, in a real Chromium.

It fails on a status of 400 or more, a page wider than the screen, visible text that looks like an internal
code, or English on an Indonesian page (`site/tests/visual.py` says how each is found). The screenshots of
every page are kept in the test artifacts (test-artifacts/visual/) for a person to review.

The demo runs on SQLite (the README's first command), so the check runs with the SQLite suite only.
"""

from pathlib import Path

import pytest
from django.db import connection

from bimtek.site.demo import DEMO_PASSWORD, build_demo
from bimtek.site.tests.browser import ARTIFACTS
from bimtek.site.tests.visual import walk

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_every_page_of_every_demo_role_passes_the_visual_check(
    browser: object, live_server: object, tmp_path: Path, settings: object
) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("the demo is SQLite's; the visual check runs with the SQLite suite")
    from bimtek.site.demo import DEMO_TODAY

    settings.BIMTEK_TODAY = DEMO_TODAY  # type: ignore[attr-defined]  # pytest-django's settings fixture takes any setting
    logins = build_demo(data_dir=tmp_path)
    base = live_server.url  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
    report, findings = [], []
    one_per_role = {login.role: login for login in reversed(logins)}  # the first login of each role
    for login in one_per_role.values():
        visited, found = walk(
            browser,
            base,
            role=login.role,
            username=login.username,
            password=DEMO_PASSWORD,
            artifacts=ARTIFACTS / "visual",
        )
        report.append(f"{login.role}: {len(visited)} pages")
        findings.extend(str(f) for f in found)
        assert len(visited) >= 5, f"{login.username} reached only {visited}"
    print("; ".join(report))
    assert findings == []
