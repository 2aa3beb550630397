"""Exports: the TPS at risk and the children table as XLSX (openpyxl write_only), a region's report as PDF.

The PDF draws its own chart with `reportlab.graphics` (a stacked bar per child region), so the
report needs nothing but reportlab.
"""

import io

from django.utils import timezone
from openpyxl import Workbook
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from bimtek.accounts.scoping import Scope
from bimtek.elections.models import Election
from bimtek.lib import clock
from bimtek.lib.xlsx import safe_cell, workbook_bytes
from bimtek.readiness.core import CODE_LABELS, STATUS_LABELS, Code, Status, codes_of
from bimtek.readiness.selectors import (
    Child,
    children_of,
    reasons_table,
    risky_tps,
    rollup_of,
    tps_with_status,
)
from bimtek.regions.models import Region

PDF_RISK_ROWS = 40


def risky_xlsx(
    *,
    election: Election,
    scope: Scope,
    region_code: str,
    statuses: tuple[str, ...] = ("not_ready", "at_risk"),
    reason: Code | None = None,
) -> bytes:
    """The TPS of the risk list, every one of them, with the same filters as the page."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("TPS berisiko")
    sheet.append(
        [
            "Kode Desa",
            "Desa",
            "TPS",
            "Status",
            "KPPS",
            "Linmas",
            "Belum dilatih",
            "Belum lulus post-test",
            "Alasan",
        ]
    )
    rows = tps_with_status(
        election=election, scope=scope, region_code=region_code, statuses=statuses, reason=reason
    )
    for row in rows.iterator(chunk_size=5000):
        sheet.append(
            [
                row.region_code,
                safe_cell(row.tps.village.name),
                f"{row.tps.number:03d}",
                STATUS_LABELS[Status(row.status)],
                row.kpps,
                row.linmas,
                row.untrained,
                row.post_test_not_passed,
                safe_cell("; ".join(CODE_LABELS[c] for c in codes_of(row.reason_bits))),
            ]
        )
    return workbook_bytes(workbook)


def children_xlsx(*, election: Election, region_code: str) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Wilayah")
    sheet.append(["Kode", "Wilayah", "TPS", "Siap", "Berisiko", "Belum siap", "% siap"])
    for child in children_of(election=election, region_code=region_code):
        sheet.append(
            [
                child.code,
                safe_cell(child.name),
                child.total,
                child.ready,
                child.at_risk,
                child.not_ready,
                round(child.ready_share * 100, 1),
            ]
        )
    return workbook_bytes(workbook)


def _bars(children: list[Child]) -> Drawing:
    rows = children[:25]
    height = max(80, 18 * len(rows) + 40)
    drawing = Drawing(17 * cm, height)
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 120, 20, 17 * cm - 140, height - 30
    chart.data = [
        [c.ready_share * 100 for c in rows],
        [c.at_risk_share * 100 for c in rows],
        [c.not_ready_share * 100 for c in rows],
    ]
    chart.categoryAxis.categoryNames = [c.name[:22] for c in rows]
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.reverseDirection = 1
    chart.categoryAxis.style = "stacked"
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 25
    chart.valueAxis.labels.fontSize = 7
    for i, color in enumerate(("#1b7f3b", "#e0a100", "#b3261e")):
        chart.bars[i].fillColor = colors.HexColor(color)
        chart.bars[i].strokeColor = None
    drawing.add(chart)
    return drawing


def region_pdf(*, election: Election, scope: Scope, region: Region | None) -> bytes:
    code = region.code if region else ""
    name = region.display_name if region else "Indonesia"
    rollup = rollup_of(election=election, region_code=code)
    styles = getSampleStyleSheet()
    story: list[object] = [
        Paragraph(f"Kesiapan TPS: {name}", styles["Title"]),
        Paragraph(
            f"{election.name} · hari pemungutan suara {election.voting_day:%d-%m-%Y} · dicetak "
            f"{timezone.localtime(clock.now()):%d-%m-%Y %H.%M}",
            styles["Normal"],
        ),
    ]
    if rollup is None:
        story.append(Paragraph("Belum pernah dihitung.", styles["Normal"]))
    else:
        story += [
            Paragraph(
                f"Dihitung {timezone.localtime(clock.shown(rollup.computed_at)):%d-%m-%Y %H.%M}",
                styles["Normal"],
            ),
            Spacer(1, 0.3 * cm),
            _table(
                [
                    ["TPS", "Siap", "Berisiko", "Belum siap"],
                    [rollup.total, rollup.ready, rollup.at_risk, rollup.not_ready],
                ]
            ),
            Spacer(1, 0.3 * cm),
            Paragraph("Alasan", styles["Heading2"]),
            _table([["Alasan", "TPS"], *[[label, n] for _, label, n in reasons_table(rollup) if n]]),
        ]
    children = children_of(election=election, region_code=code) if not region or region.level < 4 else []
    if children:
        story += [
            Paragraph("Kesiapan per wilayah (% TPS: siap, berisiko, belum siap)", styles["Heading2"]),
            _bars(children),
        ]
    risky = list(risky_tps(election=election, scope=scope, region_code=code, limit=PDF_RISK_ROWS))
    if risky:
        story += [
            Paragraph(f"TPS belum siap dan berisiko (paling banyak {PDF_RISK_ROWS})", styles["Heading2"]),
            _table(
                [
                    ["Desa", "TPS", "Status", "Alasan"],
                    *[
                        [
                            r.region_code,
                            f"{r.tps.number:03d}",
                            STATUS_LABELS[Status(r.status)],
                            Paragraph(
                                ", ".join(CODE_LABELS[c] for c in codes_of(r.reason_bits)), styles["Normal"]
                            ),
                        ]
                        for r in risky
                    ],
                ],
                widths=[3 * cm, 1.3 * cm, 2.2 * cm, 10.5 * cm],
            ),
        ]
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, title=f"Kesiapan TPS {name}").build(story)
    return out.getvalue()


def _table(rows: list[list[object]], widths: list[float] | None = None) -> Table:
    table = Table(rows, colWidths=widths, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTSIZE", (0, 0), (-1, -1), 8),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
                ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table
