"""Sessions read by the plain statement behave as Django's database sessions: found, expired, unknown, gone."""

import datetime as dt

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from bimtek.accounts.models import User
from bimtek.accounts.sessions import SessionStore

pytestmark = pytest.mark.django_db


def test_a_stored_session_loads_and_an_expired_or_unknown_one_is_empty() -> None:
    store = SessionStore()
    store["x"] = [1, "dua"]
    store.create()
    assert SessionStore(store.session_key).load() == {"x": [1, "dua"]}
    Session.objects.filter(session_key=store.session_key).update(
        expire_date=timezone.now() - dt.timedelta(seconds=1)
    )
    expired = SessionStore(store.session_key)
    assert expired.load() == {} and expired.session_key is None
    unknown = SessionStore("z" * 32)
    assert unknown.load() == {} and unknown.session_key is None
    assert SessionStore(None).load() == {}


def test_a_signed_in_user_stays_in_until_logout(kpu_beltim: User) -> None:
    client = Client()
    client.force_login(kpu_beltim)
    assert client.get("/").status_code == 200
    key = client.cookies["sessionid"].value
    assert SessionStore(key).load()["_auth_user_id"] == str(kpu_beltim.pk)
    client.post("/akun/keluar/")
    assert not Session.objects.filter(session_key=key).exists()
    assert client.get("/").status_code == 302


def test_the_nightly_clearsessions_removes_only_expired_sessions() -> None:
    from django.core.management import call_command

    live, old = SessionStore(), SessionStore()
    for store in (live, old):
        store["x"] = 1
        store.create()
    Session.objects.filter(session_key=old.session_key).update(
        expire_date=timezone.now() - dt.timedelta(days=1)
    )
    call_command("clearsessions")
    assert set(Session.objects.values_list("session_key", flat=True)) == {live.session_key}
