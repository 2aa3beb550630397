"""BPJS Ketenagakerjaan papers: the enrolment letter lists exactly the uncovered workers of the KPU's
kabupaten with the NIK BPJS needs; the follow-up list masks it; both stay inside the user's region."""

import datetime as dt

import pytest

from bimtek.accounts.models import User
from bimtek.accounts.scoping import scope_of
from bimtek.audit.models import AuditEntry
from bimtek.delivery.tests.helpers import DAY, Setup
from bimtek.documents.build import Request, batch_size, document_build
from bimtek.documents.tests.test_letters import _text
from bimtek.lib.masking import mask_nik
from bimtek.workforce.models import BpjsEnrolled, Person

pytestmark = pytest.mark.django_db


def _req(setup: Setup, kind: str, region: str) -> Request:
    return Request(kind=kind, election_id=setup.election.pk, region_code=region, date_from=DAY,
                   date_to=DAY + dt.timedelta(days=30))  # fmt: skip


def _enrol(*people: Person, status: str = BpjsEnrolled.YES) -> None:
    Person.objects.filter(pk__in=[p.pk for p in people]).update(bpjs_enrolled=status)


def test_the_letter_asks_bpjs_to_enrol_only_the_uncovered_with_their_nik(
    gantung: Setup, kpu_beltim: User
) -> None:
    covered = [a.person for a in gantung.lenggang[:10]]
    _enrol(*covered)
    _enrol(gantung.selingsing[0].person, status=BpjsEnrolled.NO)
    req = _req(gantung, "bpjs_surat", "19.06")
    assert batch_size(req=req, scope=scope_of(kpu_beltim)) == 11  # 4 of Lenggang + 7 of Selingsing
    built = document_build(req=req, scope=scope_of(kpu_beltim), actor=kpu_beltim)
    text = _text(built.content)
    assert built.content.startswith(b"%PDF") and built.count == 11
    assert b"BPJS Ketenagakerjaan" in text and b"Kepala Kantor Cabang" in text
    uncovered = [a.person for a in gantung.lenggang[10:] + gantung.selingsing]
    for person in uncovered:  # BPJS registers by NIK and birth date: the letter carries both
        assert person.nik.encode() in text and person.name.encode() in text
    assert covered[0].nik.encode() not in text
    assert b"11 petugas" in text


def test_the_follow_up_list_masks_the_nik_and_says_what_is_known(gantung: Setup, kpu_beltim: User) -> None:
    _enrol(gantung.selingsing[0].person, status=BpjsEnrolled.NO)
    _enrol(*[a.person for a in gantung.lenggang])
    built = document_build(
        req=_req(gantung, "bpjs_belum", "19.06"), scope=scope_of(kpu_beltim), actor=kpu_beltim
    )
    text = _text(built.content)
    first = gantung.selingsing[0].person
    assert built.count == 7 and built.pages == 1  # one desa, one body
    assert first.nik.encode() not in text and mask_nik(first.nik).encode() in text
    assert b"Tidak terdaftar" in text and b"Belum diketahui" in text
    assert b"Peserta Lenggang" not in text


def test_the_pps_lists_only_its_own_desa_and_the_audit_keeps_counts_only(
    gantung: Setup, pps_lenggang: User
) -> None:
    built = document_build(
        req=_req(gantung, "bpjs_surat", "19.06"), scope=scope_of(pps_lenggang), actor=pps_lenggang
    )
    text = _text(built.content)
    assert built.count == 14 and b"Peserta Selingsing" not in text
    entry = AuditEntry.objects.filter(action="documents.generate").latest("pk")
    assert entry.after["count"] == 14 and gantung.lenggang[0].person.nik not in str(entry.after)


def test_everyone_covered_prints_a_page_that_says_so(gantung: Setup, kpu_beltim: User) -> None:
    _enrol(*[a.person for a in gantung.lenggang + gantung.selingsing])
    built = document_build(
        req=_req(gantung, "bpjs_surat", "19.06"), scope=scope_of(kpu_beltim), actor=kpu_beltim
    )
    assert built.count == 0 and b"Tidak ada data" in _text(built.content)
