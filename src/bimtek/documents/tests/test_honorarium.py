"""The honorarium list pays exactly who attended every required part, at the region's rates, in words."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from bimtek.accounts.models import User
from bimtek.accounts.scoping import scope_of
from bimtek.audit.models import AuditEntry
from bimtek.delivery.services import attendance_check_in
from bimtek.delivery.tests.helpers import DAY, Setup, on_the_day
from bimtek.documents.build import Request, document_build
from bimtek.documents.honorarium import rupiah_words
from bimtek.documents.services import rate_save
from bimtek.planner.models import SessionGroup, SessionStatus, TrainingSession

pytestmark = pytest.mark.django_db


def _attend(session: TrainingSession, person: object, parts: list[str], actor: User) -> None:
    for part in parts:
        attendance_check_in(
            session=session, person=person, part=part, key=f"k-{session.pk}-{person.pk}-{part}", method="qr",
            actor=actor, at=on_the_day(session),
        )  # fmt: skip


def _names(content: bytes) -> list[str]:
    sheet = load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(values_only=True))
    start = next(i for i, r in enumerate(rows) if r[0] == "No") + 1
    return [r[1] for r in rows[start:] if isinstance(r[0], int)], rows


def test_it_pays_only_complete_attendance_and_says_the_total_in_words(
    gantung: Setup, kpu_beltim: User
) -> None:
    a, b, c = (gantung.lenggang[i].person for i in range(3))
    _attend(gantung.session, a, ["pagi", "siang"], kpu_beltim)
    _attend(gantung.session, b, ["pagi"], kpu_beltim)  # missed the afternoon: not paid
    cancelled = TrainingSession.objects.create(
        plan=gantung.session.plan, venue=gantung.session.venue, date=DAY, slot=2, region_code="19.06.02"
    )
    tps = gantung.lenggang[2].tps
    SessionGroup.objects.create(plan=cancelled.plan, session=cancelled, key="tps-make-up", body="kpps",
                                region_code=tps.village_id, tps=tps, participants=7)  # fmt: skip
    _attend(cancelled, c, ["pagi", "siang"], kpu_beltim)
    TrainingSession.objects.filter(pk=cancelled.pk).update(status=SessionStatus.CANCELLED)
    rate_save(region_code="19.06", body="kpps", transport=700_000, honorarium=500_000, actor=kpu_beltim)
    req = Request(kind="honorarium", election_id=gantung.election.pk, region_code="19.06", date_from=DAY,
                  date_to=DAY + dt.timedelta(days=2))  # fmt: skip
    built = document_build(req=req, scope=scope_of(kpu_beltim), actor=kpu_beltim)
    names, rows = _names(built.content)
    assert names == [a.name]
    total_row = next(r for r in rows if r[1] == "JUMLAH")
    assert total_row[11] == 1_200_000
    assert any(r[1] == "Terbilang: satu juta dua ratus ribu rupiah" for r in rows)
    assert a.nik not in str(rows)
    entry = AuditEntry.objects.get(action="documents.generate")
    assert entry.after["count"] == 1 and a.name not in str(entry.after)


def test_rupiah_words() -> None:
    assert rupiah_words(1_250_500) == "satu juta dua ratus lima puluh ribu lima ratus rupiah"
