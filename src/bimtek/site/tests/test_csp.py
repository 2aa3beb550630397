"""The Content-Security-Policy: every answer carries it, and no template needs more than it allows.

An injected `<script>`, `onerror=` or `style=` does not run under the policy, so the templates must not rely
on any of them either. The browser tests check the pages as they run (`site/tests/browser.py` fails a test
on any refusal Chromium reports); this test finds the cause in the template before a browser does.
"""

import re
from pathlib import Path

import pytest
from django.test import Client

import bimtek

SOURCE = Path(bimtek.__file__).resolve().parent
TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
# A script with no src runs inline, unless it is data (json_script writes those, never a template).
INLINE_SCRIPT = re.compile(r"^(?!.*\bsrc=)(?!.*type=\"application/(?:ld\+)?json\")", re.DOTALL)
HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"=\s*[\"']?\s*javascript:", re.IGNORECASE)


def _templates() -> list[Path]:
    return sorted(p for p in SOURCE.rglob("templates/**/*.html") if "tests" not in p.parts)


def inline_code(html: str) -> list[str]:
    """What in a template the policy would refuse: inline scripts, handlers, style attributes and blocks."""
    found = []
    for match in TAG.finditer(html):
        name, attributes = match.group(1).lower(), match.group(2)
        # Template tags inside a tag's attributes ({% if %} …) are not attributes themselves.
        plain = re.sub(r"\{[%{].*?[%}]\}", " ", attributes)
        if name == "script" and INLINE_SCRIPT.match(plain):
            found.append(f"inline <script{attributes[:40]}>")
        if name == "style":
            found.append("<style> block")
        if HANDLER.search(plain):
            found.append(f"event handler in <{name}{attributes[:60]}>")
        if STYLE_ATTRIBUTE.search(plain):
            found.append(f"style attribute in <{name}{attributes[:60]}>")
        if JAVASCRIPT_URL.search(plain):
            found.append(f"javascript: URL in <{name}{attributes[:60]}>")
    return found


def test_the_check_finds_each_kind_of_inline_code() -> None:
    assert inline_code("<script>alert(1)</script>") == ["inline <script>"]
    assert inline_code('<script src="/static/a.js" defer></script>') == []
    assert inline_code('<script id="w" type="application/json">{}</script>') == []
    assert inline_code("<style>p { color: red }</style>") == ["<style> block"]
    assert inline_code('<button onclick="go()">x</button>') == ['event handler in <button onclick="go()">']
    assert inline_code('<p style="width:2px">x</p>') == ['style attribute in <p style="width:2px">']
    assert inline_code('<a href="javascript:go()">x</a>') == ['javascript: URL in <a href="javascript:go()">']
    assert inline_code('<input data-online="1" name="style">') == []  # names that merely contain the words
    assert inline_code('<td{% if x %} class="a"{% endif %}>') == []


def test_no_template_has_inline_code_the_policy_refuses() -> None:
    templates = _templates()
    assert len(templates) > 80  # the walk found the apps' templates (91 on 7 December 2026)
    found = {
        str(path.relative_to(SOURCE)): problems
        for path in templates
        if (problems := inline_code(path.read_text(encoding="utf-8")))
    }
    assert found == {}


@pytest.mark.django_db
def test_every_answer_carries_a_policy_that_allows_only_the_site_itself(client: Client) -> None:
    for url in ("/akun/masuk/", "/luring/", "/healthz"):
        response = client.get(url)
        policy = dict(
            (part.split()[0], part.split()[1:])
            for part in response.headers["Content-Security-Policy"].split(";")
            if part.strip()
        )
        assert policy["default-src"] == ["'self'"], url
        assert policy["script-src"] == ["'self'"], url
        assert policy["style-src"] == ["'self'"], url
        assert policy["object-src"] == ["'none'"], url
        assert policy["frame-ancestors"] == ["'none'"], url
        assert policy["form-action"] == ["'self'"], url
        assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]
        assert "'unsafe-eval'" not in response.headers["Content-Security-Policy"]
