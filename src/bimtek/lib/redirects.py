"""Where to go after a POST: a `next` from the request only when it stays on this site.

Every view that reads `next` goes through `safe_next` (Django's `url_has_allowed_host_and_scheme`), so a
link such as `?next=https://evil.example/` or `//evil.example` cannot send an operator elsewhere.
"""

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request: HttpRequest, fallback: str) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return fallback
