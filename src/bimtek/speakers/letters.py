"""The speakers' invitation letters of one session (surat undangan narasumber), from the documents app's
editable template (`documents` kind `undangan_narasumber`, the region's own or the national default): one
letter per speaker, naming the modules they speak on. No contact details are printed."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from bimtek.audit.services import log_action
from bimtek.documents import placeholders
from bimtek.documents.letters import letterhead
from bimtek.documents.models import Kind
from bimtek.documents.pdfs import Page, document_pdf
from bimtek.documents.selectors import template_for
from bimtek.lib import clock
from bimtek.planner.models import TrainingSession
from bimtek.regions.models import Region
from bimtek.speakers.models import SessionSpeaker


def invitations_pdf(*, session: TrainingSession, actor: Any) -> tuple[bytes, int]:
    """The PDF and how many letters it holds; audited as one print."""
    kind = Kind.UNDANGAN_NARASUMBER
    code = session.plan.region_id
    template = template_for(kind, code)
    head = letterhead(template, code)
    today = clock.today()
    title = placeholders.renderer(template.title, escape=False)
    body = placeholders.renderer(template.body)
    number = placeholders.renderer(template.number_pattern, escape=False)
    region = Region.objects.filter(code=code).first()
    by_speaker: dict[int, list[SessionSpeaker]] = {}
    rows = SessionSpeaker.objects.filter(session=session).select_related("speaker", "module")
    for row in rows.order_by("speaker__name", "module__position"):
        by_speaker.setdefault(row.speaker_id, []).append(row)
    pages = []
    for n, talks in enumerate(by_speaker.values(), start=1):
        speaker = talks[0].speaker
        context = {
            "kpu": head.kpu,
            "kota": head.city,
            "tanggal_surat": placeholders.tanggal_id(today),
            "penandatangan": head.signatory,
            "jabatan_penandatangan": head.position,
            "pemilihan": session.plan.election.name,
            "wilayah": region.display_name if region else "Indonesia",
            "nama": speaker.name,
            "instansi": speaker.institution,
            "modul": "; ".join(t.module.title for t in talks),
            "kegiatan": session.plan.get_tier_display(),
            "tanggal": f"{placeholders.hari_id(session.date)}, {session.date_label}",
            "waktu": session.time_label,
            "tempat": ", ".join(p for p in (session.venue.name, session.venue.address) if p),
        }
        numbered = number({"urut": n, "tahun": today.year, "bulan_romawi": placeholders.bulan_romawi(today)})
        paragraphs = [p.strip() for p in body(context | {"nomor": numbered}).split("\n\n") if p.strip()]
        pages.append(
            Page(title(context), f"{head.city}, {placeholders.tanggal_id(today)}", numbered, paragraphs)
        )
    content, _sheets = document_pdf(head, pages, str(Kind(kind).label))
    with transaction.atomic(durable=True):
        log_action(
            actor=actor,
            action="speakers.invitations.printed",
            object_type="session",
            object_id=session.pk,
            region_code=session.region_code,
            after={"letters": len(pages)},
        )
    return content, len(pages)
