"""`bimtek token create`: a script gets a token and reads the API with its user's scope."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from bimtek.accounts.models import User
from bimtek.audit.models import AuditEntry
from bimtek.conftest import BELTIM

pytestmark = pytest.mark.django_db


def token(*args: str) -> str:
    out = StringIO()
    call_command("token", "create", *args, stdout=out)
    return out.getvalue().strip()


def script(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_it_lets_a_script_read_the_api_with_a_token(kpu_beltim: User) -> None:
    payload = json.loads(token("kpu-beltim", "--json"))
    assert payload["username"] == "kpu-beltim" and payload["created"] is True
    response = script(payload["token"]).get(f"/api/v1/regions/{BELTIM}/")
    assert response.status_code == 200
    assert response.json()["code"] == BELTIM


def test_it_gives_the_script_only_its_users_scope(kpu_purbalingga: User) -> None:
    key = token("kpu-purbalingga")
    assert script(key).get(f"/api/v1/regions/{BELTIM}/").status_code == 404


def test_it_refuses_a_wrong_token(kpu_beltim: User) -> None:
    assert script("0" * 40).get("/api/v1/regions/").status_code == 401


def test_it_prints_the_same_token_twice_and_a_new_one_on_rotate(kpu_beltim: User) -> None:
    first = token("kpu-beltim")
    assert token("kpu-beltim") == first
    second = token("kpu-beltim", "--rotate")
    assert second != first
    assert script(first).get("/api/v1/regions/").status_code == 401
    assert script(second).get("/api/v1/regions/").status_code == 200


def test_it_audits_the_issue_without_the_key(kpu_beltim: User) -> None:
    key = token("kpu-beltim")
    entry = AuditEntry.objects.get(action="token.create")
    assert entry.object_id == str(kpu_beltim.pk) and entry.region_code == BELTIM
    assert key not in json.dumps([entry.before, entry.after, entry.actor_label, entry.object_id])


def test_it_exits_2_for_an_unknown_user(db: None) -> None:
    with pytest.raises(CommandError) as exc:
        token("nobody")
    assert exc.value.returncode == 2


def test_it_refuses_an_account_without_a_scope(db: None) -> None:
    User.objects.create_user(username="no-role", password="x" * 20)
    with pytest.raises(CommandError) as exc:
        token("no-role", "--json")
    assert exc.value.returncode == 1
    assert not Token.objects.exists()
