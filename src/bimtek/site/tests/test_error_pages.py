"""Error pages speak the product's language in its layout and say what to do next, never Django's bare English."""

import pytest
from django.conf import settings
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

from bimtek.conftest import PASSWORD, PURBALINGGA

pytestmark = pytest.mark.django_db

ENGLISH = ("Not Found", "The requested resource", "Forbidden", "CSRF verification failed", "Server Error")


def assert_product_page(html: str) -> None:
    assert 'name="viewport"' in html  # phone width, not 980 px
    assert 'class="brand"' in html  # the product's header
    assert 'lang="id"' in html
    for text in ENGLISH:
        assert text not in html


def test_unknown_address_answers_the_product_404(client: Client) -> None:
    response = client.get("/tidak-ada-halaman-ini/")
    assert response.status_code == 404
    html = response.content.decode()
    assert_product_page(html)
    assert "Halaman tidak ditemukan" in html
    assert f'href="{reverse("accounts:login")}"' in html  # signed out: the way on is signing in


def test_a_region_outside_the_account_answers_404_with_a_way_home(client: Client, kpu_beltim, pemilu) -> None:
    client.force_login(kpu_beltim)
    response = client.get(f"/e/{pemilu.slug}/wilayah/{PURBALINGGA}/")
    assert response.status_code == 404
    html = response.content.decode()
    assert_product_page(html)
    assert "di luar wilayah kerja" in html
    assert "Ke beranda" in html


def test_a_page_the_role_may_not_open_names_the_role(client: Client, pps_lenggang) -> None:
    client.force_login(pps_lenggang)
    response = client.get("/audit/")
    assert response.status_code == 403
    html = response.content.decode()
    assert_product_page(html)
    assert "Halaman ini bukan untuk peran Anda" in html
    assert "(PPS)" in html
    assert "hubungi operator KPU" in html


def test_an_expired_form_says_to_reload_and_send_again(pps_lenggang) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("accounts:login"), {"username": "pps-lenggang", "password": PASSWORD})
    assert response.status_code == 403
    html = response.content.decode()
    assert_product_page(html)
    assert "kedaluwarsa" in html
    assert "Tidak ada yang tersimpan" in html


def test_a_server_error_renders_without_a_request_context() -> None:
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert_product_page(html)
    assert "Terjadi kesalahan di server" in html
    assert "tidak hilang" in html


def test_english_locale_translates_the_error_page(client: Client) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/tidak-ada-halaman-ini/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in html
