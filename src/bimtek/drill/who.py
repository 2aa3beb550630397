"""Whose drill a page is about: the `peserta` named in the request (scoped), or the signed-in member's own."""

from typing import Any

from django.http import Http404, HttpRequest

from bimtek.workforce.models import Person
from bimtek.workforce.selectors import person_visible_to


def person_param(request: HttpRequest, data: Any) -> Person | None:
    """The person `?peserta=` names, if the user's scope covers them (404 otherwise); None when not named."""
    pk = data.get("peserta", "")
    if not pk:
        return None
    if not str(pk).isdigit():
        raise Http404
    person = person_visible_to(request.user, int(pk))
    if person is None:
        raise Http404
    return person


def own_person(request: HttpRequest) -> Person | None:
    """The signed-in KPPS or Linmas member's own person record, or None for an operator."""
    pk = getattr(request.user, "person_id", None)
    if pk is None:
        return None
    return person_visible_to(request.user, pk)
