"""Tests on paper: an answer sheet per participant (with a QR code of the sheet's code), and the
import of the filled sheets' answers, or of scores alone, from XLSX with the usual row report.

The letters on a sheet are the options in the order that participant saw them; the import turns
them back into the original options with the same seed, so paper and phone are marked alike.
"""

import io
from pathlib import Path
from typing import IO, Any

import segno
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Image, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table
from reportlab.platypus.flowables import Flowable

from bimtek.accounts.scoping import Scope
from bimtek.assessment.attempts import _score, shown_options, versions_of
from bimtek.assessment.bank import FALSE_WORDS, LETTERS, TRUE_WORDS
from bimtek.assessment.models import (
    Attempt,
    AttemptMode,
    AttemptStatus,
    QuestionKind,
    QuestionVersion,
    TestForm,
)
from bimtek.assessment.packing import pack, unpack
from bimtek.audit.services import log_action
from bimtek.lib.cells import Column, HeaderMatch, cell_text, formula_problem, match_headers
from bimtek.lib.importing import finish, open_table
from bimtek.lib.reports import ImportReport
from bimtek.lib.signals import training_recorded
from bimtek.lib.tabular import Cell

MAX_ITEMS = 100
# The PDF's standard fonts have no glyphs for these; the sheet says the same in ASCII.
_PLAIN = str.maketrans({"≤": "<=", "≥": ">=", "→": "->", "Σ": "jumlah ", "−": "-", "…": "..."})


def _plain(text: str) -> str:
    return text.translate(_PLAIN).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def sheets_pdf(*, attempts: list[Attempt], take_url: str = "") -> bytes:
    """One answer sheet per attempt, each starting on a new page."""
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=12 * mm,
        bottomMargin=12 * mm,
        title="Lembar jawaban",
        invariant=1,
    )
    story: list[Flowable] = []
    for i, attempt in enumerate(attempts):
        if i:
            story.append(PageBreak())
        story += _sheet(attempt, take_url)
    doc.build(story or [Paragraph("Tidak ada peserta", getSampleStyleSheet()["BodyText"])])
    return buffer.getvalue()


def _sheet(attempt: Attempt, take_url: str) -> list[Flowable]:
    styles = getSampleStyleSheet()
    body, small = styles["BodyText"], styles["Italic"]
    qr = segno.make(f"{take_url}{attempt.code}" if take_url else attempt.code, error="m")
    png = io.BytesIO()
    qr.save(png, kind="png", scale=3, border=1)
    png.seek(0)
    form = attempt.form
    header = [
        Paragraph(f"<b>{_plain(str(form))}</b>", styles["Heading3"]),
        Paragraph(f"Nama: <b>{_plain(attempt.person.name)}</b>", body),
        Paragraph(f"Wilayah: {_plain(attempt.region_id)} · Kode lembar: <b>{attempt.code}</b>", body),
        Paragraph("Lingkari satu huruf untuk setiap soal; tulis angka untuk soal isian.", small),
    ]
    flow: list[Flowable] = [
        Table([[header, Image(png, width=28 * mm, height=28 * mm)]], colWidths=[150 * mm, 30 * mm])
    ]
    flow.append(Spacer(1, 3 * mm))
    for n, version in enumerate(versions_of(attempt), start=1):
        flow.append(Paragraph(f"<b>{n}.</b> {_plain(version.text)}", body))
        if version.kind == QuestionKind.NUM:
            flow.append(Paragraph("Jawaban: [ ____________ ]", body))
            continue
        options = shown_options(attempt, version)
        if version.kind == QuestionKind.TF:
            flow.append(Paragraph("( B ) Benar &nbsp;&nbsp; ( S ) Salah", body))
            continue
        for letter, (_, text) in zip(LETTERS, options, strict=False):
            flow.append(Paragraph(f"&nbsp;&nbsp;( {letter} ) {_plain(text)}", body))
    return flow


def _columns(items: int) -> list[Column]:
    return [
        Column("code", ["Kode Lembar", "Kode", "Kode Peserta"], required=True),
        Column("percent", ["Nilai", "Skor", "Nilai (%)"]),
        *(Column(f"q{n}", [str(n), f"Soal {n}", f"No {n}"]) for n in range(1, items + 1)),
    ]


def _answer(version: QuestionVersion, attempt: Attempt, cell: Cell) -> tuple[int | None, str | None]:
    """The original answer for what was written on the sheet, or an error message."""
    text = cell_text(cell).strip()
    if not text:
        return None, None
    if version.kind == QuestionKind.NUM:
        try:
            return int(text), None
        except ValueError:
            return None, "Jawaban soal isian harus bilangan bulat"
    if version.kind == QuestionKind.TF:
        word = text.lower()
        if word in TRUE_WORDS or word in FALSE_WORDS:
            return (0 if word in TRUE_WORDS else 1), None
        return None, "Jawaban benar/salah harus B atau S"
    options = shown_options(attempt, version)
    letter = text.upper()
    if len(letter) == 1 and letter in LETTERS[: len(options)]:
        return options[LETTERS.index(letter)][0], None
    return None, f"Jawaban harus salah satu huruf A-{LETTERS[len(options) - 1]}"


def answers_import(
    *,
    form: TestForm,
    source: Path | IO[bytes],
    filename: str = "",
    actor: Any,
    scope: Scope,
    dry_run: bool = False,
    keep_good_rows: bool = False,
) -> ImportReport:
    table = open_table(source, filename)
    match = match_headers(table.headers, _columns(MAX_ITEMS))
    report = ImportReport(dry_run=dry_run)
    rows = list(table.rows)
    codes = {cell_text(match.get(cells, "code")).upper() for _, cells in rows}
    attempts = {
        a.code: a
        for a in Attempt.objects.in_scope(scope)
        .filter(form=form, code__in=codes)
        .select_related("form__program")
    }
    planned: list[Attempt] = []
    seen: set[str] = set()
    for number, cells in rows:
        attempt = _row(number, cells, match, attempts, seen, report)
        if attempt is not None:
            planned.append(attempt)

    def store() -> None:
        for attempt in planned:
            attempt.save(
                update_fields=["answers", "score", "percent", "passed", "status", "submitted_at", "mode"]
            )
        log_action(
            actor=actor,
            action="assessment.answers_import",
            object_type="testform",
            object_id=form.pk,
            region_code=scope.region_code or "",
            after=report.audit_record(filename=filename, sha256=table.sha256),
        )
        training_recorded.send(
            sender=Attempt, election_id=form.program.election_id, person_ids=[a.person_id for a in planned]
        )

    return finish(report, match, store=store, keep_good_rows=keep_good_rows)


def _row(
    number: int,
    cells: list[Cell],
    match: HeaderMatch,
    attempts: dict[str, Attempt],
    seen: set[str],
    report: ImportReport,
) -> Attempt | None:
    for field in match.index:
        if problem := formula_problem(match.get(cells, field)):
            report.reject(number, field, problem.code, problem.message)
            return None
    code = cell_text(match.get(cells, "code")).upper()
    attempt = attempts.get(code)
    if attempt is None:
        report.reject(
            number, "code", "sheet_unknown", "Kode lembar tidak dikenal untuk tes ini di wilayah Anda"
        )
        return None
    if code in seen:
        report.reject(number, "code", "sheet_duplicate", "Kode lembar muncul lebih dari sekali")
        return None
    seen.add(code)
    before = (attempt.status, bytes(attempt.answers), attempt.percent)
    items = unpack(attempt.items)
    answered = [f"q{n}" for n in range(1, len(items) + 1) if f"q{n}" in match.index]
    if answered:
        if not _mark_answers(number, cells, match, attempt, report):
            return None
    elif not _set_score(number, cell_text(match.get(cells, "percent")), attempt, len(items), report):
        return None
    if before[0] == AttemptStatus.SUBMITTED and (before[1], before[2]) == (
        bytes(attempt.answers),
        attempt.percent,
    ):
        report.unchanged += 1
        return None
    if before[0] == AttemptStatus.SUBMITTED:
        report.updated += 1
    else:
        report.imported += 1
    return attempt


def _mark_answers(
    number: int, cells: list[Cell], match: HeaderMatch, attempt: Attempt, report: ImportReport
) -> bool:
    answers: list[int | None] = []
    for n, version in enumerate(versions_of(attempt), start=1):
        value, problem = _answer(version, attempt, match.get(cells, f"q{n}"))
        if problem:
            report.reject(number, str(n), "answer_invalid", problem)
            return False
        answers.append(value)
    if attempt.mode == AttemptMode.SCORE:
        attempt.mode = AttemptMode.PAPER
    _score(attempt, answers)
    return True


def _set_score(number: int, text: str, attempt: Attempt, items: int, report: ImportReport) -> bool:
    try:
        percent = float(text.replace(",", "."))
    except ValueError:
        percent = -1.0
    if not 0 <= percent <= 100:
        report.reject(
            number, "percent", "score_invalid", "Nilai harus angka 0-100, atau isi jawaban per soal"
        )
        return False
    attempt.answers = pack([None] * items)
    attempt.score = round(percent * items / 100)
    attempt.percent = round(percent, 2)
    attempt.passed = percent >= attempt.form.program.pass_mark
    attempt.status = AttemptStatus.SUBMITTED
    attempt.mode = AttemptMode.SCORE
    return True
