"""API tokens for scripts. A token acts with its user's role and scope, nothing more."""

from typing import Any

from django.db import transaction
from rest_framework.authtoken.models import Token

from bimtek.accounts.models import User
from bimtek.accounts.scoping import scope_of
from bimtek.audit.services import log_action
from bimtek.lib.errors import DomainError

ERR_NO_SCOPE = "Akun '{username}' tidak aktif atau tidak punya peran dan wilayah; token tidak dibuat"


def token_create(*, user: User, actor: Any, rotate: bool = False) -> tuple[Token, bool]:
    """The user's token, made if missing (or replaced, with `rotate`); returns (token, newly made)."""
    if scope_of(user).nothing:
        raise DomainError("token_no_scope", ERR_NO_SCOPE.format(username=user.get_username()))
    with transaction.atomic(durable=True):
        if rotate:
            Token.objects.filter(user=user).delete()
        token, created = Token.objects.get_or_create(user=user)
        if created:
            # The key itself is a secret: the audit log records only that a token was issued.
            log_action(
                actor=actor,
                action="token.rotate" if rotate else "token.create",
                object_type="user",
                object_id=user.pk,
                region_code=user.region_id or "",
            )
    return token, created
