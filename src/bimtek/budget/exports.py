"""The budget as the XLSX finance works with: a summary sheet, then one sheet per akun belanja with its lines
(volume, unit cost, estimate, actual, difference, basis) and its totals in words (terbilang)."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Font

from bimtek.budget.core import AKUN_NAMES, UNITS, by_akun, terbilang, totals_of
from bimtek.budget.selectors import Budget
from bimtek.lib.xlsx import safe_cell, workbook_bytes

HEADER = ["Komponen", "Satuan", "Volume", "Biaya satuan (Rp)", "Estimasi (Rp)", "Realisasi (Rp)",
          "Selisih (Rp)", "Dasar perhitungan"]  # fmt: skip
BOLD = Font(bold=True)
MONEY = "#,##0"  # whole rupiah; Excel shows the separators of the reader's locale


def budget_xlsx(*, budget: Budget, title: str) -> bytes:
    workbook = Workbook()
    summary = workbook.active
    summary.title = "Rekap"
    summary.append([safe_cell(title)])
    summary["A1"].font = BOLD
    summary.append([])
    summary.append(["Akun", "Nama akun", "Estimasi (Rp)", "Realisasi (Rp)", "Selisih (Rp)"])
    lines = {line.item: line for line in budget.lines}
    groups = by_akun(budget.rows)
    for akun, rows in groups.items():
        t = totals_of(rows)
        summary.append([akun, AKUN_NAMES.get(akun, ""), t.estimate, t.actual, t.difference])
    total = budget.totals
    summary.append(["Jumlah", "", total.estimate, total.actual, total.difference])
    summary.append([])
    summary.append(["Terbilang estimasi", total.estimate_words])
    summary.append(["Terbilang realisasi", total.actual_words])
    for akun, rows in groups.items():
        sheet = workbook.create_sheet(akun)
        sheet.append([f"Akun {akun} {AKUN_NAMES.get(akun, '')}".strip()])
        sheet["A1"].font = BOLD
        sheet.append([safe_cell(title)])
        sheet.append(HEADER)
        for row in rows:
            line = lines.get(row.item)
            sheet.append([
                row.label, UNITS[row.item], line.quantity if line else None, line.unit_cost if line else None,
                row.estimate, row.actual, row.difference,
                safe_cell(line.basis if line else "realisasi dari daftar hadir dan biaya yang dicatat"),
            ])  # fmt: skip
        t = totals_of(rows)
        sheet.append(["Jumlah", "", None, None, t.estimate, t.actual, t.difference, ""])
        sheet.append([])
        sheet.append(["Terbilang estimasi", terbilang(t.estimate)])
        sheet.append(["Terbilang realisasi", terbilang(t.actual)])
        sheet.column_dimensions["A"].width = 30
        sheet.column_dimensions["H"].width = 60
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(min_row=3):
            for cell in row:
                if isinstance(cell.value, int):
                    cell.number_format = MONEY
    return workbook_bytes(workbook)
