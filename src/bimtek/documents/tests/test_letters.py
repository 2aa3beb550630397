"""Permission letters go only to employers of people who have one, one letter per page, no NIK; scoped."""

import base64
import datetime as dt
import re
import zlib

import pytest

from bimtek.accounts.models import User
from bimtek.accounts.scoping import scope_of
from bimtek.delivery.tests.helpers import DAY, Setup
from bimtek.documents.build import Request, document_build
from bimtek.workforce.models import Person

pytestmark = pytest.mark.django_db


def _text(pdf: bytes) -> bytes:
    streams = re.findall(rb"stream\r?\n(.*?)endstream", pdf, re.S)
    out = b""
    for s in streams:  # reportlab writes ASCII85 over Flate
        try:
            out += zlib.decompress(base64.a85decode(s.strip().removesuffix(b"~>")))
        except (ValueError, zlib.error):
            out += s
    return out


def _req(setup: Setup, kind: str, region: str) -> Request:
    return Request(kind=kind, election_id=setup.election.pk, region_code=region, date_from=DAY,
                   date_to=DAY + dt.timedelta(days=2))  # fmt: skip


def test_a_letter_only_for_people_with_an_employer(gantung: Setup, kpu_beltim: User) -> None:
    employed = [gantung.lenggang[0].person, gantung.selingsing[0].person]
    Person.objects.filter(pk__in=[p.pk for p in employed]).update(employer="PT Timah Tbk")
    built = document_build(req=_req(gantung, "izin", "19.06"), scope=scope_of(kpu_beltim), actor=kpu_beltim)
    assert built.content.startswith(b"%PDF") and (built.count, built.pages) == (2, 2)
    text = _text(built.content)
    assert b"PT Timah Tbk" in text and b"26 Januari 2024" in text
    assert employed[0].name.encode() in text and gantung.lenggang[1].person.name.encode() not in text
    assert employed[0].nik.encode() not in text


def test_the_pps_prints_only_its_own_desa(gantung: Setup, pps_lenggang: User) -> None:
    Person.objects.update(employer="PT Timah Tbk")
    built = document_build(
        req=_req(gantung, "izin", "19.06"), scope=scope_of(pps_lenggang), actor=pps_lenggang
    )
    assert built.count == 14
    sk = document_build(
        req=_req(gantung, "lampiran_sk", "19.06"), scope=scope_of(pps_lenggang), actor=pps_lenggang
    )
    text = _text(sk.content)
    assert sk.count == 14 and b"Peserta Selingsing" not in text and b"Peserta Lenggang 1" in text
