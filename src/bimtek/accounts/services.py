"""Create accounts with a role and a region; every change is audited."""

from typing import Any

from django.db import transaction

from bimtek.accounts.models import PERSONAL_ROLES, ROLE_LEVEL, Role, User
from bimtek.audit.services import log_action
from bimtek.lib.errors import DomainError
from bimtek.regions.models import Region

ERR_ROLE_REGION = "Peran {role} harus diberi wilayah tingkat {level}"


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
    region = Region.objects.filter(code=region_code).first() if region_code else None
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
        log_action(
            actor=actor,
            action="user.create",
            object_type="user",
            object_id=user.pk,
            region_code=region_code or "",
            after={"username": username, "role": role, "region": region_code},
        )
    return user
