"""The visual walk: every page a role can reach, at phone and desktop width, looked at as a person would.

`walk` signs in as one user and follows the links of each page it reaches (same site, GET, not a download),
one page per URL shape (`/rencana/12/` and `/rencana/13/` are the same page), and records a `Finding` for:
- a status of 400 or more;
- a page wider than the screen (the document scrolls sideways);
- visible text that looks like an internal code (`post_test_not_passed`, `crew_untrained`) rather than words;
- English where the page should be Indonesian (Django's own defaults, or a stray English phrase).
Screenshots of every page go to the test artifacts, for a person to review.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from bimtek.site.tests.browser import sign_in

# snake_case words of two or more parts: how the product's codes look (reasons, rules, statuses, errors).
CODE_PATTERN = re.compile(r"(?<![\w./:-])[a-z]{2,}(?:_[a-z0-9]+)+(?![\w./-])")
# English a page in Indonesian must not show: Django's defaults and phrases that slipped past translation.
ENGLISH_PATTERN = re.compile(
    r"\b(?:Not Found|Page not found|Forbidden|Server Error|This field is required|Select a valid choice|"
    r"Enter a valid|Previous|Next page|Log in|Log out|Sign in|Password|Username|Submit|Cancel|Delete|"
    r"Search|Download|Loading|No results|Welcome|Save changes|Add another)\b"
)
# Not pages: downloads, actions that change state on GET by design, and the way out.
SKIP_PATH = re.compile(
    r"(\.(xlsx|pdf|csv|json|zip|png|svg|webmanifest|js|css)$)|^/(static|media|admin|akun/keluar|i18n)/|"
    r"/(keluar|logout|unduh|ekspor)/|^/api/"
)
SHAPE_NUMBER = re.compile(r"/\d+(?=/|$)")
SHAPE_CODE = re.compile(r"/\d{2}(?:\.\d{2,4})+(?=/|$)")

VISIBLE_TEXT_JS = """() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const out = [];
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!el || el.closest('script,style,noscript,code,pre,[data-code],[hidden],svg,option,textarea')) continue;
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    const text = node.textContent.trim();
    if (text) out.push(text);
  }
  return out.join('\\n');
}"""
LINKS_JS = "() => Array.from(document.querySelectorAll('a[href]')).map(a => a.getAttribute('href'))"


@dataclass(frozen=True)
class Finding:
    role: str
    width: int
    path: str
    problem: str

    def __str__(self) -> str:
        return f"{self.role} @{self.width}px {self.path}: {self.problem}"


def shape(path: str) -> str:
    """The page behind a URL: numbers and region codes replaced, the query dropped."""
    return SHAPE_NUMBER.sub("/N", SHAPE_CODE.sub("/CODE", path))


def walk(
    browser: Any,
    base: str,
    *,
    role: str,
    username: str,
    password: str,
    widths: tuple[int, ...] = (390, 1366),
    limit: int = 60,
    artifacts: Path | None = None,
) -> tuple[list[str], list[Finding]]:
    """Visit up to `limit` page shapes from the home page, at each width; the paths visited and the findings."""
    findings: list[Finding] = []
    visited: list[str] = []
    host = urlsplit(base).netloc
    for width in widths:
        context = browser.new_context(viewport={"width": width, "height": 900}, locale="id-ID")
        page = context.new_page()
        sign_in(page, base, username, password)
        queue: deque[tuple[str, str]] = deque([(urlsplit(page.url).path or "/", "")])
        seen: set[str] = set()
        count = 0
        while queue and count < limit:
            target, came_from = queue.popleft()
            key = shape(urlsplit(target).path)
            if key in seen:
                continue
            seen.add(key)
            response = page.goto(base + target)
            page.wait_for_load_state()
            count += 1
            path = urlsplit(page.url).path
            if width == widths[0]:
                visited.append(target)
            status = response.status if response is not None else 0
            if status >= 400:
                findings.append(Finding(role, width, target, f"status {status} (linked from {came_from})"))
            scroll = page.evaluate("document.documentElement.scrollWidth")
            if scroll > width + 1:
                findings.append(Finding(role, width, target, f"{scroll}px wide on a {width}px screen"))
            text = page.evaluate(VISIBLE_TEXT_JS)
            codes = sorted(set(CODE_PATTERN.findall(text)))
            if codes:
                findings.append(Finding(role, width, target, f"codes shown: {', '.join(codes[:8])}"))
            english = sorted(set(ENGLISH_PATTERN.findall(text)))
            if english:
                findings.append(Finding(role, width, target, f"English shown: {', '.join(english[:8])}"))
            if artifacts is not None:
                artifacts.mkdir(parents=True, exist_ok=True)
                name = re.sub(r"[^a-z0-9]+", "-", f"{role}-{width}-{key}".lower()).strip("-")
                page.screenshot(path=str(artifacts / f"{name}.png"), full_page=True)
            for href in page.evaluate(LINKS_JS):
                url = urlsplit(urljoin(base + path, href))
                if url.netloc != host or url.scheme not in ("http", "https") or SKIP_PATH.search(url.path):
                    continue
                link = url.path + (f"?{url.query}" if url.query else "")
                if shape(url.path) not in seen:
                    queue.append((link, target))
        context.close()
    return visited, findings
