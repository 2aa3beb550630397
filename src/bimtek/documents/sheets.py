"""The honorarium/transport list as XLSX: a row per person, totals, the total in words, a signature block."""

from __future__ import annotations

import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from bimtek.documents.honorarium import Line, Totals
from bimtek.documents.pdfs import Letterhead
from bimtek.lib.xlsx import safe_cell

HEADERS = [
    "No", "Nama", "NIK", "Jabatan", "Unit", "Hari", "Transport/hari", "Transport",
    "Sesi", "Honor/sesi", "Honorarium", "Jumlah", "Tanda tangan",
]  # fmt: skip
MONEY = "#,##0"


def honorarium_xlsx(
    *, lines: Sequence[Line], totals: Totals, head: Letterhead, title: str, intro: str, date_line: str
) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Honorarium"
    sheet.append([safe_cell(head.kpu.upper())])
    sheet.append([safe_cell(title.upper())])
    sheet.append([safe_cell(intro)])
    sheet.append([])
    sheet.append(HEADERS)
    header_row = sheet.max_row
    for n, line in enumerate(lines, start=1):
        a = line.attendee
        sheet.append(
            [
                n, safe_cell(a.name), a.nik_masked, safe_cell(a.position), safe_cell(a.unit),
                line.days, line.transport_rate, line.transport,
                line.sessions, line.honorarium_rate, line.honorarium, line.total, "",
            ]
        )  # fmt: skip
    sheet.append(
        ["", "JUMLAH", "", "", "", "", "", totals.transport, "", "", totals.honorarium, totals.total]
    )
    total_row = sheet.max_row
    sheet.append(["", safe_cell(f"Terbilang: {totals.words}")])
    sheet.append([])
    for text in (date_line, head.position, "", "", head.signatory):
        sheet.append([*[""] * 10, safe_cell(text)])
    _style(sheet, header_row, total_row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _style(sheet: Worksheet, header_row: int, total_row: int) -> None:
    for row in (1, 2, header_row, total_row):
        for cell in sheet[row]:
            cell.font = Font(bold=True)
    for row in sheet.iter_rows(min_row=header_row + 1, max_row=total_row):
        for cell in row[6:12]:
            cell.number_format = MONEY
    for column, width in zip("ABCDEFGHIJKLM", (5, 28, 20, 20, 24, 6, 13, 13, 6, 13, 13, 14, 16), strict=True):
        sheet.column_dimensions[column].width = width
    for cell in sheet[header_row]:
        cell.alignment = Alignment(wrap_text=True, vertical="center")
