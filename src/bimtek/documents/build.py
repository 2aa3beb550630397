"""Building a batch of documents: what to print, for whom, and the finished file.

Step 2 of the documents' services (`services.py` holds the template and rate writes and the job). A
`Request` names the kind, the election, the region, the bodies and the dates; `document_build` builds it
for what the scope covers (letters, lampiran SK and berita acara as A4 PDF from the region's template and
letterhead; the honorarium list as XLSX) into a `Built` file, and audits the counts only (never names or
NIKs); `batch_size` tells a page whether the batch is small enough to print at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from itertools import groupby
from typing import Any

from django.db import transaction

from bimtek.accounts.scoping import Scope
from bimtek.audit.services import log_action
from bimtek.documents import bpjs, placeholders, selectors
from bimtek.documents.honorarium import lines_of, totals_of
from bimtek.documents.letters import Texts, common, letterhead, region_of, unit_label
from bimtek.documents.models import Kind
from bimtek.documents.pdfs import Page, document_pdf
from bimtek.documents.sheets import honorarium_xlsx
from bimtek.elections.models import Election
from bimtek.lib.clock import today
from bimtek.lib.errors import DomainError
from bimtek.lib.reports import Progress, no_progress
from bimtek.lib.xlsx import XLSX
from bimtek.workforce.models import Appointment, Body

ERR_DATES = "Tanggal selesai tidak boleh sebelum tanggal mulai"
PDF = "application/pdf"
DEFAULT_ACTIVITY = "bimbingan teknis dan pelaksanaan tugas"


@dataclass
class Request:
    """What to print: a kind for a region (and its bodies, dates) of one election."""

    kind: str
    election_id: int | None
    region_code: str
    date_from: dt.date
    date_to: dt.date
    bodies: list[str] = field(default_factory=lambda: [Body.KPPS])
    session_id: int | None = None
    place: str = ""
    activity: str = ""
    letter_date: dt.date | None = None

    def __post_init__(self) -> None:
        if self.date_to < self.date_from:
            raise DomainError("dates_invalid", ERR_DATES)

    def as_params(self) -> dict[str, Any]:
        return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in asdict(self).items()}

    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> Request:
        values = dict(params)
        for key in ("date_from", "date_to", "letter_date"):
            if values.get(key):
                values[key] = dt.date.fromisoformat(values[key])
        return cls(**values)


@dataclass(frozen=True)
class Built:
    content: bytes
    filename: str
    content_type: str
    count: int  # letters, listed people or paid people
    pages: int  # PDF sheets; 0 for the spreadsheet

    def summary(self) -> dict[str, Any]:
        return {"filename": self.filename, "count": self.count, "pages": self.pages}


def _letters(req: Request, scope: Scope, election: Election, progress: Progress) -> tuple[list[Page], int]:
    template = selectors.template_for(Kind.IZIN, req.region_code)
    head, day = letterhead(template, req.region_code), req.letter_date or today()
    texts, region = Texts(template, day), region_of(req.region_code)
    people = selectors.appointees(
        scope=scope, election=election, region_code=req.region_code, bodies=req.bodies, employed_only=True
    )
    base = {
        **common(head, region, election, day),
        "kegiatan": req.activity or DEFAULT_ACTIVITY,
        "tanggal_mulai": placeholders.tanggal_id(req.date_from),
        "tanggal_selesai": placeholders.tanggal_id(req.date_to),
    }
    pages = []
    total = people.count()
    for n, a in enumerate(people.iterator(chunk_size=1000), start=1):
        number = texts.number_of(n)
        # An employer learns the name and the duty, never the NIK, phone or birth date.
        context = {
            **base,
            "nomor": number,
            "nama": a.person.name,
            "jabatan": selectors.position_of(a.body, a.seat),
            "desa": unit_label(a),
            "instansi": a.person.employer,
        }
        pages.append(
            Page(
                title=texts.title(context),
                date_line=f"{head.city}, {base['tanggal_surat']}",
                number=number,
                paragraphs=texts.paragraphs(context),
            )
        )
        if n % 500 == 0:
            progress(n, total, f"{n} surat")
    return pages, len(pages)


LIST_WIDTHS = {Kind.LAMPIRAN_SK: (10, 70, 40, 20, 46), Kind.BERITA_ACARA: (10, 58, 34, 16, 36, 32)}


def _lists(req: Request, scope: Scope, election: Election) -> tuple[list[Page], int]:
    """Lampiran SK or berita acara: one page (or more) per unit and body, listing its members."""
    template = selectors.template_for(req.kind, req.region_code)
    day = req.letter_date or today()
    head, texts = letterhead(template, req.region_code), Texts(template, day)
    sworn = req.date_from
    people = list(
        selectors.appointees(scope=scope, election=election, region_code=req.region_code, bodies=req.bodies)
    )
    pages = []
    for n, ((_, body), group) in enumerate(groupby(people, key=lambda a: (a.region_id, a.body)), start=1):
        members = list(group)
        context = {
            **common(head, members[0].region, election, day),
            "nomor": texts.number_of(n),
            "badan": dict(Body.choices)[body],
            "jumlah": len(members),
            "hari": placeholders.hari_id(sworn),
            "tanggal": placeholders.tanggal_id(sworn),
            "tempat": req.place or members[0].region.display_name,
        }
        pages.append(
            Page(
                title=texts.title(context),
                date_line=f"{head.city}, {context['tanggal_surat']}",
                number=context["nomor"],
                paragraphs=texts.paragraphs(context),
                table=_member_rows(req.kind, members),
                widths=LIST_WIDTHS[Kind(req.kind)],
            )
        )
    return pages, len(people)


def _member_rows(kind: str, members: list[Appointment]) -> list[list[str]]:
    """Name, position, TPS and desa; no NIK on a list that is posted and filed."""
    header = ["No", "Nama", "Jabatan", "TPS", "Desa/Kelurahan"]
    if kind == Kind.BERITA_ACARA:
        header.append("Tanda tangan")
    rows = [header]
    for n, a in enumerate(members, start=1):
        row = [str(n), a.person.name, selectors.position_of(a.body, a.seat), a.tps.label if a.tps else "-"]
        row.append(a.region.display_name)
        if kind == Kind.BERITA_ACARA:
            row.append(f"{n}. ....")
        rows.append(row)
    return rows


def _honorarium(req: Request, scope: Scope, election: Election | None) -> Built:
    template = selectors.template_for(Kind.HONORARIUM, req.region_code)
    day = req.letter_date or today()
    head, region = letterhead(template, req.region_code), region_of(req.region_code)
    attendees = selectors.attendees(
        scope=scope,
        region_code=req.region_code,
        date_from=req.date_from,
        date_to=req.date_to,
        session_id=req.session_id,
        election_id=req.election_id,
    )
    lines = lines_of(attendees, selectors.rates_for(req.region_code))
    totals = totals_of(lines)
    context = {
        **common(head, region, election, day),
        "nomor": "",
        "tanggal_mulai": placeholders.tanggal_id(req.date_from),
        "tanggal_selesai": placeholders.tanggal_id(req.date_to),
        "jumlah": totals.people,
    }
    content = honorarium_xlsx(
        lines=lines,
        totals=totals,
        head=head,
        title=placeholders.render(template.title, context, escape=False),
        intro=placeholders.render(template.body, context, escape=False).replace("\n", " "),
        date_line=f"{head.city}, {context['tanggal_surat']}",
    )
    name = f"honorarium-{req.region_code or 'nasional'}-{req.date_from:%Y%m%d}-{req.date_to:%Y%m%d}.xlsx"
    return Built(content, name, XLSX, totals.people, 0)


def document_build(*, req: Request, scope: Scope, actor: Any, progress: Progress = no_progress) -> Built:
    """Build one batch for what `scope` covers inside the request's region, and audit its counts."""
    election = Election.objects.filter(pk=req.election_id).first() if req.election_id else None
    if req.kind == Kind.HONORARIUM:
        built = _honorarium(req, scope, election)
    else:
        if election is None:
            raise DomainError("election_required", "Pilih pemilihan")
        if req.kind == Kind.IZIN:
            pages, count = _letters(req, scope, election, progress)
        elif req.kind in (Kind.BPJS_SURAT, Kind.BPJS_BELUM):
            pages, count = bpjs.letters(
                kind=req.kind, region_code=req.region_code, bodies=req.bodies, date_from=req.date_from,
                date_to=req.date_to, letter_date=req.letter_date, scope=scope, election=election,
            )  # fmt: skip
        else:
            pages, count = _lists(req, scope, election)
        head = letterhead(selectors.template_for(req.kind, req.region_code), req.region_code)
        content, sheets = document_pdf(head, pages, str(Kind(req.kind).label))
        built = Built(content, f"{req.kind}-{req.region_code or 'nasional'}.pdf", PDF, count, sheets)
    with transaction.atomic(durable=True):
        log_action(
            actor=actor,
            action="documents.generate",
            object_type="document",
            object_id=req.kind,
            region_code=req.region_code,
            after={"kind": req.kind, "count": built.count, "pages": built.pages, "bodies": req.bodies},
        )
    progress(built.count, built.count, f"{built.count} selesai")
    return built


def batch_size(*, req: Request, scope: Scope) -> int:
    """How big a batch will be, to decide between printing now and a background job."""
    if req.kind == Kind.HONORARIUM:
        return 0  # one row per person in a spreadsheet: fast even for a kabupaten
    election = Election.objects.filter(pk=req.election_id).first()
    if req.kind in (Kind.BPJS_SURAT, Kind.BPJS_BELUM):
        return selectors.uncovered(
            scope=scope, election=election, region_code=req.region_code, bodies=req.bodies
        ).count()
    qs = selectors.appointees(
        scope=scope,
        election=election,
        region_code=req.region_code,
        bodies=req.bodies,
        employed_only=req.kind == Kind.IZIN,
    )
    return qs.count()
