"""Template helpers for the drill pages, and the drill summary a person's record can include.

`{% load drill %}{% drill_record person %}` shows the person's best drill score per election with a
link to their drill record; it is meant for workforce/person_detail.html.
"""

from typing import Any

from django import template

from bimtek.drill.core.form import label
from bimtek.drill.models import DrillAttempt
from bimtek.drill.rules import RULE_TITLES
from bimtek.drill.selectors import PASS_MARK

register = template.Library()


@register.filter
def box_label(path: str) -> str:
    return label(path)


@register.filter
def rule_title(code: str) -> str:
    """A checker rule in words (the code stays in JSON and the API)."""
    return str(RULE_TITLES.get(code, code))


@register.inclusion_tag("drill/_record.html")
def drill_record(person: Any) -> dict[str, Any]:
    best: dict[int, DrillAttempt] = {}
    for attempt in (
        DrillAttempt.objects.filter(person=person).select_related("election").order_by("-score", "-id")
    ):
        best.setdefault(attempt.election_id, attempt)
    return {"person": person, "best": list(best.values()), "pass_mark": PASS_MARK}
