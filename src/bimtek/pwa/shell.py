"""The field app's shell: the files its service worker keeps, and the version that names them.

The version is a hash of the worker and of every shell file, so changing any of them makes a new worker
that replaces the old one (and its cache) on the phone's next visit online.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse

WORKER = "pwa/sw.js"
# Every static file a field page needs offline. jsQR is here although the page loads it only when the
# camera opens: offline it must already be on the phone.
STATIC = (
    "bimtek/vendor/pico.min.css",
    "bimtek/app.css",
    "pwa/queue.js",
    "pwa/field.js",
    "delivery/checkin.js",
    "delivery/vendor/jsQR.js",
    "pwa/icons/icon-192.png",
    "pwa/icons/icon-512.png",
)


def _read(name: str) -> bytes:
    found = finders.find(name)
    if not found:
        raise FileNotFoundError(f"static file {name} is missing")
    return Path(str(found)).read_bytes()


def urls() -> list[str]:
    return [static(name) for name in STATIC] + [reverse("pwa:offline"), reverse("pwa:manifest")]


@cache
def version() -> str:
    digest = hashlib.sha256(_read(WORKER))
    for name in STATIC:
        digest.update(_read(name))
    for template in ("offline.html", "manifest.webmanifest"):
        digest.update((Path(__file__).parent / "templates" / "pwa" / template).read_bytes())
    return digest.hexdigest()[:12]


def worker_source() -> str:
    return _read(WORKER).decode()
