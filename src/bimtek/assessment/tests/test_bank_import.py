"""The question bank's XLSX import: a row report like the registry imports, versions on change."""

import io

import pytest

from bimtek.assessment.bank import questions_import
from bimtek.assessment.models import Question, QuestionVersion
from bimtek.audit.models import AuditEntry
from bimtek.elections.models import Election
from bimtek.workforce.tests.factories import xlsx_bytes

pytestmark = pytest.mark.django_db

HEADERS = [
    "Kode",
    "Modul",
    "Jenis",
    "Soal",
    "Pilihan A",
    "Pilihan B",
    "Pilihan C",
    "Kunci",
    "Pembahasan",
    "Rujukan",
]
GOOD = [
    "Q-1",
    "pemungutan",
    "pilihan ganda",
    "Jam buka TPS?",
    "07.00",
    "08.00",
    "09.00",
    "A",
    "TPS dibuka 07.00",
    "PKPU 25/2023",
]
NUMERIC = [
    "Q-2",
    "penghitungan",
    "angka",
    "DPT 250, cadangan 2%?",
    "",
    "",
    "",
    "255",
    "250 + 5",
    "PKPU 25/2023",
]


def load(election: Election, rows: list[list[object]], **flags: bool) -> object:
    return questions_import(
        election=election,
        source=io.BytesIO(xlsx_bytes(rows, HEADERS)),
        filename="bank.xlsx",
        actor="test",
        **flags,
    )


def test_it_reports_a_bad_row_and_stores_nothing(seeded: Election) -> None:
    before = Question.objects.count()
    bad_key = ["Q-3", "pemungutan", "pilihan ganda", "Siapa?", "PPS", "KPPS", "", "D", "", ""]
    report = load(seeded, [GOOD, bad_key, NUMERIC])
    assert [(p.row, p.column, p.code) for p in report.rejected] == [(3, "answer", "answer_not_an_option")]
    assert report.rejected[0].message == "Kunci harus salah satu huruf A-B"
    assert not report.stored and Question.objects.count() == before


def test_it_refuses_formulas_unknown_modules_and_duplicate_codes(seeded: Election) -> None:
    formula = ["Q-4", "pemungutan", "benar/salah", "@SUM(A1)", "", "", "", "Benar", "", ""]
    unknown = ["Q-5", "sejarah", "benar/salah", "Soal", "", "", "", "Benar", "", ""]
    report = load(seeded, [GOOD, formula, unknown, GOOD])
    assert [(p.row, p.column, p.code) for p in report.rejected] == [
        (3, "text", "formula"),
        (4, "bank", "bank_unknown"),
        (5, "code", "code_duplicate"),
    ]


def test_it_keeps_the_good_rows_when_asked(seeded: Election) -> None:
    bad = ["Q-9", "pemungutan", "benar/salah", "Soal", "", "", "", "Mungkin", "", ""]
    report = load(seeded, [GOOD, bad, NUMERIC], keep_good_rows=True)
    assert report.stored and report.imported == 2 and len(report.rejected) == 1
    assert Question.objects.get(election=seeded, code="Q-2").current.answer == 255
    assert AuditEntry.objects.filter(action="assessment.questions_import").count() == 2  # starter + this


def test_it_changes_nothing_on_a_second_import_and_versions_an_edit(seeded: Election) -> None:
    load(seeded, [GOOD, NUMERIC])
    again = load(seeded, [GOOD, NUMERIC])
    assert (again.imported, again.updated, again.unchanged) == (0, 0, 2)
    edited = [*NUMERIC[:7], "256", *NUMERIC[8:]]
    report = load(seeded, [GOOD, edited])
    assert (report.updated, report.unchanged) == (1, 1)
    question = Question.objects.get(election=seeded, code="Q-2")
    assert question.current.number == 2 and question.current.answer == 256
    assert list(QuestionVersion.objects.filter(question=question).values_list("answer", flat=True)) == [
        255,
        256,
    ]
