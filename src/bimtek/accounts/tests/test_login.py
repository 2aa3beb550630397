import pytest
from django.test import Client
from django.urls import reverse

from bimtek.accounts.models import User
from bimtek.audit.models import AuditEntry
from bimtek.conftest import LENGGANG, PASSWORD

pytestmark = pytest.mark.django_db


def test_it_logs_a_pps_in_and_lands_on_their_desa(pemilu: object, pps_lenggang: User) -> None:
    response = Client().post(
        reverse("accounts:login"), {"username": "pps-lenggang", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0].endswith(f"/wilayah/{LENGGANG}/")


def test_it_locks_an_account_after_five_wrong_passwords(pps_lenggang: User) -> None:
    client = Client()
    for _ in range(5):
        client.post(reverse("accounts:login"), {"username": "pps-lenggang", "password": "salah"})
    locked = client.post(reverse("accounts:login"), {"username": "pps-lenggang", "password": PASSWORD})
    assert locked.status_code == 429
    assert "Terlalu banyak percobaan" in locked.content.decode()


def test_it_hashes_passwords_with_argon2_in_production(settings: object) -> None:
    from bimtek import settings as production

    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_it_speaks_indonesian_by_default_and_english_on_request(pps_lenggang: User) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "Masuk" in client.get(reverse("accounts:login")).content.decode()
    client.cookies["django_language"] = "en"
    assert "Sign in" in client.get(reverse("accounts:login")).content.decode()


def test_it_audits_account_creation(pps_lenggang: User) -> None:
    entry = AuditEntry.objects.get(action="user.create", object_id=str(pps_lenggang.pk))
    assert entry.after == {"username": "pps-lenggang", "role": "pps", "region": LENGGANG}
