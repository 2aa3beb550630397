from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

LOGOUT = "accounts:logout"


class ClearSiteDataOnLogout:
    """Logout tells the browser to drop this site's caches and storage (the kept rosters, the worker).

    The page's own logout script sends queued check-ins first and warns about any it could not send; this
    header is the backstop for a logout made without that script. The logout is known by the URL's name as
    the request resolved it, so the other requests (a phone's scans, one each) pay nothing for it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if (
            request.method == "POST"
            and match is not None
            and match.view_name == LOGOUT
            and response.status_code < 400
        ):
            response["Clear-Site-Data"] = '"cache", "storage"'
        return response
