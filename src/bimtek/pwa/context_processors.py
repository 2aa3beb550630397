from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from bimtek.accounts.access import Ability, may


def field_app(request: HttpRequest) -> dict[str, Any]:
    """What base.html needs to install the field app: the worker, and for a facilitator what to keep."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    keep = reverse("pwa:keep") if may(user, Ability.FACILITATE) else ""
    return {"field_app": {"worker": reverse("pwa:worker"), "keep": keep}}
