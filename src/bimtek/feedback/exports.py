"""The results as XLSX (openpyxl write-only): one sheet per table, the small-n flag in its own column."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from bimtek.feedback.core import Summary
from bimtek.feedback.selectors import Results, Row
from bimtek.lib.xlsx import safe_cell


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _numbers(s: Summary) -> list[object]:
    flag = _("n < 5: belum cukup data") if s.small else ""
    return [s.n, _r(s.mean), _r(s.low), _r(s.high), _r(s.top_share), _r(s.top_low), _r(s.top_high), flag]


def _header(first: str, detail: str) -> list[str]:
    return [
        first,
        detail,
        "n",
        _("Rata-rata"),
        _("IK 95% bawah"),
        _("IK 95% atas"),
        _("Porsi nilai 4-5"),
        _("Wilson 95% bawah"),
        _("Wilson 95% atas"),
        _("Catatan"),
    ]


def results_xlsx(results: Results) -> bytes:
    workbook = Workbook(write_only=True)
    tables: list[tuple[str, str, str, list[Row]]] = [
        (_("Per sesi"), _("Sesi"), _("Tanggal"), results.sessions),
        (_("Per fasilitator"), _("Fasilitator"), "", results.facilitators),
        (_("Per modul"), _("Modul"), _("Program"), results.modules),
    ]
    for title, first, detail, rows in tables:
        sheet = workbook.create_sheet(title)
        sheet.append(_header(first, detail))
        for row in rows:
            sheet.append([safe_cell(row.label), safe_cell(row.detail), *_numbers(row.summary)])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
