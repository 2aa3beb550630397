"""Region scoping: the one mechanism that decides what a user may see.

A user's scope is a region code (everything whose code equals it or starts with it plus a dot)
and, for a KPPS member, their own person. Every model that holds regional data names the field
its region code lives in (`scope_region_field`) and how it reaches a person
(`scope_person_field`); `visible_to(user)` turns that into one filter. Views, API viewsets,
exports and commands all start from `Model.objects.visible_to(user)`; an object outside the
scope therefore answers 404, because for that user it does not exist.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from django.db import models
from django.db.models import Q

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

_M = TypeVar("_M", bound=models.Model)


@dataclass(frozen=True)
class Scope:
    region_code: str | None  # None: the whole country
    person_id: int | None  # set: only this person's own records
    nothing: bool = False  # anonymous or an account with no role

    @property
    def is_national(self) -> bool:
        return not self.nothing and self.region_code is None and self.person_id is None

    def covers(self, code: str) -> bool:
        if self.nothing:
            return False
        if self.region_code is None:
            return True
        return code == self.region_code or code.startswith(f"{self.region_code}.")


NOTHING = Scope(region_code=None, person_id=None, nothing=True)


def scope_of(user: "AbstractBaseUser | AnonymousUser | None") -> Scope:
    if user is None or not user.is_authenticated or not user.is_active:
        return NOTHING
    if getattr(user, "is_superuser", False):
        return Scope(region_code=None, person_id=None)
    role = getattr(user, "role", "")
    if role == "kpu_ri":
        return Scope(region_code=None, person_id=None)
    region_code = getattr(user, "region_id", None)
    if not role or not region_code:
        return NOTHING
    personal = role in ("kpps", "linmas")  # accounts.models.PERSONAL_ROLES
    person_id = getattr(user, "person_id", None) if personal else None
    if personal and person_id is None:
        return NOTHING
    return Scope(region_code=region_code, person_id=person_id)


def region_filter(field: str, code: str) -> Q:
    return Q(**{field: code}) | Q(**{f"{field}__startswith": f"{code}."})


class ScopedQuerySet(models.QuerySet[_M], Generic[_M]):
    def visible_to(self, user: Any) -> "ScopedQuerySet[_M]":
        return self.in_scope(scope_of(user))

    def in_scope(self, scope: Scope) -> "ScopedQuerySet[_M]":
        if scope.nothing:
            return self.none()
        qs = self
        region_field = getattr(self.model, "scope_region_field", None)
        if scope.region_code is not None and region_field:
            qs = qs.filter(region_filter(region_field, scope.region_code))
        if scope.person_id is not None:
            person_field = getattr(self.model, "scope_person_field", None)
            if person_field:
                # A subquery, not .distinct(): the field may cross a many-valued relation, and a distinct
                # queryset cannot be combined with another (`&`, `|`) by the callers.
                own = self.model._default_manager.filter(**{person_field: scope.person_id}).values("pk")
                qs = qs.filter(pk__in=own)
        return qs
