from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.urls import reverse


class ClearSiteDataOnLogout:
    """Logout tells the browser to drop this site's caches and storage (the kept rosters, the worker).

    The page's own logout script sends queued check-ins first and warns about any it could not send; this
    header is the backstop for a logout made without that script.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.method == "POST"
            and request.path == reverse("accounts:logout")
            and response.status_code < 400
        ):
            response["Clear-Site-Data"] = '"cache", "storage"'
        return response
