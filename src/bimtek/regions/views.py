"""The region picker's search. The region's staffing page is the workforce app's (`workforce/views_places.py`)."""

from django.http import HttpRequest, JsonResponse

from bimtek.accounts.access import Ability, requires
from bimtek.regions import selectors
from bimtek.regions.models import Level, Region


@requires(Ability.VIEW_REGION)
def region_search(request: HttpRequest) -> JsonResponse:
    """Regions in the user's scope whose name contains ?q= (or whose code starts with it), for the picker."""
    text = request.GET.get("q", "")[:100]
    levels: tuple[int, ...] = ()
    raw = request.GET.get("level", "")
    if raw:
        try:
            levels = tuple(sorted({int(part) for part in raw.split(",")}))
        except ValueError:
            return JsonResponse({"error": {"code": "level_invalid", "field": "level"}}, status=400)
        if not set(levels) <= {level.value for level in Level}:
            return JsonResponse({"error": {"code": "level_invalid", "field": "level"}}, status=400)
    found = selectors.search(Region.objects.visible_to(request.user), text, levels=levels)
    return JsonResponse({"results": [f.as_json() for f in found]})
