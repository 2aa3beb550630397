"""`bimtek drill new|score` through the CLI, and the printable worksheet."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from bimtek.drill.core.form import with_boxes
from bimtek.drill.core.generator import new_drill
from bimtek.drill.core.schema import form_to_json


def run(*args: str) -> tuple[int, str]:
    out = StringIO()
    try:
        call_command("drill", *args, stdout=out, stderr=StringIO())
    except CommandError as exc:
        return exc.returncode, out.getvalue()
    return 0, out.getvalue()


def test_it_prints_the_story_without_the_answer() -> None:
    status, out = run("new", "--seed", "11", "--level", "easy")
    assert status == 0
    assert out.startswith("Anda anggota KPPS di TPS")
    assert "Kunci jawaban" not in out


def test_it_gives_the_same_drill_as_json_for_the_same_seed() -> None:
    first = json.loads(run("new", "--seed", "11", "--level", "hard", "--election", "pilkada", "--json")[1])
    again = json.loads(run("new", "--seed", "11", "--level", "hard", "--election", "pilkada", "--json")[1])
    assert first == again
    assert (first["seed"], first["level"], first["election"]) == (11, "hard", "pilkada")
    assert first["story"] == list(new_drill(11, "hard", "pilkada").story)
    assert "answer" not in first


def test_it_adds_the_true_form_with_answer() -> None:
    status, out = run("new", "--seed", "11", "--level", "hard", "--answer", "--json")
    assert status == 0
    payload = json.loads(out)
    assert payload["answer"] == form_to_json(new_drill(11, "hard").truth)
    assert len(payload["traps"]) >= 3


def test_it_prints_the_answer_box_by_box_for_people() -> None:
    out = run("new", "--seed", "11", "--level", "easy", "--answer")[1]
    assert "Kunci jawaban:" in out
    assert "I.B.4.total" in out


def test_it_writes_a_worksheet_pdf_with_the_story(tmp_path: Path) -> None:
    pdf = tmp_path / "lembar.pdf"
    status, out = run("new", "--seed", "4", "--level", "hard", "--pdf", str(pdf), "--json")
    assert status == 0
    assert json.loads(out)["pdf"] == str(pdf)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    assert data.rstrip().endswith(b"%%EOF")
    # Uncompressed on purpose, so the story's sentences can be found in the bytes.
    dpt_line = new_drill(4, "hard").story[1]
    assert f"({dpt_line}) Tj".encode() in data
    assert b"Jumlah" in data  # the empty grid's header


def test_it_refuses_an_unknown_level() -> None:
    # call_command turns argparse's exit 2 into a CommandError; the console script exits 2.
    with pytest.raises(CommandError, match="invalid choice: 'medium'"):
        call_command("drill", "new", "--seed", "1", "--level", "medium", stdout=StringIO())


def test_it_scores_a_trainee_form(tmp_path: Path) -> None:
    truth = new_drill(9, "hard").truth
    used = truth.ballots.used
    assert used is not None
    trainee = tmp_path / "isian.json"
    trainee.write_text(json.dumps(form_to_json(with_boxes(truth, {"II.2": used + 2}))))
    status, out = run("score", str(trainee), "--seed", "9", "--level", "hard", "--json")
    assert status == 0
    report = json.loads(out)
    assert report["wrong"] == [{"path": "II.2", "expected": used, "given": used + 2}]
    assert report["score"] < 100
    assert {e["code"] for e in report["errors"]} == {"used_vs_turnout", "ballots_balance"}


def test_it_rejects_a_trainee_file_with_a_wrong_type(tmp_path: Path) -> None:
    trainee = tmp_path / "isian.json"
    trainee.write_text(json.dumps({"valid": "banyak"}))
    status, out = run("score", str(trainee), "--seed", "9", "--level", "easy", "--json")
    assert status == 1
    assert json.loads(out)["field"] == "valid"
