"""Whose drill a page is about: the `peserta` named in the request (scoped), or the signed-in member's own."""

from typing import Any

from django.http import Http404, HttpRequest

from bimtek.accounts.access import scoped_get
from bimtek.workforce.models import Person


def person_param(request: HttpRequest, data: Any) -> Person | None:
    """The person `?peserta=` names, if the user's scope covers them (404 otherwise); None when not named."""
    pk = data.get("peserta", "")
    if not pk:
        return None
    if not str(pk).isdigit():
        raise Http404
    person: Person = scoped_get(request, Person.objects.select_related("region"), pk=pk)
    return person


def own_person(request: HttpRequest) -> Person | None:
    """The signed-in KPPS or Linmas member's own person record, or None for an operator."""
    pk = getattr(request.user, "person_id", None)
    if pk is None:
        return None
    return Person.objects.visible_to(request.user).filter(pk=pk).first()
