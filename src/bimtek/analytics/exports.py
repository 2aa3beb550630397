"""XLSX of each cascade table (openpyxl write-only), the same columns as the page."""

import datetime as dt
from collections.abc import Callable
from dataclasses import asdict

from openpyxl import Workbook

from bimtek.analytics.core.cascade import Cascade, Interval
from bimtek.lib.xlsx import safe_cell, workbook_bytes


def _pct(value: float | None) -> float | None:
    return None if value is None else round(value * 100, 1)


def _ci(ci: Interval | None, scale: float = 100) -> list[float | None]:
    return [None, None] if ci is None else [round(ci.low * scale, 1), round(ci.high * scale, 1)]


def _num(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _facilitators(report: Cascade) -> tuple[list[str], list[list[object]]]:
    head = ["Fasilitator", "Gelombang ToT", "Nilai ToT", "Peserta", "Dibagi", "Lulus", "% lulus",
            "Batas bawah", "Batas atas", "% lulus (disusutkan)", "Rata-rata post-test", "Peningkatan", "Lemah"]  # fmt: skip
    rows = [
        [
            safe_cell(r.facilitator.name),
            r.facilitator.wave,
            r.facilitator.tot_score,
            r.summary.n,
            r.shared,
            r.summary.passed,
            _pct(r.summary.pass_rate),
            *_ci(r.summary.pass_ci),
            _pct(r.shrunk),
            _num(r.summary.post_mean),
            _num(r.summary.gain_mean),
            "ya" if r.weak else "",
        ]  # fmt: skip
        for r in report.facilitators
    ]
    return head, rows


def _waves(report: Cascade) -> tuple[list[str], list[list[object]]]:
    head = ["Gelombang ToT", "Fasilitator", "Peserta", "Lulus", "% lulus", "Batas bawah", "Batas atas",
            "% lulus (disusutkan)", "Rata-rata post-test", "Peningkatan", "Lemah"]  # fmt: skip
    rows = [
        [
            w.wave or "tanpa ToT",
            w.facilitators,
            w.summary.n,
            w.summary.passed,
            _pct(w.summary.pass_rate),
            *_ci(w.summary.pass_ci),
            _pct(w.shrunk),
            _num(w.summary.post_mean),
            _num(w.summary.gain_mean),
            "ya" if w.weak else "",
        ]  # fmt: skip
        for w in report.waves
    ]
    return head, rows


def _modules(report: Cascade) -> tuple[list[str], list[list[object]]]:
    head = ["No", "Modul", "Jawaban", "Benar", "% benar", "Batas bawah", "Batas atas", "Lemah"]
    rows = [
        [
            m.position,
            safe_cell(m.title),
            m.answered,
            m.correct,
            _pct(m.facility),
            *_ci(m.ci),
            "ya" if m.weak else "",
        ]
        for m in report.modules
    ]
    return head, rows


TABLES: dict[str, Callable[[Cascade], tuple[list[str], list[list[object]]]]] = {
    "fasilitator": _facilitators,
    "gelombang": _waves,
    "modul": _modules,
}


def table_xlsx(report: Cascade, table: str) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(table.capitalize())
    head, rows = TABLES[table](report)
    sheet.append(head)
    for row in rows:
        sheet.append(row)
    return workbook_bytes(workbook)


def cascade_dict(report: Cascade) -> dict[str, object]:
    """The report as plain data for `--json` (intervals as [low, high], dates ISO)."""
    out = asdict(report)
    out["facilitators"] = [
        {**asdict(r), "facilitator": {**asdict(r.facilitator), "wave": _iso(r.facilitator.wave)}}
        for r in report.facilitators
    ]
    out["waves"] = [{**asdict(w), "wave": _iso(w.wave)} for w in report.waves]
    return out


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def cascade_text(report: Cascade, title: str) -> str:
    region = report.region
    lines = [
        f"Kaskade {title}: {region.passed}/{region.n} lulus, {report.attributed} terhubung ke fasilitator"
    ]
    for r in report.facilitators:
        ci = r.summary.pass_ci
        span = f"{ci.low:.2f}-{ci.high:.2f}" if ci else "-"
        flag = " LEMAH" if r.weak else ""
        lines.append(
            f"  {r.facilitator.name[:30]:<30} n={r.summary.n:>4} lulus={r.summary.passed:>4} [{span}] "
            f"susut={r.shrunk or 0:.2f}{flag}"
        )
    for m in report.modules:
        lines.append(
            f"  modul {m.position}. {m.title[:30]:<30} benar={m.correct}/{m.answered}{' LEMAH' if m.weak else ''}"
        )
    c = report.correlation
    lines.append(f"  korelasi nilai ToT - kelulusan: r={c.r if c.r is not None else '-'} n={c.n}")
    return "\n".join(lines)
