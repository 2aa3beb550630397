"""Today's date for the readiness rules, in one place so tests (and a demo of a past election) can pin it."""

import datetime as dt

from django.utils import timezone


def today() -> dt.date:
    return timezone.localdate()
