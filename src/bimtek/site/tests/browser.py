"""Playwright with Debian's Chromium, for tests that look at pages as a person does.

Playwright cannot download its own browser here, so the tests use the system Chromium. Without
one they are skipped on a developer's machine, but fail under CI=true: CI must run them.
"""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}
ARTIFACTS = Path(os.environ.get("BIMTEK_TEST_ARTIFACTS", "test-artifacts"))


def chromium_path() -> str | None:
    return os.environ.get("BIMTEK_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


class WatchedBrowser:
    """The run's Chromium, each new context listening for what the Content-Security-Policy refused.

    Chromium reports a blocked inline script, style or handler on the page's console. The `browser`
    fixture fails the test on any, so every browser test also checks that its pages run under the policy.
    The policy forbids eval too: give `wait_for_function` a function ("() => …"), never a bare expression,
    which Playwright would evaluate with eval inside the page.
    """

    def __init__(self, chromium: object) -> None:
        self._chromium = chromium
        self.refused: list[str] = []
        self._contexts: list[object] = []

    def new_context(self, **options: object) -> object:
        return self.watch(self._chromium.new_context(**options))  # type: ignore[attr-defined]  # Playwright's objects are typed object here

    def new_page(self, **options: object) -> object:
        context = self.new_context(**options)
        return context.new_page()  # type: ignore[attr-defined]  # Playwright's objects are typed object here

    def watch(self, context: object) -> object:
        """Listen on a context made some other way (a persistent one, say)."""
        context.on("console", self._heard)  # type: ignore[attr-defined]  # Playwright's objects are typed object here
        self._contexts.append(context)
        return context

    def close_contexts(self) -> None:
        """Close what the test opened, while its server still runs: an open keep-alive connection would
        otherwise end after the live server has stopped, in a thread that no longer may touch the database."""
        for context in self._contexts:
            context.close()  # type: ignore[attr-defined]  # Playwright's objects are typed object here; a closed one is a no-op
        self._contexts.clear()

    def _heard(self, message: object) -> None:
        text = message.text  # type: ignore[attr-defined]  # Playwright's objects are typed object here
        if "Content Security Policy" in text:
            where = message.location.get("url", "")  # type: ignore[attr-defined]  # Playwright's objects are typed object here
            self.refused.append(f"{where}: {text}")

    def __getattr__(self, name: str) -> object:
        return getattr(self._chromium, name)


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    executable = chromium_path()
    if executable is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is missing on CI: install Debian's chromium package (scripts/test does)")
        pytest.skip("no Chromium on this machine; install Debian's chromium package to run browser tests")
    # Playwright's sync API keeps an event loop in this thread; the ORM calls the tests make
    # between page actions are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def browser(chromium: object) -> Iterator[WatchedBrowser]:
    watched = WatchedBrowser(chromium)
    yield watched
    watched.close_contexts()
    assert watched.refused == [], "the Content-Security-Policy refused:\n" + "\n".join(watched.refused)


def screenshot(page: object, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
    return path


def sign_in(page: object, base: str, username: str, password: str = "") -> None:
    """Sign in on the sign-in page as a person would (the test password unless told), and wait for the next page."""
    from bimtek.conftest import PASSWORD

    page.goto(f"{base}/akun/masuk/")  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
    page.fill("input[name=username]", username)  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
    page.fill("input[name=password]", password or PASSWORD)  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
    page.click("button[type=submit]")  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
    page.wait_for_load_state()  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
