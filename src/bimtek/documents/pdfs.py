"""A4 PDFs of letters and lists, the house way (reportlab platypus, as `delivery/printouts.py`).

A document is a letterhead and a list of `Page`s; each page starts on a new sheet, so a batch of letters
prints one letter per sheet and a lampiran one unit per sheet. Text arrives already rendered and escaped
(`placeholders.render`); table cells are escaped here.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import HRFlowable, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from bimtek.delivery.printouts import _esc


@dataclass(frozen=True)
class Letterhead:
    kpu: str
    address: str
    city: str
    signatory: str
    position: str


@dataclass
class Page:
    title: str
    date_line: str  # "Manggar, 22 Januari 2024"
    number: str = ""
    paragraphs: list[str] = field(default_factory=list)  # rendered, escaped markup; one per paragraph
    table: list[list[str]] | None = None  # first row is the header; plain text
    widths: Sequence[float] | None = None  # in mm


STYLES = getSampleStyleSheet()
HEAD = STYLES["Title"].clone("head", fontSize=14, leading=17, spaceAfter=0)
SMALL = STYLES["BodyText"].clone("headsmall", fontSize=9, alignment=TA_CENTER)
BODY = STYLES["BodyText"].clone("letter", fontSize=11, leading=15, alignment=TA_JUSTIFY, spaceAfter=6)
CELL = STYLES["BodyText"].clone("cell", fontSize=8, leading=10)
TITLE = STYLES["Heading3"].clone("doctitle", alignment=TA_CENTER)


def _letterhead(head: Letterhead) -> list[Flowable]:
    return [
        Paragraph(_esc(head.kpu.upper()), HEAD),
        Paragraph(_esc(head.address), SMALL),
        HRFlowable(width="100%", thickness=1.2, color=colors.black, spaceBefore=2, spaceAfter=6),
    ]


def _table(rows: list[list[str]], widths: Sequence[float] | None) -> Table:
    cells = [[Paragraph(_esc(str(c)), CELL) for c in row] for row in rows]
    table = Table(cells, colWidths=[w * mm for w in widths] if widths else None, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
            ]
        )
    )
    return table


def _signature(head: Letterhead, date_line: str) -> Table:
    lines = [
        Paragraph(_esc(date_line), BODY),
        Paragraph(_esc(head.position), BODY),
        Spacer(1, 18 * mm),
        Paragraph(f"<b><u>{_esc(head.signatory)}</u></b>", BODY),
    ]
    table = Table([["", lines]], colWidths=[100 * mm, 86 * mm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def _page(head: Letterhead, page: Page) -> list[Flowable]:
    story = [*_letterhead(head), Paragraph(_esc(page.title), TITLE)]
    if page.number:
        story.append(Paragraph(f"Nomor: {_esc(page.number)}", SMALL))
    story.append(Spacer(1, 4 * mm))
    story += [Paragraph(p.replace("\n", "<br/>"), BODY) for p in page.paragraphs]
    if page.table:
        story += [Spacer(1, 2 * mm), _table(page.table, page.widths)]
    story += [Spacer(1, 6 * mm), _signature(head, page.date_line)]
    return story


def document_pdf(head: Letterhead, pages: Sequence[Page], title: str) -> tuple[bytes, int]:
    """The PDF and its number of sheets (what the audit entry and the tests count)."""
    buffer = io.BytesIO()
    story: list[Flowable] = []
    for i, page in enumerate(pages):
        if i:
            story.append(PageBreak())
        story += _page(head, page)
    if not story:
        story = [*_letterhead(head), Paragraph("Tidak ada data untuk dicetak", BODY)]
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=12 * mm,
        title=title,
        invariant=1,
    )
    doc.build(story)
    return buffer.getvalue(), doc.page
