"""Signing out tells the browser to drop what the phone kept; no other answer does."""

import pytest
from django.test import Client
from django.urls import reverse

from bimtek.accounts.models import User

pytestmark = pytest.mark.django_db


def test_signing_out_clears_the_phone_and_nothing_else_does(pps_lenggang: User) -> None:
    client = Client()
    client.force_login(pps_lenggang)
    assert "Clear-Site-Data" not in client.get("/")
    assert "Clear-Site-Data" not in client.post(reverse("pwa:keep"))  # a POST elsewhere (refused: GET only)
    out = client.post(reverse("accounts:logout"))
    assert out.status_code < 400 and out["Clear-Site-Data"] == '"cache", "storage"'
    assert "Clear-Site-Data" not in client.get(reverse("accounts:logout"))  # not a logout: GET is refused
