"""The field app is installable: a worker at the site root whose scope covers the field pages, a manifest."""

import json

import pytest
from django.test import Client

from bimtek.pwa import shell

pytestmark = pytest.mark.django_db


def test_it_serves_the_worker_at_the_root_with_its_version_and_shell() -> None:
    response = Client().get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    body = response.content.decode()
    assert f'const VERSION = "{shell.version()}";' in body
    assert "/static/delivery/vendor/jsQR.js" in body and "/luring/" in body
    for url in shell.urls():
        assert _status(url) == 200, url


def test_a_new_release_is_a_new_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    before = Client().get("/sw.js").content
    monkeypatch.setattr(shell, "version", lambda: "next-release")
    after = Client().get("/sw.js").content
    assert before != after and b'const VERSION = "next-release";' in after


def test_the_manifest_names_the_app_and_its_icons() -> None:
    response = Client().get("/manifest.webmanifest")
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert (manifest["short_name"], manifest["display"], manifest["scope"]) == ("Bimtek", "standalone", "/")
    assert {i["sizes"] for i in manifest["icons"]} == {"192x192", "512x512"}
    for icon in manifest["icons"]:
        assert _status(icon["src"]) == 200


def test_the_offline_page_names_nobody_and_is_public() -> None:
    response = Client().get("/luring/")
    assert response.status_code == 200
    assert "Tidak ada sinyal" in response.content.decode()


def _status(url: str) -> int:
    response = Client().get(url)
    response.close()  # a static file is streamed: close it
    return response.status_code
