"""A4 printouts: the attendance sheet (daftar hadir) of a session and participants' ID cards, each with a QR.

The QR holds the participant's signed token (`services.participant_token`), never a NIK; the same token is
printed under it as the code a facilitator types from a paper sheet.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import segno
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Image, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from bimtek.delivery.services import participant_token
from bimtek.lib.masking import mask_nik
from bimtek.planner.models import TrainingSession
from bimtek.workforce.models import Appointment


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def qr_image(data: str, size_mm: float) -> Image:
    png = io.BytesIO()
    segno.make(data, error="m").save(png, kind="png", scale=4, border=1)
    png.seek(0)
    return Image(png, width=size_mm * mm, height=size_mm * mm)


def _doc(buffer: io.BytesIO, title: str) -> SimpleDocTemplate:
    return SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=12 * mm,
        title=title,
        invariant=1,
    )


def _unit(a: Appointment) -> str:
    return f"{a.get_body_display()} {a.position_label}" + (f" TPS {a.tps.label}" if a.tps else "")


def _days(session: TrainingSession) -> str:
    first, last = session.date, session.last_date
    return f"{first:%d-%m-%Y}" if first == last else f"{first:%d-%m-%Y} s.d. {last:%d-%m-%Y}"


def roster_story(
    session: TrainingSession, participants: Sequence[Appointment], parts: Sequence[str]
) -> list[Flowable]:
    styles = getSampleStyleSheet()
    small = styles["BodyText"].clone("small", fontSize=8, leading=9)
    head = [
        Paragraph(
            f"<b>DAFTAR HADIR</b> · {_esc(session.plan.get_tier_display())} {_esc(session.plan.region.display_name)}",
            styles["Heading3"],
        ),
        Paragraph(
            f"{_esc(session.venue.name)} · {_days(session)} · Sesi {session.slot} · ID sesi {session.pk}",
            styles["BodyText"],
        ),
        Spacer(1, 3 * mm),
    ]
    rows: list[list[object]] = [["No", "QR", "Nama / Kode", "Unit", "NIK", *[f"TTD {p}" for p in parts]]]
    for n, a in enumerate(participants, start=1):
        token = participant_token(a.person_id)
        rows.append(
            [
                str(n),
                qr_image(token, 16),
                Paragraph(f"<b>{_esc(a.person.name)}</b><br/>{_esc(token)}", small),
                Paragraph(_esc(_unit(a)), small),
                mask_nik(a.person.nik),
                *["" for _ in parts],
            ]
        )
    part_width = (186 - 8 - 18 - 62 - 30 - 28) / max(1, len(parts))
    table = Table(
        rows,
        colWidths=[8 * mm, 18 * mm, 62 * mm, 30 * mm, 28 * mm, *[part_width * mm for _ in parts]],
        repeatRows=1,
    )
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("FONTSIZE", (0, 0), (-1, -1), 8),
                ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
            ]
        )
    )
    return [*head, table]


def roster_pdf(sessions: Sequence[tuple[TrainingSession, Sequence[Appointment], Sequence[str]]]) -> bytes:
    """One attendance sheet per session, each from a new page."""
    buffer = io.BytesIO()
    story: list[Flowable] = []
    for i, (session, participants, parts) in enumerate(sessions):
        if i:
            story.append(PageBreak())
        story += roster_story(session, participants, parts)
    if not story:
        story = [Paragraph("Tidak ada sesi", getSampleStyleSheet()["BodyText"])]
    _doc(buffer, "Daftar hadir").build(story)
    return buffer.getvalue()


def cards_pdf(election_name: str, participants: Sequence[Appointment]) -> bytes:
    """ID cards, two across and five down per A4 page, to cut out."""
    styles = getSampleStyleSheet()
    small = styles["BodyText"].clone("card", fontSize=8, leading=10)
    cells = []
    for a in participants:
        token = participant_token(a.person_id)
        text = Paragraph(
            f"<b>{_esc(a.person.name)}</b><br/>{_esc(_unit(a))}<br/>{_esc(election_name)}<br/>"
            f"<font size=6>{_esc(token)}</font>",
            small,
        )
        cells.append(Table([[qr_image(token, 28), text]], colWidths=[31 * mm, 58 * mm]))
    rows = [cells[i : i + 2] + [""] * (2 - len(cells[i : i + 2])) for i in range(0, len(cells), 2)]
    buffer = io.BytesIO()
    if rows:
        table = Table(rows, colWidths=[93 * mm, 93 * mm], rowHeights=[52 * mm] * len(rows))
        table.setStyle(
            TableStyle(
                [
                    ("BOX", (0, 0), (-1, -1), 0.3, colors.grey),
                    ("INNERGRID", (0, 0), (-1, -1), 0.3, colors.grey),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ]
            )
        )
        story: list[Flowable] = [table]
    else:
        story = [Paragraph("Tidak ada peserta", styles["BodyText"])]
    _doc(buffer, "Kartu peserta").build(story)
    return buffer.getvalue()
