"""What every page needs: the user's scope, the current election, and scoped lookups that 404."""

from typing import Any, TypeVar

from django.db import models
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from bimtek.accounts.scoping import Scope, scope_of
from bimtek.elections.models import Election

M = TypeVar("M", bound=models.Model)


def scoped_get(request: HttpRequest, queryset: Any, **lookup: Any) -> Any:
    """The object if the user may see it; otherwise 404, as if it did not exist."""
    return get_object_or_404(queryset.visible_to(request.user), **lookup)


def election_or_404(slug: str) -> Election:
    return get_object_or_404(Election, slug=slug)


def home_region(scope: Scope) -> str:
    return scope.region_code or ""


def require_covers(request: HttpRequest, code: str) -> Scope:
    scope = scope_of(request.user)
    if not scope.covers(code) and not (code == "" and scope.is_national):
        raise Http404
    return scope
