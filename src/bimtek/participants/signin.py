"""Signing in without a password: a one-time code (and link) sent to the phone or e-mail on file.

KPPS and Linmas members have no password. They give their NIK; if it belongs to an active KPPS or Linmas
appointment (or to a PPK/PPS account already linked to the person), a six-digit code and a one-time link go
to the registered phone (SMS) or e-mail. The answer is the same whether or not the NIK is known, so the form
cannot be used to find out who is registered. Codes expire after 10 minutes, allow 5 tries, and are stored
only as hashes; a person gets at most 3 codes and an address asks at most 10 times in 15 minutes. Operator
accounts (KPU) never sign in this way: their login keeps its password and throttling (django-axes).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from bimtek.accounts.access import OPERATOR_ROLES
from bimtek.accounts.models import Role, User
from bimtek.audit.services import log_action
from bimtek.lib.errors import DomainError
from bimtek.messaging.services import direct_send
from bimtek.participants.models import LoginCode
from bimtek.workforce.models import Body, Person
from bimtek.workforce.selectors import active_of_person, person_with_nik

CODE_TTL = dt.timedelta(minutes=10)
THROTTLE_WINDOW = dt.timedelta(minutes=15)
MAX_CODES_PER_PERSON = 3
MAX_REQUESTS_PER_CLIENT = 10
MAX_TRIES = 5

ERR_NIK = "NIK harus 16 angka"
ERR_THROTTLED = "Terlalu banyak permintaan kode. Coba lagi dalam 15 menit."
ERR_CODE = "Kode salah atau sudah kedaluwarsa. Minta kode baru bila perlu."
ERR_LINK = "Tautan masuk ini tidak berlaku lagi (sudah dipakai atau kedaluwarsa). Minta kode baru."
ERR_NO_ACCOUNT = "Data Anda tidak dapat dipakai untuk masuk dengan kode. Hubungi PPS desa Anda."
PERSONAL_BODIES = {Body.KPPS: Role.KPPS, Body.LINMAS: Role.LINMAS}


def _hash(value: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), value.encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class CodeRequest:
    login_code_id: int | None  # None when nothing was sent; the page answers the same


def _eligible(person: Person) -> bool:
    linked = User.objects.filter(person=person, is_active=True).first()
    if linked is not None:
        return linked.role not in OPERATOR_ROLES and not linked.is_superuser and not linked.is_staff
    return active_of_person(person).filter(body__in=PERSONAL_BODIES).exists()


def login_code_request(*, nik: str, client: str, link_base: str) -> CodeRequest:
    """1. throttle the asker; 2. find the person; 3. store hashes; 4. send code and link."""
    nik = nik.strip()
    if len(nik) != 16 or not nik.isdigit():
        raise DomainError("nik_invalid", ERR_NIK)
    now = timezone.now()
    client_hash = _hash(f"client:{client}")
    since = now - THROTTLE_WINDOW
    if (
        LoginCode.objects.filter(client_hash=client_hash, created_at__gte=since).count()
        >= MAX_REQUESTS_PER_CLIENT
    ):
        raise DomainError("throttled", ERR_THROTTLED)
    person = person_with_nik(nik)
    # An unknown NIK still leaves a row (with no person it cannot sign anyone in) so that it counts
    # against the asker's limit exactly like a known one.
    if person is None or not _eligible(person):
        LoginCode.objects.create(
            person=None,
            code_hash="",
            link_hash=_hash(secrets.token_hex(16)),
            client_hash=client_hash,
            created_at=now,
            expires_at=now,
            used_at=now,
        )
        return CodeRequest(None)
    if LoginCode.objects.filter(person=person, created_at__gte=since).count() >= MAX_CODES_PER_PERSON:
        raise DomainError("throttled", ERR_THROTTLED)
    code = f"{secrets.randbelow(10**6):06d}"
    link = secrets.token_urlsafe(24)
    row = LoginCode.objects.create(
        person=person,
        code_hash=_hash(f"code:{code}"),
        link_hash=_hash(f"link:{link}"),
        client_hash=client_hash,
        created_at=now,
        expires_at=now + CODE_TTL,
    )
    text = (
        f"Kode masuk Bimtek: {code} (berlaku 10 menit). Atau buka {link_base}{link}/ . "
        "Jangan berikan kode ini kepada siapa pun."
    )
    channel = direct_send(person=person, subject="Kode masuk Bimtek", text=text)
    log_action(
        actor=None,
        action="signin.code",
        object_type="person",
        object_id=person.pk,
        after={"channel": channel},
    )
    return CodeRequest(row.pk)


def _user_for(person: Person) -> User:
    """The person's own account, made on first sign-in from their active KPPS/Linmas appointment."""
    linked = User.objects.filter(person=person, is_active=True).first()
    if linked is not None:
        if linked.role in OPERATOR_ROLES or linked.is_superuser or linked.is_staff:
            raise DomainError("signin_refused", ERR_NO_ACCOUNT)
        return linked
    appointment = active_of_person(person).filter(body__in=PERSONAL_BODIES).order_by("-election_id").first()
    if appointment is None:
        raise DomainError("signin_refused", ERR_NO_ACCOUNT)
    user = User(
        username=f"peserta-{person.pk}",
        role=PERSONAL_BODIES[Body(appointment.body)],
        region_id=appointment.region_id,
        person=person,
    )
    user.set_unusable_password()
    user.save()
    log_action(
        actor=None,
        action="user.create",
        object_type="user",
        object_id=user.pk,
        region_code=appointment.region_id,
        after={"role": user.role, "via": "signin_code"},
    )
    return user


def login_code_verify(*, login_code_id: int, code: str) -> User:
    """The user the code signs in, once; a wrong code counts a try, and the fifth ends the code."""
    with transaction.atomic():
        row = LoginCode.objects.select_for_update().filter(pk=login_code_id, person__isnull=False).first()
        if (
            row is None
            or row.used_at is not None
            or row.expires_at <= timezone.now()
            or row.tries >= MAX_TRIES
        ):
            raise DomainError("code_invalid", ERR_CODE)
        if hmac.compare_digest(row.code_hash, _hash(f"code:{code.strip()}")):
            return _use(row)
        row.tries += 1  # committed with the block: the refusal below must not roll the count back
        row.save(update_fields=["tries"])
    raise DomainError("code_invalid", ERR_CODE)


def login_link_verify(*, token: str) -> User:
    with transaction.atomic():
        row = (
            LoginCode.objects.select_for_update()
            .filter(link_hash=_hash(f"link:{token}"), person__isnull=False)
            .first()
        )
        if row is None or row.used_at is not None or row.expires_at <= timezone.now():
            raise DomainError("link_invalid", ERR_LINK)
        return _use(row)


def _use(row: LoginCode) -> Any:
    row.used_at = timezone.now()
    row.save(update_fields=["used_at"])
    user = _user_for(row.person)
    log_action(actor=user, action="signin.code_used", object_type="user", object_id=user.pk)
    return user
