"""The BPJS Ketenagakerjaan papers of issue 15: the letter asking BPJS to enrol the uncovered workers, and
the list of uncovered workers a secretariat follows up.

"Uncovered" is an active appointee whose record does not say enrolled (`BpjsEnrolled.NO` or `UNKNOWN`): a
KPU that has not collected the cards yet sees everyone, which is the truth of what it knows.

- **The letter** (`bpjs_surat`) is one letter per KPU kabupaten/kota (the BPJS branch office works per
  kabupaten), with its attachment: name, NIK and date of birth, position and TPS. BPJS registers a
  participant by NIK and date of birth, so this one document carries them in full; it goes to BPJS only, for
  this purpose (UU PDP: purpose-bound), and its audit entry records counts, never names or NIKs.
- **The list** (`bpjs_belum`) is for the KPU's own follow-up, one page per desa and body like the lampiran SK,
  with the NIK masked as in every other list.
"""

from __future__ import annotations

import datetime as dt
from itertools import groupby

from bimtek.accounts.scoping import Scope
from bimtek.documents import selectors
from bimtek.documents.letters import Texts, common, letterhead, region_of
from bimtek.documents.models import Kind
from bimtek.documents.pdfs import Page
from bimtek.documents.placeholders import tanggal_id
from bimtek.elections.models import Election
from bimtek.lib.clock import today
from bimtek.lib.masking import mask_nik
from bimtek.workforce.models import Appointment, Body, BpjsEnrolled

LETTER_WIDTHS = (8, 46, 32, 22, 36, 12, 30)
LIST_WIDTHS = (10, 56, 32, 38, 14, 36)
STATUS_WORDS = {BpjsEnrolled.NO: "Tidak terdaftar", BpjsEnrolled.UNKNOWN: "Belum diketahui"}


def _kabupaten(a: Appointment) -> str:
    return ".".join(a.region.code.split(".")[:2])


def _tps(a: Appointment) -> str:
    return a.tps.label if a.tps else "-"


def letters(
    *, kind: str, region_code: str, bodies: list[str], date_from: dt.date, date_to: dt.date,
    letter_date: dt.date | None, scope: Scope, election: Election,
) -> tuple[list[Page], int]:  # fmt: skip
    """The pages of a BPJS batch (`kind` is `bpjs_surat` or `bpjs_belum`) and how many people they list."""
    template = selectors.template_for(kind, region_code)
    day = letter_date or today()
    texts = Texts(template, day)
    people = list(selectors.uncovered(scope=scope, election=election, region_code=region_code, bodies=bodies))
    if kind == Kind.BPJS_SURAT:
        groups = groupby(people, key=_kabupaten)
    else:
        groups = groupby(people, key=lambda a: (a.region_id, a.body))
    pages = []
    for n, (key, group) in enumerate(groups, start=1):
        members = list(group)
        unit = region_of(key) if kind == Kind.BPJS_SURAT else members[0].region
        head = letterhead(template, unit.code if unit else region_code)
        context = {
            **common(head, unit, election, day),
            "nomor": texts.number_of(n),
            "jumlah": len(members),
            "badan": dict(Body.choices)[members[0].body],
            "tanggal_mulai": tanggal_id(date_from),
            "tanggal_selesai": tanggal_id(date_to),
        }
        table, widths = (
            (_letter_rows(members), LETTER_WIDTHS)
            if kind == Kind.BPJS_SURAT
            else (_list_rows(members), LIST_WIDTHS)
        )
        pages.append(
            Page(
                title=texts.title(context),
                date_line=f"{head.city}, {context['tanggal_surat']}",
                number=context["nomor"] if template.number_pattern else "",
                paragraphs=texts.paragraphs(context),
                table=table,
                widths=widths,
            )
        )
    return pages, len(people)


def _letter_rows(members: list[Appointment]) -> list[list[str]]:
    rows = [["No", "Nama", "NIK", "Tanggal lahir", "Jabatan", "TPS", "Desa/Kelurahan"]]
    for n, a in enumerate(members, start=1):
        rows.append([
            str(n), a.person.name, a.person.nik, f"{a.person.birth_date:%d-%m-%Y}",
            selectors.position_of(a.body, a.seat), _tps(a), a.region.display_name,
        ])  # fmt: skip
    return rows


def _list_rows(members: list[Appointment]) -> list[list[str]]:
    rows = [["No", "Nama", "NIK", "Jabatan", "TPS", "Status BPJS"]]
    for n, a in enumerate(members, start=1):
        status = STATUS_WORDS.get(BpjsEnrolled(a.person.bpjs_enrolled), "")
        rows.append(
            [
                str(n),
                a.person.name,
                mask_nik(a.person.nik),
                selectors.position_of(a.body, a.seat),
                _tps(a),
                status,
            ]
        )
    return rows
