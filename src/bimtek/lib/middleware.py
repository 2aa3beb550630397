"""`Cache-Control: no-store` on every page and answer the app makes (static files are served before this).

Pages show names, a full NIK or a phone number to those allowed to see them (`/petugas/<pk>/`, a session's
messages); a shared office computer or a proxy must keep none of it. Marking every dynamic response is
simpler to trust than remembering which view shows what; a view that sets its own Cache-Control keeps it.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control


class NoStoreMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Cache-Control" not in response:
            patch_cache_control(response, no_store=True, private=True)
        return response
