"""Question banks: import and export as XLSX (the operators' tool), the starter bank, and versions.

Rows are checked one by one first; nothing is stored if a row is refused, unless the operator
keeps the good rows. A question is keyed by its code in the election's bank: an unchanged row
changes nothing, a changed row makes a new version (attempts keep the version they answered).
"""

import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.db import transaction
from openpyxl import Workbook

from bimtek.assessment.curriculum import DATA, curriculum
from bimtek.assessment.models import Module, Question, QuestionKind, QuestionVersion
from bimtek.audit.services import log_action
from bimtek.elections.models import Election
from bimtek.lib.cells import Column, HeaderMatch, cell_text, formula_problem, match_headers
from bimtek.lib.importing import open_table
from bimtek.lib.reports import ImportReport
from bimtek.lib.tabular import Cell

LETTERS = "ABCDEF"
TRUE_WORDS = {"benar", "b", "true", "ya", "t"}
FALSE_WORDS = {"salah", "s", "false", "tidak", "f"}
KIND_WORDS = {
    "mc": QuestionKind.MC,
    "pilihan ganda": QuestionKind.MC,
    "pg": QuestionKind.MC,
    "tf": QuestionKind.TF,
    "benar salah": QuestionKind.TF,
    "b s": QuestionKind.TF,
    "bs": QuestionKind.TF,
    "num": QuestionKind.NUM,
    "angka": QuestionKind.NUM,
    "isian angka": QuestionKind.NUM,
    "hitungan": QuestionKind.NUM,
}
TF_OPTIONS = ["Benar", "Salah"]
HEADERS = [
    "Kode",
    "Modul",
    "Jenis",
    "Soal",
    *(f"Pilihan {x}" for x in LETTERS),
    "Kunci",
    "Pembahasan",
    "Rujukan",
]
COLUMNS = [
    Column("code", ["Kode", "Kode Soal", "ID Soal"], required=True),
    Column("bank", ["Modul", "Bank", "Kode Modul"], required=True),
    Column("kind", ["Jenis", "Jenis Soal", "Tipe"], required=True),
    Column("text", ["Soal", "Pertanyaan", "Teks Soal"], required=True),
    *(Column(f"option_{x}", [f"Pilihan {x}", f"Opsi {x}", x]) for x in LETTERS),
    Column("answer", ["Kunci", "Kunci Jawaban", "Jawaban"], required=True),
    Column("explanation", ["Pembahasan", "Penjelasan"]),
    Column("regulation", ["Rujukan", "Dasar Hukum", "Regulasi"]),
]


@dataclass(frozen=True)
class QuestionSpec:
    code: str
    bank: str
    kind: str
    text: str
    options: tuple[str, ...]
    answer: int
    explanation: str
    regulation: str

    def same_as(self, version: QuestionVersion) -> bool:
        return (
            self.kind == version.kind
            and self.text == version.text
            and list(self.options) == version.options
            and self.answer == version.answer
            and self.explanation == version.explanation
            and self.regulation == version.regulation
        )

    def version_fields(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "text": self.text,
            "options": list(self.options),
            "answer": self.answer,
            "explanation": self.explanation,
            "regulation": self.regulation,
        }


def known_banks(election: Election) -> set[str]:
    banks = set(Module.objects.filter(program__election=election).values_list("bank", flat=True))
    return banks or set(curriculum()["modules"])


def questions_import(
    *,
    election: Election,
    source: Path | IO[bytes],
    filename: str = "",
    actor: Any,
    dry_run: bool = False,
    keep_good_rows: bool = False,
) -> ImportReport:
    table = open_table(source, filename)
    match = match_headers(table.headers, COLUMNS)
    report = ImportReport(dry_run=dry_run)
    banks = known_banks(election)
    specs: list[QuestionSpec] = []
    seen: dict[str, int] = {}
    for number, cells in table.rows:
        spec = _parse_row(number, cells, match, banks, report)
        if spec is None:
            continue
        if spec.code in seen:
            report.reject(
                number, "code", "code_duplicate", f"Kode {spec.code} sudah ada di baris {seen[spec.code]}"
            )
            continue
        seen[spec.code] = number
        specs.append(spec)
    report.name_columns(match.names)
    return _store(
        election,
        specs,
        report,
        actor,
        keep_good_rows,
        {"file": filename, "sha256": table.sha256},
    )


def questions_import_starter(*, election: Election, actor: Any) -> ImportReport:
    """The bank shipped with Bimtek (data/starter_bank.json), loaded like any import."""
    return _store(election, starter_specs(), ImportReport(), actor, False, {"file": "starter_bank.json"})


def starter_specs() -> list[QuestionSpec]:
    """The questions of the bank shipped with Bimtek, as an import would read them."""
    data = json.loads((DATA / "starter_bank.json").read_text(encoding="utf-8"))
    return [
        QuestionSpec(
            q["code"],
            q["bank"],
            q["kind"],
            q["text"],
            tuple(q["options"]),
            int(q["answer"]),
            q["explanation"],
            q["regulation"],
        )
        for q in data["questions"]
    ]


def _parse_row(
    number: int, cells: list[Cell], match: HeaderMatch, banks: set[str], report: ImportReport
) -> QuestionSpec | None:
    for field in match.index:
        if problem := formula_problem(match.get(cells, field)):
            report.reject(number, field, problem.code, problem.message)
            return None
    text = {field: cell_text(match.get(cells, field)) for field in match.index}
    code = text.get("code", "")
    if not code or len(code) > 30:
        report.reject(number, "code", "code_invalid", "Kode soal kosong atau lebih dari 30 karakter")
        return None
    bank = text.get("bank", "").lower()
    if bank not in banks:
        report.reject(
            number,
            "bank",
            "bank_unknown",
            f"Modul '{bank}' tidak dikenal; pilih salah satu: {', '.join(sorted(banks))}",
        )
        return None
    kind = KIND_WORDS.get(" ".join(text.get("kind", "").lower().replace("/", " ").split()))
    if kind is None:
        report.reject(
            number, "kind", "kind_unknown", "Jenis soal harus 'pilihan ganda', 'benar/salah' atau 'angka'"
        )
        return None
    if not text.get("text"):
        report.reject(number, "text", "text_empty", "Teks soal kosong")
        return None
    options, answer = _options_and_answer(number, kind, text, report)
    if answer is None:
        return None
    return QuestionSpec(
        code,
        bank,
        kind,
        text["text"],
        options,
        answer,
        text.get("explanation", ""),
        text.get("regulation", "")[:200],
    )


def _options_and_answer(
    number: int, kind: str, text: dict[str, str], report: ImportReport
) -> tuple[tuple[str, ...], int | None]:
    key = text.get("answer", "").strip()
    if kind == QuestionKind.NUM:
        try:
            return (), int(key)
        except ValueError:
            report.reject(number, "answer", "answer_not_a_number", "Kunci soal angka harus bilangan bulat")
            return (), None
    if kind == QuestionKind.TF:
        word = key.lower()
        if word in TRUE_WORDS or word in FALSE_WORDS:
            return tuple(TF_OPTIONS), 0 if word in TRUE_WORDS else 1
        report.reject(
            number, "answer", "answer_not_true_false", "Kunci soal benar/salah harus 'Benar' atau 'Salah'"
        )
        return (), None
    options = tuple(text.get(f"option_{x}", "") for x in LETTERS)
    last = max((i for i, o in enumerate(options) if o), default=-1)
    options = options[: last + 1]
    if len(options) < 2 or not all(options):
        report.reject(
            number,
            "option_A",
            "options_invalid",
            "Soal pilihan ganda butuh 2-6 pilihan berurutan tanpa yang kosong di tengah",
        )
        return (), None
    letter = key.upper()
    if len(letter) != 1 or letter not in LETTERS[: len(options)]:
        report.reject(
            number,
            "answer",
            "answer_not_an_option",
            f"Kunci harus salah satu huruf {LETTERS[0]}-{LETTERS[len(options) - 1]}",
        )
        return (), None
    return options, LETTERS.index(letter)


def _store(
    election: Election,
    specs: list[QuestionSpec],
    report: ImportReport,
    actor: Any,
    keep_good_rows: bool,
    audit: dict[str, Any],
) -> ImportReport:
    existing = {q.code: q for q in Question.objects.filter(election=election).select_related("current")}
    changes: list[tuple[QuestionSpec, Question | None]] = []
    for spec in specs:
        question = existing.get(spec.code)
        if (
            question is not None
            and question.current is not None
            and question.bank == spec.bank
            and spec.same_as(question.current)
        ):
            report.unchanged += 1
        else:
            changes.append((spec, question))
            if question is None:
                report.imported += 1
            else:
                report.updated += 1
    report.rejected.sort(key=lambda p: p.row)
    if (report.rejected and not keep_good_rows) or report.dry_run:
        return report
    with transaction.atomic(durable=True):
        for spec, question in changes:
            _write(election, spec, question)
        report.stored = True
        log_action(
            actor=actor,
            action="assessment.questions_import",
            object_type="election",
            object_id=election.pk,
            after={
                **audit,
                "imported": report.imported,
                "updated": report.updated,
                "unchanged": report.unchanged,
                "rejected_rows": report.rejected_row_count,
            },
        )
    return report


def _write(election: Election, spec: QuestionSpec, question: Question | None) -> QuestionVersion:
    if question is None:
        question = Question.objects.create(election=election, bank=spec.bank, code=spec.code)
        number = 1
    else:
        number = (question.current.number if question.current else 0) + 1
    version = QuestionVersion.objects.create(question=question, number=number, **spec.version_fields())
    question.current, question.bank, question.active = version, spec.bank, True
    question.save(update_fields=["current", "bank", "active"])
    return version


@transaction.atomic(durable=True)
def question_revise(*, question: Question, spec: QuestionSpec, actor: Any) -> QuestionVersion:
    """An edit: a new version becomes current; attempts keep pointing at the version they were given."""
    before = question.current.number if question.current else 0
    version = _write(question.election, spec, question)
    log_action(
        actor=actor,
        action="assessment.question_revise",
        object_type="question",
        object_id=question.pk,
        before={"version": before},
        after={"version": version.number, "code": question.code},
    )
    return version


def spec_of(version: QuestionVersion, **changes: Any) -> QuestionSpec:
    fields = {
        "code": version.question.code,
        "bank": version.question.bank,
        "kind": version.kind,
        "text": version.text,
        "options": tuple(version.options),
        "answer": version.answer,
        "explanation": version.explanation,
        "regulation": version.regulation,
    }
    return QuestionSpec(**{**fields, **changes})


def answer_label(kind: str, answer: int) -> str:
    if kind == QuestionKind.NUM:
        return str(answer)
    if kind == QuestionKind.TF:
        return TF_OPTIONS[answer]
    return LETTERS[answer]


def questions_export(*, election: Election) -> bytes:
    """The bank as XLSX in the import's own columns, so an export edited and imported again round-trips."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Bank soal")
    sheet.append(HEADERS)
    kinds = {QuestionKind.MC: "pilihan ganda", QuestionKind.TF: "benar/salah", QuestionKind.NUM: "angka"}
    rows = (
        Question.objects.filter(election=election, active=True)
        .select_related("current")
        .order_by("bank", "code")
    )
    for q in rows:
        v = q.current
        if v is None:
            continue
        options = list(v.options) if v.kind == QuestionKind.MC else []
        sheet.append(
            [
                q.code,
                q.bank,
                kinds[QuestionKind(v.kind)],
                v.text,
                *(options + [""] * (len(LETTERS) - len(options))),
                answer_label(v.kind, v.answer),
                v.explanation,
                v.regulation,
            ]
        )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
