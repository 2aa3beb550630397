"""The app's clock: today's date in one place, so tests (and a demo of a past election) can pin it (BIMTEK_TODAY)."""

import datetime as dt

from django.conf import settings
from django.utils import timezone


def today() -> dt.date:
    pinned: dt.date | None = getattr(settings, "BIMTEK_TODAY", None)
    return pinned or timezone.localdate()
