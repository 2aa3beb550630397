"""`bimtek program form-fixed`: a form's fixed questions set from the command line, JSON asserted.

Exit status follows `bimtek.lib.commands`: 1 when the list is refused (nothing stored), 2 when the call
itself is wrong (no such program or test, an --auto that is not N-per-module).
"""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from bimtek.assessment.models import FormMode, Question
from bimtek.assessment.tests.conftest import kpps_form, kpps_program
from bimtek.elections.models import Election

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[int, dict[str, object]]:
    out = io.StringIO()
    try:
        call_command("program", "form-fixed", *args, "--json", stdout=out)
    except CommandError as exc:
        return exc.returncode, json.loads(out.getvalue()) if out.getvalue() else {"error": str(exc)}
    return 0, json.loads(out.getvalue())


def test_it_sets_the_fixed_questions_by_code_in_the_order_given(seeded: Election) -> None:
    program = kpps_program(seeded)
    status, report = run("--program", str(program.pk), "--kind", "post", "--questions", "PH-002,TK-001")
    assert status == 0
    by_code = dict(Question.objects.filter(election=seeded).values_list("code", "pk"))
    assert report == {
        "program": program.pk,
        "kind": "post",
        "form": kpps_form(seeded, "post").pk,
        "mode": "fixed",
        "questions": [
            {"id": by_code["PH-002"], "code": "PH-002"},
            {"id": by_code["TK-001"], "code": "TK-001"},
        ],
        "stored": True,
    }
    form = kpps_form(seeded, "post")
    assert (form.mode, form.fixed_questions) == (FormMode.FIXED, [by_code["PH-002"], by_code["TK-001"]])
    assert kpps_form(seeded, "pre").fixed_questions == []  # the other stage is left alone


def test_it_accepts_question_ids_too(seeded: Election) -> None:
    program = kpps_program(seeded)
    pk = Question.objects.get(election=seeded, code="SM-001").pk
    status, report = run("--program", str(program.pk), "--kind", "pre", "--questions", str(pk))
    assert status == 0 and report["questions"] == [{"id": pk, "code": "SM-001"}]


def test_it_picks_the_first_n_of_each_tested_module_by_code(seeded: Election) -> None:
    program = kpps_program(seeded)
    status, report = run("--program", str(program.pk), "--kind", "pre", "--auto", "2-per-module")
    assert status == 0
    codes = [q["code"] for q in report["questions"]]  # type: ignore[index]  # the command's JSON, parsed as Any-typed dict
    # modules in program order; "pengantar" has no questions per test, so it is not tested
    assert codes == ["TK-001", "TK-002", "PG-001", "PG-002", "PH-001", "PH-002", "SM-001", "SM-002"]
    assert run("--program", str(program.pk), "--kind", "pre", "--auto", "2")[1] == report  # same pick


@pytest.mark.parametrize(
    ("questions", "code"),
    [
        ("TK-001,987654", "fixed_question_unknown"),
        ("TK-001,BUKAN-KODE", "fixed_question_unknown"),
        ("TK-001,TK-001", "fixed_question_duplicate"),
        ("TK-001,LM-001", "fixed_question_outside_program"),
        (",", "fixed_questions_empty"),
    ],
)
def test_it_refuses_a_bad_list_with_status_1_a_code_and_nothing_stored(
    seeded: Election, questions: str, code: str
) -> None:
    program = kpps_program(seeded)
    status, report = run("--program", str(program.pk), "--kind", "pre", "--questions", questions)
    assert status == 1
    assert report["code"] == code and report["field"] == "questions" and report["stored"] is False
    assert isinstance(report["error"], str) and report["error"]
    form = kpps_form(seeded, "pre")
    assert (form.mode, form.fixed_questions) == (FormMode.BLUEPRINT, [])


def test_it_refuses_an_auto_pick_larger_than_a_modules_bank(seeded: Election) -> None:
    program = kpps_program(seeded)
    status, report = run("--program", str(program.pk), "--kind", "pre", "--auto", "11-per-module")
    assert status == 1 and report["code"] == "bank_too_small" and report["field"] == "auto"
    assert "simulasi" in str(report["error"])  # the module with only 10 questions is named
    assert kpps_form(seeded, "pre").fixed_questions == []


@pytest.mark.parametrize(
    "args",
    [
        ("--program", "999999", "--kind", "pre", "--questions", "TK-001"),
        ("--program", "{program}", "--kind", "pre", "--auto", "banyak"),
        ("--program", "{program}", "--kind", "pre", "--auto", "0-per-module"),
    ],
)
def test_it_answers_a_wrong_call_with_status_2(seeded: Election, args: tuple[str, ...]) -> None:
    program = kpps_program(seeded)
    status, report = run(*(a.format(program=program.pk) for a in args))
    assert status == 2 and report["error"]
    assert kpps_form(seeded, "pre").fixed_questions == []


def test_it_needs_either_a_list_or_an_auto_pick(seeded: Election) -> None:
    program = kpps_program(seeded)
    with pytest.raises(CommandError):  # argparse: one of --questions and --auto is required
        call_command("program", "form-fixed", "--program", str(program.pk), "--kind", "pre")
