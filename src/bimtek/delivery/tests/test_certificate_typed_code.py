"""The code printed on a certificate, typed back on the public page: it verifies, a typo is called a typo,
a code never issued is not found, and an address that keeps missing is stopped."""

import base64
import datetime as dt
import re
import zlib

import pytest
from django.test import Client
from django.urls import reverse

from bimtek.accounts.models import User
from bimtek.assessment.models import Program
from bimtek.delivery.certificates import certificate_verify
from bimtek.delivery.models import Certificate
from bimtek.delivery.tests.helpers import Setup
from bimtek.lib import typed_code

pytestmark = pytest.mark.django_db

ISSUED = "53XPGZFTHT7Z"  # printed 53XP-GZFT-HT7Z
VERIFY = reverse("delivery:verify")


@pytest.fixture
def certificate(gantung: Setup) -> Certificate:
    program = Program.objects.create(election=gantung.election, kind="kpps", name="Bimtek KPPS")
    person = gantung.lenggang[0].person
    return Certificate.objects.create(
        program=program,
        person=person,
        region_code=person.region_id,
        code="ABCDEFGHJK",
        verification_code=ISSUED,
        completed_on=dt.date(2024, 1, 26),
    )


def _never_issued() -> str:
    body = "00000000000"
    return body + typed_code.check_char(body)


def _one_char_changed(code: str, at: int) -> str:
    other = typed_code.ALPHABET[(typed_code.ALPHABET.index(code[at]) + 1) % len(typed_code.ALPHABET)]
    return code[:at] + other + code[at + 1 :]


def test_a_new_certificate_gets_a_well_formed_code_of_its_own(certificate: Certificate) -> None:
    other = Certificate.objects.create(
        program=certificate.program,
        person=certificate.person.__class__.objects.exclude(pk=certificate.person_id).first(),
        region_code=certificate.region_code,
        code="ABCDEFGHJM",
        completed_on=certificate.completed_on,
    )
    assert typed_code.read(other.verification_code) == ("ok", other.verification_code)
    assert other.verification_code != certificate.verification_code
    assert other.printed_code.count("-") == 2 and len(other.printed_code) == 14


def test_the_printed_code_typed_back_verifies(certificate: Certificate) -> None:
    assert certificate.printed_code == "53XP-GZFT-HT7Z"
    for typed in ("53XP-GZFT-HT7Z", "53xp-gzft-ht7z", "53xp gzft ht7z", " 53XPGZFTHT7Z "):
        verdict = certificate_verify(text=typed)
        assert (verdict.code, verdict.certificate) == ("valid", certificate), typed


def test_o_i_and_l_typed_for_zero_and_one_still_verify(certificate: Certificate) -> None:
    body = "10ABCDEFGH1"
    certificate.verification_code = body + typed_code.check_char(body)
    certificate.save(update_fields=["verification_code"])
    typed = "lO" + certificate.verification_code[2:10].lower() + "I" + certificate.verification_code[11]
    assert certificate_verify(text=typed).code == "valid"


def test_one_character_changed_is_a_typo_not_a_forgery(certificate: Certificate) -> None:
    for at in range(len(ISSUED)):
        assert certificate_verify(text=_one_char_changed(ISSUED, at)).code == "typo"
    assert certificate_verify(text=ISSUED[:-1]).code == "typo"  # a character left out


def test_a_well_formed_code_never_issued_is_not_found(certificate: Certificate) -> None:
    assert typed_code.read(_never_issued())[0] == "ok"
    verdict = certificate_verify(text=_never_issued())
    assert (verdict.ok, verdict.code, verdict.certificate) == (False, "unknown", None)


def test_the_code_printed_before_there_was_a_typed_code_still_verifies(certificate: Certificate) -> None:
    for typed in ("ABCDEFGHJK", "abcde-fghjk"):
        assert certificate_verify(text=typed).code == "valid", typed
    assert certificate_verify(text="ABCDEFGHJM").code == "unknown"


def test_the_page_answers_in_words_and_shows_no_personal_data(certificate: Certificate) -> None:
    person = certificate.person
    valid = Client().get(VERIFY, {"k": "53xp-gzft-ht7z"}).content.decode()
    assert 'data-code="valid"' in valid and "Sertifikat sah" in valid
    assert person.name in valid and "Bimtek KPPS" in valid and "26 Januari 2024" in valid
    assert "53XP-GZFT-HT7Z" in valid
    assert person.nik not in valid and person.nik[-6:] not in valid
    assert person.phone not in valid and person.phone[-6:] not in valid

    typo = Client().get(VERIFY, {"k": _one_char_changed(ISSUED, 3)}).content.decode()
    assert 'data-code="typo"' in typo and "salah ketik" in typo and person.name not in typo

    unknown = Client().get(VERIFY, {"k": typed_code.grouped(_never_issued())}).content.decode()
    assert 'data-code="unknown"' in unknown and "tidak ditemukan" in unknown and person.name not in unknown


def test_the_certificate_pdf_prints_the_typed_code(certificate: Certificate, kpu_beltim: User) -> None:
    client = Client()
    client.force_login(kpu_beltim)
    response = client.get(reverse("delivery:certificate_pdf", args=[certificate.pk]))
    assert response.status_code == 200
    assert "53XP-GZFT-HT7Z" in response["Content-Disposition"]
    assert b"53XP-GZFT-HT7Z" in _pdf_text(response.content)


def _pdf_text(pdf: bytes) -> bytes:
    """The page's drawing operators (reportlab writes ASCII85 over Flate), as documents' tests read them."""
    out = b""
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        try:
            out += zlib.decompress(base64.a85decode(stream.strip().removesuffix(b"~>")))
        except (ValueError, zlib.error):
            out += stream
    return out


def test_an_address_that_keeps_missing_is_stopped_and_others_are_not(
    certificate: Certificate, settings: pytest.FixtureRequest
) -> None:
    settings.CERTIFICATE_VERIFY_MISSES = 3  # type: ignore[attr-defined]  # pytest-django's settings fixture takes any setting
    guesser = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(3):
        assert guesser.get(VERIFY, {"k": typed_code.grouped(_never_issued())}).status_code == 200
    stopped = guesser.get(VERIFY, {"k": "53XP-GZFT-HT7Z"})  # even a real code gets no answer now
    assert stopped.status_code == 429
    assert 'data-code="throttled"' in stopped.content.decode()
    assert certificate.person.name not in stopped.content.decode()
    neighbour = Client(REMOTE_ADDR="203.0.113.10").get(VERIFY, {"k": "53XP-GZFT-HT7Z"})
    assert neighbour.status_code == 200 and 'data-code="valid"' in neighbour.content.decode()


def test_valid_answers_do_not_count_as_misses(
    certificate: Certificate, settings: pytest.FixtureRequest
) -> None:
    settings.CERTIFICATE_VERIFY_MISSES = 2  # type: ignore[attr-defined]  # pytest-django's settings fixture takes any setting
    office = Client(REMOTE_ADDR="203.0.113.20")
    for _ in range(5):
        assert 'data-code="valid"' in office.get(VERIFY, {"k": "53XP-GZFT-HT7Z"}).content.decode()
