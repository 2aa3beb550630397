"""Paper: the sheet is drawn and shuffled from the seed; a filled sheet imported later scores the same."""

import io

import pytest

from bimtek.accounts.scoping import Scope
from bimtek.assessment.attempts import attempts_issue, shown_options, versions_of
from bimtek.assessment.bank import LETTERS
from bimtek.assessment.core.draw import attempt_seed
from bimtek.assessment.core.scoring import Key, mark
from bimtek.assessment.models import Attempt, AttemptMode, AttemptStatus
from bimtek.assessment.paper import answers_import, sheets_pdf
from bimtek.assessment.tests.conftest import kpps_form
from bimtek.conftest import LENGGANG
from bimtek.elections.models import Election
from bimtek.workforce.tests.factories import xlsx_bytes

pytestmark = pytest.mark.django_db
NATIONAL = Scope(None, None)


def _written(attempt: Attempt, pattern: int) -> tuple[list[object], list[int | None]]:
    """What a participant writes on the sheet (shown letters), and the original answers it means."""
    cells: list[object] = []
    meant: list[int | None] = []
    for n, v in enumerate(versions_of(attempt)):
        right = (n + pattern) % 3 != 0
        if v.kind == "num":
            value = v.answer if right else v.answer + 7
            cells.append(value)
            meant.append(value)
        elif v.kind == "tf":
            value = v.answer if right else 1 - v.answer
            cells.append("B" if value == 0 else "S")
            meant.append(value)
        else:
            options = shown_options(attempt, v)
            shown = next(i for i, (orig, _) in enumerate(options) if (orig == v.answer) == right)
            cells.append(LETTERS[shown])
            meant.append(options[shown][0])
    return cells, meant


def test_it_scores_a_filled_paper_sheet_as_the_same_answers_online(lenggang_crews: Election) -> None:
    form = kpps_form(lenggang_crews)
    assert attempts_issue(form=form, region_code=LENGGANG, mode="paper", actor="test", scope=NATIONAL) == 14
    attempts = list(
        Attempt.objects.filter(form=form).select_related("person", "form__program").order_by("pk")
    )
    pdf = sheets_pdf(attempts=attempts[:3], take_url="http://contoh/asesmen/t/")
    assert pdf.startswith(b"%PDF") and len(pdf) > 5000

    rows, expected = [], {}
    for i, attempt in enumerate(attempts[:5]):
        assert attempt.seed == attempt_seed(form.pk, attempt.person_id)  # reproducible from form and person
        cells, meant = _written(attempt, i)
        rows.append([attempt.code.lower(), *cells])  # a code typed in lower case is still found
        expected[attempt.code] = mark([Key(v.kind, v.answer) for v in versions_of(attempt)], meant)
    headers = ["Kode Lembar", *(str(n) for n in range(1, len(rows[0])))]
    report = answers_import(
        form=form,
        source=io.BytesIO(xlsx_bytes(rows, headers)),
        filename="lembar.xlsx",
        actor="test",
        scope=NATIONAL,
    )
    assert report.stored and report.imported == 5 and not report.rejected
    for code, marked in expected.items():
        attempt = Attempt.objects.get(code=code)
        assert attempt.status == AttemptStatus.SUBMITTED
        assert (attempt.score, attempt.percent) == (marked.score, marked.percent)
        assert 0 < attempt.score < len(marked.marks)

    again = answers_import(
        form=form,
        source=io.BytesIO(xlsx_bytes(rows, headers)),
        filename="lembar.xlsx",
        actor="test",
        scope=NATIONAL,
    )
    assert (again.imported, again.updated, again.unchanged) == (0, 0, 5)


def test_it_reports_a_bad_answer_and_stores_nothing(lenggang_crews: Election) -> None:
    form = kpps_form(lenggang_crews)
    attempts_issue(form=form, region_code=LENGGANG, mode="paper", actor="test", scope=NATIONAL)
    attempt = Attempt.objects.filter(form=form).first()
    cells, _ = _written(attempt, 0)
    mc = next(i for i, v in enumerate(versions_of(attempt)) if v.kind == "mc")
    cells[mc] = "Z"
    rows = [[attempt.code, *cells], ["TIDAKADA", *cells]]
    headers = ["Kode Lembar", *(str(n) for n in range(1, len(cells) + 1))]
    report = answers_import(
        form=form,
        source=io.BytesIO(xlsx_bytes(rows, headers)),
        filename="x.xlsx",
        actor="test",
        scope=NATIONAL,
    )
    assert [(p.row, p.column, p.code) for p in report.rejected] == [
        (2, str(mc + 1), "answer_invalid"),
        (3, "code", "sheet_unknown"),
    ]
    assert report.rejected[0].message.startswith("Jawaban harus salah satu huruf A-")
    assert not report.stored and not Attempt.objects.filter(status=AttemptStatus.SUBMITTED).exists()


def test_it_imports_scores_alone_and_keeps_them_out_of_item_analysis(lenggang_crews: Election) -> None:
    form = kpps_form(lenggang_crews)
    attempts_issue(form=form, region_code=LENGGANG, mode="paper", actor="test", scope=NATIONAL)
    codes = list(Attempt.objects.filter(form=form).values_list("code", flat=True)[:2])
    rows = [[codes[0], "85"], [codes[1], "120"]]
    report = answers_import(
        form=form,
        source=io.BytesIO(xlsx_bytes(rows, ["Kode Lembar", "Nilai"])),
        filename="n.xlsx",
        actor="test",
        scope=NATIONAL,
        keep_good_rows=True,
    )
    assert [(p.row, p.code) for p in report.rejected] == [(3, "score_invalid")]
    scored = Attempt.objects.get(code=codes[0])
    assert scored.percent == 85 and scored.passed and scored.mode == AttemptMode.SCORE


def test_it_does_not_find_sheets_outside_the_importers_scope(lenggang_crews: Election) -> None:
    form = kpps_form(lenggang_crews)
    attempts_issue(form=form, region_code=LENGGANG, mode="paper", actor="test", scope=NATIONAL)
    code = Attempt.objects.filter(form=form).values_list("code", flat=True).first()
    neighbour = Scope("19.06.02.2002", None)
    report = answers_import(
        form=form,
        source=io.BytesIO(xlsx_bytes([[code, "90"]], ["Kode Lembar", "Nilai"])),
        filename="n.xlsx",
        actor="test",
        scope=neighbour,
    )
    assert [p.code for p in report.rejected] == ["sheet_unknown"]
