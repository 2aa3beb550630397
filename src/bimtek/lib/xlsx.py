"""What every XLSX export shares: the content type, formula-safe cells and the finished file's bytes."""

from __future__ import annotations

import io
from typing import Any

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@")


def safe_cell(value: object) -> object:
    """Text a spreadsheet would read as a formula (CSV/formula injection) is prefixed with a quote."""
    if isinstance(value, str) and value[:1] in FORMULA_STARTS:
        return f"'{value}"
    return value


def workbook_bytes(workbook: Any) -> bytes:
    """An openpyxl workbook as the bytes of its file."""
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
