"""The signed-in user read by the prepared statement is the user the ORM reads; what ModelBackend refuses it refuses."""

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from bimtek.accounts.backends import LEGACY_PATH, PATH, AccountBackend
from bimtek.accounts.models import User
from bimtek.accounts.sessions import SessionStore
from bimtek.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _signed_in(client: Client) -> bool:
    response = client.get("/")
    return response.status_code == 200 or not response["Location"].startswith(reverse("accounts:login"))


def _fields(user: User) -> dict[str, object]:
    return {f.attname: getattr(user, f.attname) for f in User._meta.concrete_fields}


def test_it_reads_every_field_of_the_user_as_the_orm_does(pps_lenggang: User) -> None:
    User.objects.filter(pk=pps_lenggang.pk).update(first_name="Siti", is_staff=True)
    expected = User.objects.get(pk=pps_lenggang.pk)
    read = AccountBackend().get_user(str(pps_lenggang.pk))
    assert isinstance(read, User)
    assert _fields(read) == _fields(expected)
    assert read._state.adding is False and read._state.db == "default"
    assert read.region.name == expected.region.name  # a relation still loads on access


def test_it_refuses_an_unknown_a_garbled_or_an_inactive_user(pps_lenggang: User) -> None:
    backend = AccountBackend()
    assert backend.get_user(str(pps_lenggang.pk + 1000)) is None
    assert backend.get_user("satu") is None
    assert backend.get_user(None) is None
    User.objects.filter(pk=pps_lenggang.pk).update(is_active=False)
    assert backend.get_user(str(pps_lenggang.pk)) is None


def test_signing_in_stores_this_backend_and_the_next_request_is_signed_in(
    pemilu: object, pps_lenggang: User
) -> None:
    client = Client()
    client.post(reverse("accounts:login"), {"username": "pps-lenggang", "password": PASSWORD})
    assert SessionStore(client.cookies["sessionid"].value).load()[BACKEND_SESSION_KEY] == PATH
    assert _signed_in(client)
    User.objects.filter(pk=pps_lenggang.pk).update(is_active=False)
    assert not _signed_in(client)  # deactivated: signed out on the next request


def test_a_session_from_before_this_backend_stays_signed_in(pps_lenggang: User) -> None:
    client = Client()
    client.force_login(pps_lenggang, backend=PATH)
    key = client.cookies["sessionid"].value
    old = SessionStore(key)
    data = old.load()
    data[BACKEND_SESSION_KEY] = LEGACY_PATH
    Session.objects.filter(session_key=key).update(session_data=old.encode(data))
    assert _signed_in(client)


def test_a_changed_password_signs_other_sessions_out(pps_lenggang: User) -> None:
    client = Client()
    client.force_login(pps_lenggang)
    assert _signed_in(client)
    pps_lenggang.set_password("kata-sandi-baru-2024")
    pps_lenggang.save()
    assert not _signed_in(client)
