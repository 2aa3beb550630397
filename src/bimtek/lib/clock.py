"""The app's clock: today's date in one place, so tests (and a demo of a past election) can pin it (BIMTEK_TODAY).

When "today" is pinned, every moment the pages show moves with it by whole days (`shown`): a readiness rollup
computed an hour ago reads "7 Feb 2024 13.16" beside "7 hari lagi", not the real calendar's date. Stored
timestamps stay real; only what is judged by calendar day (a session's day, "today") and what is shown shifts.
"""

import datetime as dt

from django.conf import settings
from django.utils import timezone


def today() -> dt.date:
    pinned: dt.date | None = getattr(settings, "BIMTEK_TODAY", None)
    return pinned or timezone.localdate()


def offset() -> dt.timedelta:
    """How far the pinned "today" lies from the real one, in whole days; zero in production."""
    pinned: dt.date | None = getattr(settings, "BIMTEK_TODAY", None)
    return (pinned - timezone.localdate()) if pinned else dt.timedelta(0)


def now() -> dt.datetime:
    """This moment on the app's calendar: the real time of day on the pinned day."""
    return timezone.now() + offset()


def shown(moment: dt.datetime | None) -> dt.datetime | None:
    """A stored (real) moment as the app's calendar shows it."""
    return None if moment is None else moment + offset()
