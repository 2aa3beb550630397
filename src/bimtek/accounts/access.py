"""Access: the one place that decides what a user may do, and where.

Two questions, asked together by every page, export, API endpoint and job start:
- **where** (region scope, `scoping.scope_of`): the region a user's data comes from; outside it an object
  does not exist for them (404);
- **what** (the functional role, `Ability`): what a role may do at all. An operator (KPU) runs the
  registry, plans, banks and documents; a facilitator (PPK, PPS) runs the sessions of their region; a
  participant (KPPS, Linmas, and a PPK/PPS in their own ToT) sees only their own space. Asking for what a
  role may not do is 403, whatever the object, so a KPPS member cannot even learn which plans exist.

A view states its rule once, with `@requires(Ability.X)` (or `@public`, `@signed_in`); the rule is kept on
the view as `access_rule`, so the role walk test (`accounts/tests/test_role_walk.py`) can find a URL that
states none. DRF views use `AbilityPermission` with a `required_ability` on the view class.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from rest_framework.permissions import BasePermission

from bimtek.accounts.models import Role
from bimtek.accounts.scoping import Scope, scope_of

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

M = TypeVar("M", bound=models.Model)
V = TypeVar("V", bound=Callable[..., HttpResponse])


class Ability(StrEnum):
    """What a role may do. Region scope then narrows where."""

    PARTICIPATE = "participate"  # one's own sessions, tests, results, certificate, drills, reminders
    FACILITATE = "facilitate"  # run a session: rosters, check-in, paper attendance, messages to its people
    VIEW_REGION = "view_region"  # the region's pages: staffing, TPS, people (masked), plans, readiness, print
    ASSESS = "assess"  # question banks with their answer keys, test forms, item analysis, everyone's results
    OPERATE = "operate"  # writes: registry, imports, plans, templates, certificates, refresh, audit log


class Rule(StrEnum):
    """A view's rule when it needs no ability: open to anyone, or to anyone signed in."""

    PUBLIC = "public"
    SIGNED_IN = "signed_in"


OPERATOR_ROLES = frozenset({Role.KPU_RI, Role.KPU_PROVINSI, Role.KPU_KABKOTA})
FACILITATOR_ROLES = frozenset({Role.PPK, Role.PPS})
PARTICIPANT_ROLES = frozenset({Role.KPPS, Role.LINMAS})

ABILITIES: dict[str, frozenset[Ability]] = {
    **{role: frozenset(Ability) for role in OPERATOR_ROLES},
    **{
        role: frozenset({Ability.PARTICIPATE, Ability.FACILITATE, Ability.VIEW_REGION})
        for role in FACILITATOR_ROLES
    },
    **{role: frozenset({Ability.PARTICIPATE}) for role in PARTICIPANT_ROLES},
}


def abilities_of(user: AbstractBaseUser | AnonymousUser | None) -> frozenset[Ability]:
    if scope_of(user).nothing:
        return frozenset()
    if getattr(user, "is_superuser", False):
        return frozenset(Ability)
    return ABILITIES.get(getattr(user, "role", ""), frozenset())


def may(user: Any, ability: Ability, region_code: str | None = None) -> bool:
    """True if the user's role may do this, and (given a region) the region is theirs."""
    if ability not in abilities_of(user):
        return False
    return region_code is None or covers(scope_of(user), region_code)


def is_participant_only(user: Any) -> bool:
    """A user whose whole world is their own space (KPPS, Linmas)."""
    granted = abilities_of(user)
    return bool(granted) and granted <= {Ability.PARTICIPATE}


def covers(scope: Scope, code: str) -> bool:
    """The scope holds this region; '' stands for the whole country, which only a national scope holds."""
    return scope.is_national if code == "" else scope.covers(code)


def _mark(view: V, rule: Ability | Rule) -> V:
    view.access_rule = rule  # type: ignore[attr-defined]  # read by the role walk test
    return view


def requires(ability: Ability) -> Callable[[V], V]:
    """The view needs this ability: anonymous users go to login, others without it get 403."""

    def decorate(view: V) -> V:
        @wraps(view)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if ability not in abilities_of(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return _mark(guarded, ability)  # type: ignore[arg-type]  # wraps keeps the signature

    return decorate


def signed_in(view: V) -> V:
    """Any signed-in user (what they then see is scoped)."""

    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return _mark(guarded, Rule.SIGNED_IN)  # type: ignore[arg-type]  # wraps keeps the signature


def public(view: V) -> V:
    """Open to anyone: the key is in the URL or the page shows nothing personal (login, verification)."""
    return _mark(view, Rule.PUBLIC)


def require(request: HttpRequest, ability: Ability, region_code: str | None = None) -> Scope:
    """Inside a view: 403 without the ability, 404 for a region outside the user's scope."""
    if ability not in abilities_of(request.user):
        raise PermissionDenied
    scope = scope_of(request.user)
    if region_code is not None and not covers(scope, region_code):
        raise Http404
    return scope


def require_covers(request: HttpRequest, code: str) -> Scope:
    """The user's scope, or 404 when the region is not in it."""
    scope = scope_of(request.user)
    if not covers(scope, code):
        raise Http404
    return scope


def scoped_get(request: HttpRequest, queryset: Any, **lookup: Any) -> Any:
    """The object if the user may see it; otherwise 404, as if it did not exist."""
    return get_object_or_404(queryset.visible_to(request.user), **lookup)


def home_region(scope: Scope) -> str:
    return scope.region_code or ""


class AbilityPermission(BasePermission):
    """DRF: the view's `required_ability` (or, per action, `required_abilities[action]`)."""

    def has_permission(self, request: Any, view: Any) -> bool:
        wanted = getattr(view, "required_abilities", {}).get(getattr(view, "action", None))
        wanted = wanted or getattr(view, "required_ability", None)
        if wanted is None:
            return False  # a view that states no rule is closed, and the role walk test names it
        if wanted in (Rule.PUBLIC, Rule.SIGNED_IN):
            return wanted == Rule.PUBLIC or bool(request.user and request.user.is_authenticated)
        return Ability(wanted) in abilities_of(request.user)
