"""The per-TPS results of a form check as XLSX, and an empty sheet with the headers the check reads."""

from io import BytesIO

from openpyxl import Workbook

from bimtek.drill.core.form import Kind, box_paths
from bimtek.drill.form_check import FormCheck
from bimtek.lib.cells import formula_problem

RESULT_HEADERS = ["Baris", "ID", "Kode Desa", "TPS", "Status", "Kesalahan", "Peringatan", "Kode Aturan"]
VIOLATION_HEADERS = ["Baris", "ID", "Tingkat", "Kode Aturan", "Kotak", "Pesan"]


def _safe(value: object) -> object:
    """Text that a spreadsheet would run as a formula is written with a leading apostrophe."""
    return f"'{value}" if isinstance(value, str) and formula_problem(value) is not None else value


def check_results_xlsx(outcome: FormCheck) -> bytes:
    workbook = Workbook()
    results = workbook.active
    assert results is not None  # a new workbook always has its first sheet
    results.title = "Hasil per TPS"
    results.append(RESULT_HEADERS)
    violations = workbook.create_sheet("Pelanggaran")
    violations.append(VIOLATION_HEADERS)
    for r in outcome.results:
        found = (*r.result.errors, *r.result.warnings)
        status = "OK" if r.result.ok else "KESALAHAN"
        codes = ", ".join(dict.fromkeys(v.code for v in found))
        row = [
            r.row,
            r.form.id,
            r.region_code,
            r.tps,
            status,
            len(r.result.errors),
            len(r.result.warnings),
            codes,
        ]
        results.append([_safe(v) for v in row])
        for v in found:
            severity = "kesalahan" if v.severity == "error" else "peringatan"
            violations.append(
                [_safe(x) for x in (r.row, r.form.id, severity, v.code, ", ".join(v.fields), v.message)]
            )
    if outcome.report.rejected:
        rejected = workbook.create_sheet("Baris ditolak")
        rejected.append(["Baris", "Kolom", "Kode", "Masalah"])
        for p in outcome.report.rejected:
            rejected.append([_safe(x) for x in (p.row, p.column, p.code, p.message)])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def check_template_xlsx(kind: Kind, pairs: int) -> bytes:
    """An empty sheet whose headers are exactly the columns the check reads."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "C.Hasil"
    sheet.append(["Kode Desa", "TPS", *box_paths(kind, pairs)])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
