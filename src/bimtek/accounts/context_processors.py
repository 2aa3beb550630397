from django.http import HttpRequest

from bimtek.accounts.access import Ability, abilities_of


def abilities(request: HttpRequest) -> dict[str, object]:
    """`can.operate`, `can.assess`, ... for templates: the same rule the views enforce."""
    granted = abilities_of(getattr(request, "user", None))
    return {"can": {ability.value: ability in granted for ability in Ability}}
