"""What the field app's service worker may keep on a phone: a page opts in with the time its copy expires.

The worker keeps a page for offline use only when the response carries this header (milliseconds since the
epoch, by the phone's clock); it deletes the copy after that time. A page without it is never kept, so no
other page's data ends up on the phone.
"""

import datetime as dt

from django.http import HttpResponse

HEADER = "X-Bimtek-Offline-Until"


def keep_offline(response: HttpResponse, until: dt.datetime) -> HttpResponse:
    response[HEADER] = str(int(until.timestamp() * 1000))
    response["Cache-Control"] = "private, no-cache"  # the worker's copy, never a shared cache's
    return response
