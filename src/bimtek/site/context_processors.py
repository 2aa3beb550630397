from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from bimtek.elections.models import Election


def navigation(request: HttpRequest) -> dict[str, object]:
    """The election the navigation links point to on pages that are not about one election (jobs, audit)."""
    return {"nav_election": SimpleLazyObject(lambda: Election.objects.first())}
