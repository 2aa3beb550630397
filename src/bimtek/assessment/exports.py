"""The item analysis as XLSX: the same table as the page, with the formulas named in the header."""

import io

from openpyxl import Workbook

from bimtek.assessment.bank import answer_label
from bimtek.assessment.models import TestForm
from bimtek.assessment.selectors import FormAnalysis


def _pct(value: float | None) -> float | None:
    return None if value is None else round(100 * value, 1)


def analysis_xlsx(form: TestForm, analysis: FormAnalysis) -> bytes:
    workbook = Workbook(write_only=True)
    test = workbook.create_sheet("Tes")
    t = analysis.test
    test.append(["Tes", str(form)])
    for label, value in [
        ("Percobaan pertama", t.attempts),
        ("Posisi soal", t.items),
        ("Rata-rata (%)", t.mean_percent),
        ("Simpangan baku (skor)", t.sd),
        ("Alpha Cronbach / KR-20", t.alpha),
        ("Rasio galat", t.error_ratio),
        ("Galat baku pengukuran (skor)", t.sem),
    ]:
        test.append([label, value])
    items = workbook.create_sheet("Butir")
    items.append(
        [
            "Kode",
            "Versi",
            "Modul",
            "Jenis",
            "Kunci",
            "Percobaan",
            "Indeks kemudahan (%)",
            "Simpangan baku",
            "Indeks diskriminasi (%)",
            "Point-biserial (%)",
            "Efisiensi diskriminatif (%)",
            "Kosong",
            "Pilihan A",
            "Pilihan B",
            "Pilihan C",
            "Pilihan D",
            "Pilihan E",
            "Pilihan F",
            "Tanda",
        ]
    )
    for row in analysis.items:
        v, s = row.version, row.stat
        choices = list(s.choices[:6]) + [None] * (6 - len(s.choices[:6]))
        items.append(
            [
                v.question.code,
                v.number,
                v.question.bank,
                v.kind,
                answer_label(v.kind, v.answer),
                s.attempts,
                _pct(s.facility),
                s.sd,
                _pct(s.discrimination),
                _pct(s.point_biserial),
                _pct(s.efficiency),
                s.blank,
                *choices,
                ", ".join(s.flags),
            ]
        )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
