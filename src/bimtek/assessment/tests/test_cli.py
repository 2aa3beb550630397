"""The CLI through the CLI: program seed and the question bank commands, JSON asserted."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from bimtek.assessment.models import Module, Program, Question, TestForm
from bimtek.elections.models import Election

pytestmark = pytest.mark.django_db


def run(*args: str) -> dict[str, object]:
    out = io.StringIO()
    call_command(*args, "--json", stdout=out)
    result: dict[str, object] = json.loads(out.getvalue())
    return result


def test_it_seeds_the_standard_programs(pemilu: Election) -> None:
    assert run("program", "seed", "--election", pemilu.slug) == {
        "election": "pemilu-2024",
        "programs": 3,
        "modules": 14,
        "forms": 6,
        "unchanged": 0,
    }
    tot = Program.objects.get(election=pemilu, kind="tot")
    titles = list(tot.modules.values_list("title", flat=True))
    assert titles[0] == "Pengantar, harapan dan komitmen belajar"
    assert titles[-1] == "Evaluasi dan rencana tindak lanjut (RTL)"
    counting = Module.objects.get(program=tot, bank="penghitungan")
    assert [p["minutes"] for p in counting.parts] == [30, 50, 50, 20] and counting.minutes == 150
    assert TestForm.objects.filter(program__election=pemilu).count() == 6


def test_it_leaves_an_edited_program_alone_when_seeding_again(pemilu: Election) -> None:
    run("program", "seed", "--election", pemilu.slug)
    Program.objects.filter(kind="tot").update(pass_mark=80)
    assert run("program", "seed", "--election", pemilu.slug)["unchanged"] == 3
    assert Program.objects.get(kind="tot").pass_mark == 80


def test_it_refuses_an_unknown_election_with_status_2(db: None) -> None:
    with pytest.raises(CommandError) as error:
        call_command("program", "seed", "--election", "tidak-ada", "--json", stdout=io.StringIO())
    assert error.value.returncode == 2


def test_it_loads_the_starter_bank_and_then_changes_nothing(pemilu: Election) -> None:
    run("program", "seed", "--election", pemilu.slug)
    first = run("questions", "import-starter", "--election", pemilu.slug)
    assert first["imported"] == Question.objects.filter(election=pemilu).count() >= 80
    again = run("questions", "import-starter", "--election", pemilu.slug)
    assert again["imported"] == 0 and again["updated"] == 0 and again["unchanged"] == first["imported"]


def test_it_exports_and_imports_the_bank_unchanged(pemilu: Election, tmp_path: Path) -> None:
    run("program", "seed", "--election", pemilu.slug)
    run("questions", "import-starter", "--election", pemilu.slug)
    out = tmp_path / "bank.xlsx"
    assert run("questions", "export", "--election", pemilu.slug, str(out))["file"] == str(out)
    report = run("questions", "import", str(out), "--election", pemilu.slug)
    assert report["unchanged"] == Question.objects.count() and report["imported"] == report["updated"] == 0


def test_it_rejects_a_bad_file_with_status_1_and_a_row_report(pemilu: Election, tmp_path: Path) -> None:
    run("program", "seed", "--election", pemilu.slug)
    bad = tmp_path / "bad.csv"
    bad.write_text("Kode,Modul,Jenis,Soal,Kunci\nX-1,pemungutan,angka,Berapa?,dua\n")
    out = io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command("questions", "import", str(bad), "--election", pemilu.slug, "--json", stdout=out)
    assert error.value.returncode == 1
    report = json.loads(out.getvalue())
    assert report["rejected"] == [
        {
            "row": 2,
            "column": "answer",
            "code": "answer_not_a_number",
            "message": "Kunci soal angka harus bilangan bulat",
            "header": "Kunci",
        }
    ]
    assert report["stored"] is False and not Question.objects.exists()
