"""Templates are checked on save: an unknown placeholder, a tag or a syntax error is refused, named."""

import datetime as dt

import pytest

from bimtek.accounts.models import User
from bimtek.documents.defaults import DEFAULTS
from bimtek.documents.models import DocumentTemplate
from bimtek.documents.placeholders import tanggal_id
from bimtek.documents.selectors import template_for
from bimtek.documents.services import TemplateInvalid, template_save

pytestmark = pytest.mark.django_db


def test_it_writes_dates_in_indonesian() -> None:
    assert tanggal_id(dt.date(2024, 1, 22)) == "22 Januari 2024"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("Yth. {{ atasan }}", "Isi: penanda tidak dikenal: {{ atasan }}"),
        ("{% include 'x.html' %}", "Isi: perintah {% include %} tidak diizinkan"),
        ("{{ nama|tidakada }}", "Isi: penulisan penanda salah"),
    ],
)
def test_it_refuses_a_bad_template_naming_the_problem(kpu_beltim: User, body: str, message: str) -> None:
    values = {**DEFAULTS["izin"], "body": body}
    with pytest.raises(TemplateInvalid) as caught:
        template_save(kind="izin", region_code="19.06", values=values, actor=kpu_beltim)
    assert caught.value.message.startswith(message)
    assert not DocumentTemplate.objects.exists()


def test_a_kabupaten_override_wins_over_the_national_default(kpu_beltim: User, kpu_ri: User) -> None:
    template_save(kind="izin", region_code="", values={**DEFAULTS["izin"], "title": "Nasional"}, actor=kpu_ri)
    template_save(
        kind="izin", region_code="19.06", values={**DEFAULTS["izin"], "title": "Beltim"}, actor=kpu_beltim
    )
    assert template_for("izin", "19.06.02.2009").title == "Beltim"
    assert template_for("izin", "33.03").title == "Nasional"
