"""A printable worksheet of a drill: the story, then an empty C.Hasil grid to fill in by hand.

For a class without connectivity: the facilitator prints it, trainees fill it with a pen, and the
answer (`bimtek drill new --answer` with the same seed) is read out afterwards. No Django here.
"""

from io import BytesIO

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from bimtek.drill.core.form import LP_ROWS, boxes, label
from bimtek.drill.core.generator import FORM_NAMES, Drill

_GRID_STYLE = TableStyle(
    [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
        ("FONTSIZE", (0, 0), (-1, -1), 8),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]
)


def worksheet_pdf(drill: Drill) -> bytes:
    """The worksheet as PDF bytes; uncompressed and invariant so the same seed gives the same file."""
    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=f"Latihan {FORM_NAMES[drill.day.kind]} - seed {drill.day.seed}",
        invariant=1,
        pageCompression=0,
    )
    doc.build(_story(drill) + _grid(drill))
    return buffer.getvalue()


def _story(drill: Drill) -> list[Flowable]:
    styles = getSampleStyleSheet()
    day = drill.day
    heading = f"Latihan mengisi {FORM_NAMES[day.kind]} (tingkat {day.level}, seed {day.seed})"
    flowables: list[Flowable] = [Paragraph(heading, styles["Heading2"])]
    flowables += [Paragraph(paragraph, styles["BodyText"]) for paragraph in drill.story]
    flowables.append(Spacer(1, 6 * mm))
    return flowables


def _grid(drill: Drill) -> list[Flowable]:
    """Rows L/P/jumlah for sections I and III, one box per line for II, IV and V (with words)."""
    paths = boxes(drill.truth)
    lp_rows = [["Bagian", "L", "P", "Jumlah"]] + [
        [label(row), "", "", ""] for row in LP_ROWS if f"{row}.total" in paths
    ]
    single = [["Bagian", "Angka", "Huruf"]] + [
        [label(path), "", ""] for path in paths if path.rpartition(".")[0] not in LP_ROWS
    ]
    return [
        Table(lp_rows, colWidths=[110 * mm, 22 * mm, 22 * mm, 22 * mm], style=_GRID_STYLE),
        Spacer(1, 5 * mm),
        Table(single, colWidths=[100 * mm, 22 * mm, 58 * mm], rowHeights=8 * mm, style=_GRID_STYLE),
    ]
