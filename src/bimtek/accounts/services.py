"""Create accounts with a role and a region; every change is audited (through `signals.user_created`, which
the audit app receives in the same transaction)."""

from typing import Any

from django.db import transaction

from bimtek.accounts.models import PERSONAL_ROLES, ROLE_LEVEL, Role, User
from bimtek.accounts.signals import user_created
from bimtek.lib.errors import DomainError

ERR_ROLE_REGION = "Peran {role} harus diberi wilayah tingkat {level}"


def _region(code: str | None) -> Any:
    """The Region of a code, read through the user's own `region` relation: accounts sits below the regions
    app and never imports it (the model names `regions.Region` lazily, by string)."""
    if not code:
        return None
    return User._meta.get_field("region").related_model._default_manager.filter(code=code).first()  # type: ignore[union-attr]  # a ForeignKey's related_model is the model class


def user_create(
    *,
    username: str,
    password: str,
    role: str,
    region_code: str | None,
    actor: Any,
    person_id: int | None = None,
    email: str = "",
    is_superuser: bool = False,
) -> User:
    if role not in Role.values:
        raise DomainError("role_invalid", f"Peran '{role}' tidak dikenal")
    region = _region(region_code)
    wanted_level = ROLE_LEVEL.get(Role(role))
    if wanted_level is not None and (region is None or region.level != wanted_level):
        raise DomainError("role_region", ERR_ROLE_REGION.format(role=Role(role).label, level=wanted_level))
    if role in PERSONAL_ROLES and person_id is None:
        raise DomainError("role_person", "Akun KPPS atau Linmas harus terhubung dengan data petugasnya")
    with transaction.atomic():
        user = User(
            username=username,
            email=email,
            role=role,
            region=region if role != Role.KPU_RI else None,
            person_id=person_id,
            is_superuser=is_superuser,
            is_staff=is_superuser,
        )
        user.set_password(password)
        user.save()
        user_created.send(
            sender=User,
            user=user,
            actor=actor,
            after={"username": username, "role": role, "region": region_code},
        )
    return user
